/**
 * permessage-deflate engine for the protocol core (RFC 7692) on node:zlib. Node has no public
 * synchronous streaming inflate, so context takeover (§7.1.1) is kept as a preset dictionary:
 * the last 2^windowBits bytes of earlier messages' plaintext are exactly the LZ77 window a
 * streaming decompressor would hold.
 */
import zlib from 'node:zlib';
import type { DeflateEngine, Deflater, InflateResult, Inflater } from '@switchyard/protocol';

function slide(window: Uint8Array, data: Uint8Array, bits: number): Uint8Array {
  const size = 1 << bits;
  const joined = new Uint8Array(window.length + data.length);
  joined.set(window);
  joined.set(data, window.length);
  return joined.length > size ? joined.slice(joined.length - size) : joined;
}

function view(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

class DictionaryInflater implements Inflater {
  private window: Uint8Array = new Uint8Array(0);
  constructor(private readonly bits: number) {}
  inflate(data: Uint8Array, maxOutput: number): InflateResult {
    const options: zlib.ZlibOptions = {
      windowBits: this.bits,
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
      maxOutputLength: Math.max(1, maxOutput),
    };
    if (this.window.length > 0) options.dictionary = this.window;
    try {
      const out = view(zlib.inflateRawSync(data, options));
      this.window = slide(this.window, out, this.bits);
      return { ok: true, data: out };
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      return e.code === 'ERR_BUFFER_TOO_LARGE'
        ? { ok: false, reason: 'too-large' }
        : { ok: false, reason: 'corrupt', detail: e.message };
    }
  }
  reset(): void {
    this.window = new Uint8Array(0) as Uint8Array;
  }
}

class DictionaryDeflater implements Deflater {
  private window: Uint8Array = new Uint8Array(0);
  private readonly bits: number;
  constructor(bits: number) {
    // zlib cannot write raw deflate with an 8-bit window; 9 is what it uses instead.
    this.bits = Math.max(9, bits);
  }
  deflate(data: Uint8Array): Uint8Array {
    const options: zlib.ZlibOptions = {
      windowBits: this.bits,
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
    };
    if (this.window.length > 0) options.dictionary = this.window;
    const out = view(zlib.deflateRawSync(data, options));
    this.window = slide(this.window, data, this.bits);
    return out;
  }
  reset(): void {
    this.window = new Uint8Array(0) as Uint8Array;
  }
}

/** The probe's DeflateEngine. */
export const zlibEngine: DeflateEngine = {
  createInflater: (bits) => new DictionaryInflater(bits),
  createDeflater: (bits) => new DictionaryDeflater(bits),
};
