/**
 * Latin1 decoding for the head parser (RFC 9112 §2.2: a head is a sequence of octets; one octet
 * per character keeps text offsets equal to byte offsets). Same output as `decodeLatin1` in
 * shared/bytes.ts, without spreading a typed array (which goes through the iterator protocol and
 * dominated the cost of parsing a head).
 */

/** Largest argument list passed to `String.fromCharCode` at once. */
const CHUNK = 4096;

/** Decodes `bytes[start..end)` one octet per character. */
export function latin1Text(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= CHUNK) {
    return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  }
  let out = '';
  for (let i = start; i < end; i += CHUNK) {
    const stop = Math.min(end, i + CHUNK);
    out += String.fromCharCode.apply(null, bytes.subarray(i, stop) as unknown as number[]);
  }
  return out;
}
