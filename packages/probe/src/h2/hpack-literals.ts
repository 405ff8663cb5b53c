/**
 * The HPACK encoder of the probe's HTTP/2 client (RFC 7541): every field is written as a
 * "Literal Header Field without Indexing — New Name" (§6.2.2) with raw (non-Huffman) strings
 * (§5.2). Such a block never touches either side's dynamic table (§6.2.2: the decoder MUST NOT
 * add it), so what the client sent can be read back from the bytes alone, and every field is
 * visible on the wire as written.
 */

/** An integer with an N-bit prefix (RFC 7541 §5.1); `high` holds the bits above the prefix. */
export function hpackInteger(value: number, prefixBits: number, high = 0): number[] {
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

/** Octets of a field name or value: names are ASCII, values latin1 (one octet per char). */
function octets(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i) & 0xff);
  return out;
}

/** A string literal: H bit 0 (raw octets) and a 7-bit-prefix length (RFC 7541 §5.2). */
function stringLiteral(out: number[], text: string): void {
  const bytes = octets(text);
  out.push(...hpackInteger(bytes.length, 7, 0x00));
  for (const b of bytes) out.push(b);
}

/**
 * Encodes a field block. Names must be lowercase already (RFC 9113 §8.2.1: uppercase names
 * make a request malformed); pseudo-header fields must come first (§8.3). Both are the caller's
 * choice, so the client can show exactly what it sent.
 */
export function encodeLiteralFieldBlock(
  fields: readonly (readonly [string, string])[],
): Uint8Array {
  const out: number[] = [];
  for (const [name, value] of fields) {
    // RFC 7541 §6.2.2: first octet 0000 with a 4-bit index of 0, meaning a new name follows.
    out.push(0x00);
    stringLiteral(out, name);
    stringLiteral(out, value);
  }
  return Uint8Array.from(out);
}
