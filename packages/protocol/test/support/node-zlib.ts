/**
 * A Node implementation of the protocol core's DeflateEngine with node:zlib (tests, and for the
 * probe and server to reuse until they grow their own).
 *
 * Node's zlib has no public synchronous streaming API, so context takeover (RFC 7692 §7.1.1) is
 * done with preset dictionaries: each message is (in|de)flated in one synchronous call with the
 * previous messages' last 2^windowBits plaintext bytes as the dictionary, which is exactly the
 * LZ77 window a streaming (de)compressor would have.
 */
import zlib from 'node:zlib';
import type { Deflater, DeflateEngine, InflateResult, Inflater } from '../../src/index.js';

function keepWindow(previous: Uint8Array, next: Uint8Array, size: number): Uint8Array {
  if (next.length >= size) return next.slice(next.length - size);
  const keep = Math.min(previous.length, size - next.length);
  const out = new Uint8Array(keep + next.length);
  out.set(previous.subarray(previous.length - keep));
  out.set(next, keep);
  return out;
}

class NodeInflater implements Inflater {
  private window: Uint8Array = new Uint8Array(0);
  constructor(private readonly windowBits: number) {}
  inflate(data: Uint8Array, maxOutput: number): InflateResult {
    let out: Buffer;
    try {
      const opts: zlib.ZlibOptions = {
        windowBits: this.windowBits,
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
        maxOutputLength: Math.max(1, maxOutput),
      };
      if (this.window.length > 0) opts.dictionary = this.window;
      out = zlib.inflateRawSync(data, opts);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, reason: 'too-large' };
      return { ok: false, reason: 'corrupt', detail: e.message };
    }
    if (out.length > maxOutput) return { ok: false, reason: 'too-large' };
    this.window = keepWindow(this.window, out, 1 << this.windowBits);
    return { ok: true, data: new Uint8Array(out.buffer, out.byteOffset, out.length) };
  }
  reset(): void {
    this.window = new Uint8Array(0);
  }
}

class NodeDeflater implements Deflater {
  private window: Uint8Array = new Uint8Array(0);
  // zlib refuses an 8-bit window for raw deflate; 9 is what zlib itself substitutes.
  private readonly windowBits: number;
  constructor(windowBits: number) {
    this.windowBits = Math.max(9, windowBits);
  }
  deflate(data: Uint8Array): Uint8Array {
    const opts: zlib.ZlibOptions = {
      windowBits: this.windowBits,
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
    };
    if (this.window.length > 0) opts.dictionary = this.window;
    const out = zlib.deflateRawSync(data, opts);
    this.window = keepWindow(this.window, data, 1 << this.windowBits);
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  }
  reset(): void {
    this.window = new Uint8Array(0);
  }
}

/** DeflateEngine backed by node:zlib. */
export const nodeZlibEngine: DeflateEngine = {
  createInflater: (windowBits) => new NodeInflater(windowBits),
  createDeflater: (windowBits) => new NodeDeflater(windowBits),
};
