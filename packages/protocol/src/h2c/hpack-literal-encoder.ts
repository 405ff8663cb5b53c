/**
 * A minimal HPACK encoder (RFC 7541): every field is a "Literal Header Field without Indexing —
 * New Name" (§6.2.2) with raw (non-Huffman) strings (§5.2). Such a block is valid for any
 * decoder and never touches either side's dynamic table (§6.2.2: "the decoder MUST NOT add the
 * field to the dynamic table"). Two users: the server, which inserts stream 1's HEADERS into a
 * connection whose other blocks come from the client's encoder (h2c upgrade, RFC 7540 §3.2);
 * and the probe's HTTP/2 client, whose sent fields can then be read back from the bytes alone,
 * exactly as written.
 */

/** An integer with an N-bit prefix (RFC 7541 §5.1); `high` holds the bits above the prefix. */
export function encodeHpackInteger(value: number, prefixBits: number, high = 0): number[] {
  const max = (1 << prefixBits) - 1;
  if (value < max) return [high | value];
  const out = [high | max];
  let rest = value - max;
  // Bounded: each round divides by 128.
  while (rest >= 128) {
    out.push((rest % 128) + 128);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

/** A string literal of latin1 text (one octet per char): H bit 0, 7-bit-prefix length (§5.2). */
function pushString(out: number[], text: string): void {
  for (const b of encodeHpackInteger(text.length, 7, 0x00)) out.push(b);
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i) & 0xff);
}

/**
 * Encodes a field block. Names must already be lowercase (RFC 9113 §8.2.1) and pseudo-header
 * fields must come first (§8.3): both are the caller's choice, so a client can show exactly what
 * it sent (even a malformed block). Values are written as given, one octet per char.
 */
export function encodeHpackLiterals(fields: readonly (readonly [string, string])[]): Uint8Array {
  const out: number[] = [];
  for (const [name, value] of fields) {
    out.push(0x00); // §6.2.2: 0000 and a 4-bit index of 0: a new name follows
    pushString(out, name);
    pushString(out, value);
  }
  return Uint8Array.from(out);
}
