/**
 * Bounded body capture: counts every byte, keeps the first `limit` bytes for a preview, shown
 * as text when they are valid UTF-8 without control characters, else as base64.
 */
import { isUtf8 } from 'node:buffer';
import type { BodyCapture } from '@switchyard/exchange';

/** A C0 control other than TAB, LF, CR, or DEL: a preview holding one is shown as base64. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

export class BodyTap {
  size = 0;
  private readonly chunks: Buffer[] = [];
  private kept = 0;

  constructor(private readonly limit: number) {}

  /** Counts a chunk and keeps what fits in the preview. */
  add(chunk: Uint8Array | string, encoding?: BufferEncoding): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding ?? 'utf8') : chunk;
    this.size += bytes.length;
    if (this.kept >= this.limit || bytes.length === 0) return;
    const take = Math.min(this.limit - this.kept, bytes.length);
    this.chunks.push(Buffer.from(bytes.buffer, bytes.byteOffset, take));
    this.kept += take;
  }

  /** The body capture (mimeType from Content-Type when given). */
  result(mimeType?: string): BodyCapture {
    const body: BodyCapture = { size: this.size, truncated: this.kept < this.size };
    if (mimeType) body.mimeType = mimeType;
    if (this.kept === 0) return body;
    const bytes = Buffer.concat(this.chunks, this.kept);
    let text: string | undefined;
    if (isUtf8(bytes)) {
      text = bytes.toString('utf8');
    } else if (this.kept < this.size) {
      try {
        // stream: true keeps a UTF-8 sequence cut by the preview limit from failing the decode.
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
      } catch {
        text = undefined;
      }
    }
    if (text !== undefined && !CONTROL.test(text)) {
      body.preview = text;
      body.previewEncoding = 'text';
    } else {
      body.preview = bytes.toString('base64');
      body.previewEncoding = 'base64';
    }
    return body;
  }
}
