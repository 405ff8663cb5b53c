/**
 * A minimal HPACK encoder (RFC 7541) that writes every field as a "Literal Header Field without
 * Indexing — New Name" (§6.2.2) with plain (non-Huffman) strings (§5.2). Such a block is valid
 * for any decoder and leaves the decoder's dynamic table untouched (§6.2.2: "the decoder MUST
 * NOT add the field to the dynamic table"), which is what lets us insert a HEADERS frame into a
 * connection whose other header blocks come from a different encoder (the client's).
 */

/** Integer with an N-bit prefix (RFC 7541 §5.1); `first` holds the bits above the prefix. */
export function encodeHpackInteger(value: number, prefixBits: number, first = 0): number[] {
  const max = (1 << prefixBits) - 1;
  if (value < max) return [first | value];
  const out = [first | max];
  let rest = value - max;
  while (rest >= 128) {
    out.push((rest % 128) + 128);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

function pushString(out: number[], bytes: Uint8Array): void {
  // RFC 7541 §5.2: H bit 0 (raw octets), then the length with a 7-bit prefix.
  for (const b of encodeHpackInteger(bytes.length, 7, 0x00)) out.push(b);
  for (const b of bytes) out.push(b);
}

const utf8 = new TextEncoder();

/**
 * Encodes a header block. Names must already be lowercase (RFC 9113 §8.2.1); values are
 * written as given (bytes of a latin1/ASCII field value stay as they are).
 */
export function encodeHpackLiterals(fields: readonly (readonly [string, string])[]): Uint8Array {
  const out: number[] = [];
  for (const [name, value] of fields) {
    out.push(0x00); // §6.2.2: 0000 + index 0 (new name)
    pushString(out, utf8.encode(name));
    pushString(
      out,
      Uint8Array.from(value, (ch) => ch.charCodeAt(0) & 0xff),
    );
  }
  return Uint8Array.from(out);
}
