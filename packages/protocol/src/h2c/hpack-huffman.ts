/**
 * The HPACK Huffman code (RFC 7541 §5.2, Appendix B): a canonical code of 257 symbols (the 256
 * octets and EOS, symbol 256), 5 to 30 bits long.
 *
 * Decoding walks a nibble-at-a-time state machine derived at load time from the table below:
 * a state is an inner node of the code tree, and since no code is shorter than 5 bits, one
 * nibble completes at most one symbol.
 */
import { decodeLatin1 } from '../shared/bytes.js';

/**
 * Appendix B, "code as hex aligned to LSB / len in bits", one `hex/len` per symbol in symbol
 * order (8 a line; the comment is the first symbol of the line).
 */
const TABLE = `
  1ff8/13 7fffd8/23 fffffe2/28 fffffe3/28 fffffe4/28 fffffe5/28 fffffe6/28 fffffe7/28
  fffffe8/28 ffffea/24 3ffffffc/30 fffffe9/28 fffffea/28 3ffffffd/30 fffffeb/28 fffffec/28
  fffffed/28 fffffee/28 fffffef/28 ffffff0/28 ffffff1/28 ffffff2/28 3ffffffe/30 ffffff3/28
  ffffff4/28 ffffff5/28 ffffff6/28 ffffff7/28 ffffff8/28 ffffff9/28 ffffffa/28 ffffffb/28
  14/6 3f8/10 3f9/10 ffa/12 1ff9/13 15/6 f8/8 7fa/11
  3fa/10 3fb/10 f9/8 7fb/11 fa/8 16/6 17/6 18/6
  0/5 1/5 2/5 19/6 1a/6 1b/6 1c/6 1d/6
  1e/6 1f/6 5c/7 fb/8 7ffc/15 20/6 ffb/12 3fc/10
  1ffa/13 21/6 5d/7 5e/7 5f/7 60/7 61/7 62/7
  63/7 64/7 65/7 66/7 67/7 68/7 69/7 6a/7
  6b/7 6c/7 6d/7 6e/7 6f/7 70/7 71/7 72/7
  fc/8 73/7 fd/8 1ffb/13 7fff0/19 1ffc/13 3ffc/14 22/6
  7ffd/15 3/5 23/6 4/5 24/6 5/5 25/6 26/6
  27/6 6/5 74/7 75/7 28/6 29/6 2a/6 7/5
  2b/6 76/7 2c/6 8/5 9/5 2d/6 77/7 78/7
  79/7 7a/7 7b/7 7ffe/15 7fc/11 3ffd/14 1ffd/13 ffffffc/28
  fffe6/20 3fffd2/22 fffe7/20 fffe8/20 3fffd3/22 3fffd4/22 3fffd5/22 7fffd9/23
  3fffd6/22 7fffda/23 7fffdb/23 7fffdc/23 7fffdd/23 7fffde/23 ffffeb/24 7fffdf/23
  ffffec/24 ffffed/24 3fffd7/22 7fffe0/23 ffffee/24 7fffe1/23 7fffe2/23 7fffe3/23
  7fffe4/23 1fffdc/21 3fffd8/22 7fffe5/23 3fffd9/22 7fffe6/23 7fffe7/23 ffffef/24
  3fffda/22 1fffdd/21 fffe9/20 3fffdb/22 3fffdc/22 7fffe8/23 7fffe9/23 1fffde/21
  7fffea/23 3fffdd/22 3fffde/22 fffff0/24 1fffdf/21 3fffdf/22 7fffeb/23 7fffec/23
  1fffe0/21 1fffe1/21 3fffe0/22 1fffe2/21 7fffed/23 3fffe1/22 7fffee/23 7fffef/23
  fffea/20 3fffe2/22 3fffe3/22 3fffe4/22 7ffff0/23 3fffe5/22 3fffe6/22 7ffff1/23
  3ffffe0/26 3ffffe1/26 fffeb/20 7fff1/19 3fffe7/22 7ffff2/23 3fffe8/22 1ffffec/25
  3ffffe2/26 3ffffe3/26 3ffffe4/26 7ffffde/27 7ffffdf/27 3ffffe5/26 fffff1/24 1ffffed/25
  7fff2/19 1fffe3/21 3ffffe6/26 7ffffe0/27 7ffffe1/27 3ffffe7/26 7ffffe2/27 fffff2/24
  1fffe4/21 1fffe5/21 3ffffe8/26 3ffffe9/26 ffffffd/28 7ffffe3/27 7ffffe4/27 7ffffe5/27
  fffec/20 fffff3/24 fffed/20 1fffe6/21 3fffe9/22 1fffe7/21 1fffe8/21 7ffff3/23
  3fffea/22 3fffeb/22 1ffffee/25 1ffffef/25 fffff4/24 fffff5/24 3ffffea/26 7ffff4/23
  3ffffeb/26 7ffffe6/27 3ffffec/26 3ffffed/26 7ffffe7/27 7ffffe8/27 7ffffe9/27 7ffffea/27
  7ffffeb/27 ffffffe/28 7ffffec/27 7ffffed/27 7ffffee/27 7ffffef/27 7fffff0/27 3ffffee/26
  3fffffff/30
`;

