/**
 * Reads a response body as delimited by its head (RFC 9112 §6.3): none, Content-Length,
 * chunked (§7.1) or until the connection closes. Keeps a bounded preview and counts the rest.
 */
import type { BodyFraming } from '@switchyard/protocol';
import type { BodyCapture, HeaderList } from '@switchyard/exchange';
import { fieldValues } from '@switchyard/protocol';
import { encodeBase64 } from '@switchyard/exchange';

/** Incremental body reader; `push` returns true once the body is complete. */
export class BodyReader {
  private size = 0;
  private readonly preview: Uint8Array[] = [];
  private previewSize = 0;
  private done: boolean;
  private remaining: number;
  // Chunked decoding state (RFC 9112 §7.1).
  private chunkState: 'size' | 'data' | 'data-crlf' | 'trailer' = 'size';
  private line = '';
  /** Set when the chunked framing was broken. */
  error: string | undefined;

  constructor(
    private readonly framing: BodyFraming,
    private readonly maxPreview: number,
    private readonly mimeType?: string,
  ) {
    this.done =
      framing.kind === 'none' || (framing.kind === 'content-length' && framing.length === 0);
    this.remaining = framing.kind === 'content-length' ? framing.length : 0;
  }

  get complete(): boolean {
    return this.done;
  }

  /** Feeds bytes; returns true when the body is complete (later bytes are not body). */
  push(bytes: Uint8Array): boolean {
    if (this.done || bytes.length === 0) return this.done;
    switch (this.framing.kind) {
      case 'content-length': {
        const take = Math.min(this.remaining, bytes.length);
        this.keep(bytes.subarray(0, take));
        this.remaining -= take;
        this.done = this.remaining === 0;
        break;
      }
      case 'chunked':
        this.chunked(bytes);
        break;
      default:
        this.keep(bytes);
    }
    return this.done;
  }

  /** The connection closed: an until-close body ends here (RFC 9112 §6.3 item 8). */
  closed(): void {
    if (this.framing.kind === 'until-close' || this.framing.kind === 'invalid') this.done = true;
    else if (!this.done) this.error ??= 'the connection closed before the body was complete';
  }

  /** The body as recorded in an Exchange. */
  capture(): BodyCapture {
    const out: BodyCapture = { size: this.size, truncated: this.size > this.previewSize };
    if (this.mimeType !== undefined) out.mimeType = this.mimeType;
    if (this.previewSize > 0) {
      const bytes = new Uint8Array(this.previewSize);
      let o = 0;
      for (const p of this.preview) {
        bytes.set(p, o);
        o += p.length;
      }
      try {
        out.preview = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        out.previewEncoding = 'text';
      } catch {
        out.preview = encodeBase64(bytes);
        out.previewEncoding = 'base64';
      }
    }
    return out;
  }

  private keep(bytes: Uint8Array): void {
    this.size += bytes.length;
    const room = this.maxPreview - this.previewSize;
    if (room <= 0) return;
    const part = bytes.subarray(0, room).slice();
    this.preview.push(part);
    this.previewSize += part.length;
  }

  private chunked(bytes: Uint8Array): void {
    let i = 0;
    // Bounded: each iteration consumes at least one byte or finishes.
    while (i < bytes.length && !this.done && this.error === undefined) {
      if (this.chunkState === 'data') {
        const take = Math.min(this.remaining, bytes.length - i);
        this.keep(bytes.subarray(i, i + take));
        this.remaining -= take;
        i += take;
        if (this.remaining === 0) this.chunkState = 'data-crlf';
        continue;
      }
      const byte = bytes[i++]!;
      if (byte !== 0x0a) {
        if (this.line.length > 4096) this.error = 'chunk line longer than 4096 bytes';
        this.line += String.fromCharCode(byte);
        continue;
      }
      const line = this.line.replace(/\r$/, '');
      this.line = '';
      if (this.chunkState === 'data-crlf') {
        if (line !== '') this.error = 'chunk data not followed by CRLF';
        this.chunkState = 'size';
      } else if (this.chunkState === 'size') {
        // chunk-size [ chunk-ext ] (RFC 9112 §7.1.1)
        const m = /^([0-9A-Fa-f]{1,15})[ \t]*(;.*)?$/.exec(line);
        if (m === null) {
          this.error = `invalid chunk size line ${JSON.stringify(line.slice(0, 40))}`;
          break;
        }
        this.remaining = parseInt(m[1]!, 16);
        this.chunkState = this.remaining === 0 ? 'trailer' : 'data';
      } else if (line === '') {
        // The empty line after the trailer section ends the message (RFC 9112 §7.1.2).
        this.done = true;
      }
    }
  }
}

/** RFC 9112 §6.3: no body for HEAD, 1xx, 204 and 304; else the head's framing. */
export function responseFraming(
  requestMethod: string,
  status: number,
  headers: HeaderList,
): BodyFraming {
  const method = requestMethod.toUpperCase();
  if (method === 'HEAD' || status === 204 || status === 304 || status < 200) {
    return { kind: 'none' } as const;
  }
  const te = fieldValues(headers, 'transfer-encoding').join(',').toLowerCase();
  if (te.trim() !== '') {
    return te.trim().endsWith('chunked')
      ? ({ kind: 'chunked' } as const)
      : ({ kind: 'until-close' } as const);
  }
  const cl = fieldValues(headers, 'content-length');
  if (cl.length > 0) {
    const values = new Set(cl.flatMap((v) => v.split(',').map((s) => s.trim())));
    const only = [...values][0]!;
    if (values.size === 1 && /^\d+$/.test(only))
      return { kind: 'content-length', length: Number(only) } as const;
    return { kind: 'invalid' } as const;
  }
  return { kind: 'until-close' } as const;
}
