/** Every byte of one direction of a connection, with the time of each socket read or write. */
import { concatBytes } from '@switchyard/protocol';
import { encodeBase64 } from '@switchyard/exchange';
import type { WireChunk, WireDirection } from './h2-types.js';

/** Records one direction; keeps the first `maxBytes` bytes, counts them all. */
export class WireLog {
  private readonly kept: Uint8Array[] = [];
  private keptBytes = 0;
  private readonly chunks: WireChunk[] = [];
  private total = 0;

  constructor(private readonly maxBytes: number) {}

  /** Bytes recorded so far (kept or not): the offset of the next chunk. */
  get bytes(): number {
    return this.total;
  }

  /** Records one chunk as written or read at `time` (µs). */
  add(bytes: Uint8Array, time: number): void {
    if (bytes.length === 0) return;
    this.chunks.push({ time, offset: this.total, length: bytes.length });
    this.total += bytes.length;
    const room = this.maxBytes - this.keptBytes;
    if (room <= 0) return;
    const part = bytes.subarray(0, room).slice();
    this.kept.push(part);
    this.keptBytes += part.length;
  }

  /** The JSON form. */
  toJson(): WireDirection {
    return {
      chunks: [...this.chunks],
      bytes: this.total,
      base64: encodeBase64(concatBytes(this.kept)),
      truncated: this.total > this.keptBytes,
    };
  }
}