/** EOS (RFC 7541 §5.2: a decoder MUST treat an EOS in a string literal as a decoding error). */
export const HPACK_HUFFMAN_EOS = 256;

/** The code of each symbol 0..256: `[code (LSB-aligned), length in bits]`. */
export const HPACK_HUFFMAN_CODES: readonly (readonly [code: number, bits: number])[] = TABLE.trim()
  .split(/\s+/)
  .map((cell) => {
    const [hex = '', len = ''] = cell.split('/');
    return [parseInt(hex, 16), parseInt(len, 10)] as const;
  });

/*
 * Code tree: inner nodes 0..255 (0 is the root); CHILD[node * 2 + bit] is an inner node id
 * (> 0), a leaf -(symbol + 1) (< 0), or 0 when unset (the root is nobody's child).
 */
const CHILD = new Int16Array(512);
/** Depth of each inner node and whether its path from the root is all 1 bits. */
const DEPTH = new Uint8Array(256);
const ALL_ONES = new Uint8Array(256);
ALL_ONES[0] = 1;
let innerNodes = 1;
HPACK_HUFFMAN_CODES.forEach(([code, bits], symbol) => {
  let node = 0;
  for (let i = bits - 1; i > 0; i--) {
    const bit = Math.floor(code / 2 ** i) & 1;
    let next = CHILD[node * 2 + bit]!;
    if (next === 0) {
      next = innerNodes++;
      CHILD[node * 2 + bit] = next;
      DEPTH[next] = DEPTH[node]! + 1;
      ALL_ONES[next] = ALL_ONES[node]! & bit;
    }
    node = next;
  }
  CHILD[node * 2 + (code & 1)] = -(symbol + 1);
});

/*
 * Nibble transitions: STEP[state * 16 + nibble] = next state (bits 0-7) | (symbol + 1) << 8
 * (0: none completed) | 1 << 17 when the nibble completes EOS.
 */
const STEP = new Int32Array(256 * 16);
for (let state = 0; state < innerNodes; state++) {
  for (let nibble = 0; nibble < 16; nibble++) {
    let node = state;
    let entry = 0;
    for (let i = 3; i >= 0; i--) {
      const child = CHILD[node * 2 + ((nibble >> i) & 1)]!;
      if (child < 0) {
        const symbol = -child - 1;
        entry |= symbol === HPACK_HUFFMAN_EOS ? 1 << 17 : (symbol + 1) << 8;
        node = 0;
      } else {
        node = child;
      }
    }
    STEP[state * 16 + nibble] = entry | node;
  }
}

/** Why a Huffman string could not be decoded (RFC 7541 §5.2). */
export type HuffmanError =
  /** The string contains the EOS symbol. */
  | 'eos'
  /** Padding longer than 7 bits, or not the most significant bits of EOS (all 1s). */
  | 'padding';

/**
 * Decodes the Huffman-coded octets `bytes[start..end)` to a latin1 string (one character per
 * octet). Never throws.
 */
export function decodeHuffman(
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
): { value: string } | { error: HuffmanError } {
  // At least 5 bits a symbol: the output is at most 8/5 of the input.
  const out = new Uint8Array(Math.ceil(((end - start) * 8) / 5));
  let n = 0;
  let state = 0;
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    let entry = STEP[state * 16 + (byte >> 4)]!;
    if ((entry & (1 << 17)) !== 0) return { error: 'eos' };
    if ((entry & 0x1ff00) !== 0) out[n++] = ((entry >> 8) & 0x1ff) - 1;
    entry = STEP[(entry & 0xff) * 16 + (byte & 0xf)]!;
    if ((entry & (1 << 17)) !== 0) return { error: 'eos' };
    if ((entry & 0x1ff00) !== 0) out[n++] = ((entry >> 8) & 0x1ff) - 1;
    state = entry & 0xff;
  }
  // §5.2: the bits after the last symbol are a prefix of EOS (all 1s) of at most 7 bits.
  if (state !== 0 && (ALL_ONES[state] === 0 || DEPTH[state]! > 7)) return { error: 'padding' };
  return { value: decodeLatin1(out, 0, n) };
}

/**
 * Huffman-encodes octets (RFC 7541 §5.2), padding the last octet with the high bits of EOS.
 */
export function encodeHuffman(bytes: Uint8Array): Uint8Array {
  let bits = 0;
  for (const b of bytes) bits += HPACK_HUFFMAN_CODES[b]![1];
  const out = new Uint8Array(Math.ceil(bits / 8));
  let acc = 0;
  let held = 0;
  let n = 0;
  for (const b of bytes) {
    const [code, len] = HPACK_HUFFMAN_CODES[b]!;
    // At most 7 + 30 bits held: exact in a double.
    acc = acc * 2 ** len + code;
    held += len;
    while (held >= 8) {
      held -= 8;
      const top = Math.floor(acc / 2 ** held);
      out[n++] = top & 0xff;
      acc -= top * 2 ** held;
    }
  }
  if (held > 0) out[n] = ((acc << (8 - held)) | (0xff >> held)) & 0xff;
  return out;
}
