/**
 * SHA-1 (FIPS 180-4 §6.1), synchronous and dependency-free. The WebSocket handshake needs it
 * (RFC 6455 §4.2.2 Sec-WebSocket-Accept) in places where `crypto.subtle.digest` (asynchronous)
 * does not fit a sans-I/O call. Not for security purposes: SHA-1 is only a checksum here.
 *
 * Performance: the server hashes twice per WebSocket handshake, so nothing is allocated per call
 * but the 20-byte result. Whole 64-byte blocks are read straight from the input; only the tail
 * (the last partial block, 0x80, zero padding and the length, FIPS 180-4 §5.1.1) is copied into a
 * module-level scratch buffer, and the message schedule reuses one module-level array. This is
 * safe because `sha1` is synchronous and calls nothing that could re-enter it.
 */

/** Message schedule W0..W79 (FIPS 180-4 §6.1.2 step 1), reused by every call. */
const W = new Int32Array(80);
/** Tail blocks: at most two (a tail of 56..63 bytes leaves no room for the 8-byte length). */
const TAIL = new Uint8Array(128);

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

/** Running hash value H0..H4 (FIPS 180-4 §6.1.1), reset by every call. */
const H = new Int32Array(5);

/** Processes the 64-byte block at `bytes[off..off+64)` into `H` (FIPS 180-4 §6.1.2). */
function compress(bytes: Uint8Array, off: number): void {
  const w = W;
  for (let t = 0; t < 16; t++) {
    const i = off + t * 4;
    w[t] = (bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!;
  }
  for (let t = 16; t < 80; t++) w[t] = rotl(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 1);
  let a = H[0]!;
  let b = H[1]!;
  let c = H[2]!;
  let d = H[3]!;
  let e = H[4]!;
  let temp: number;
  // FIPS 180-4 §4.1.1 and §4.2.1: the function and constant change every 20 rounds; four loops
  // instead of a branch per round.
  for (let t = 0; t < 20; t++) {
    temp = (rotl(a, 5) + ((b & c) | (~b & d)) + e + 0x5a827999 + w[t]!) | 0;
    e = d;
    d = c;
    c = rotl(b, 30);
    b = a;
    a = temp;
  }
  for (let t = 20; t < 40; t++) {
    temp = (rotl(a, 5) + (b ^ c ^ d) + e + 0x6ed9eba1 + w[t]!) | 0;
    e = d;
    d = c;
    c = rotl(b, 30);
    b = a;
    a = temp;
  }
  for (let t = 40; t < 60; t++) {
    temp = (rotl(a, 5) + ((b & c) | (b & d) | (c & d)) + e + 0x8f1bbcdc + w[t]!) | 0;
    e = d;
    d = c;
    c = rotl(b, 30);
    b = a;
    a = temp;
  }
  for (let t = 60; t < 80; t++) {
    temp = (rotl(a, 5) + (b ^ c ^ d) + e + 0xca62c1d6 + w[t]!) | 0;
    e = d;
    d = c;
    c = rotl(b, 30);
    b = a;
    a = temp;
  }
  H[0] = (H[0]! + a) | 0;
  H[1] = (H[1]! + b) | 0;
  H[2] = (H[2]! + c) | 0;
  H[3] = (H[3]! + d) | 0;
  H[4] = (H[4]! + e) | 0;
}

/** Writes `value` big-endian at `bytes[off..off+4)`. */
function putUint32(bytes: Uint8Array, off: number, value: number): void {
  bytes[off] = value >>> 24;
  bytes[off + 1] = value >>> 16;
  bytes[off + 2] = value >>> 8;
  bytes[off + 3] = value;
}

/** Returns the 20-byte SHA-1 digest of `data`, in a new array the caller owns. */
export function sha1(data: Uint8Array): Uint8Array {
  H[0] = 0x67452301;
  H[1] = 0xefcdab89;
  H[2] = 0x98badcfe;
  H[3] = 0x10325476;
  H[4] = 0xc3d2e1f0;

  const length = data.length;
  const whole = length - (length % 64);
  for (let off = 0; off < whole; off += 64) compress(data, off);

  // FIPS 180-4 §5.1.1: message + 0x80 + zero padding + 64-bit big-endian bit length, to a
  // multiple of 64 bytes.
  const rest = length - whole;
  const tailLength = rest + 9 <= 64 ? 64 : 128;
  TAIL.fill(0, 0, tailLength);
  TAIL.set(data.subarray(whole), 0);
  TAIL[rest] = 0x80;
  const bitLength = length * 8;
  putUint32(TAIL, tailLength - 8, Math.floor(bitLength / 0x100000000));
  putUint32(TAIL, tailLength - 4, bitLength >>> 0);
  compress(TAIL, 0);
  if (tailLength === 128) compress(TAIL, 64);

  const out = new Uint8Array(20);
  for (let i = 0; i < 5; i++) putUint32(out, i * 4, H[i]!);
  return out;
}
