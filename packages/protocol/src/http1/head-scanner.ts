import type { ProtocolFinding } from '../shared/problem.js';
import { h1Finding } from './finding.js';
import type { LineEnding } from './types.js';

/** A line found by the scanner (offsets from the first byte ever pushed). */
export interface ScannedLine {
  start: number;
  contentEnd: number;
  end: number;
  ending: LineEnding;
}

/** Limits the scanner enforces while bytes arrive (RFC 6585 §5, RFC 9112 §3). */
export interface ScanLimits {
  maxHeadBytes: number;
  maxHeaderCount: number;
  maxLineLength: number;
  /** Status for an over-long first line: 414 for a request-line (RFC 9112 §3), else 431. */
  startLineStatus: number;
}

/** Scanner progress after a push. */
export type ScanState =
  | { state: 'need-more' }
  | { state: 'complete'; headEnd: number; restStart: number }
  | { state: 'rejected'; finding: ProtocolFinding };

const EMPTY = new Uint8Array(0);
const LF = 0x0a;
const CR = 0x0d;

/**
 * Finds the lines of a head as bytes arrive, one octet at a time, so every decision depends only
 * on the byte sequence and never on how it was split into chunks. Lines end at LF (a preceding CR
 * is part of the ending: RFC 9112 §2.2 lets a recipient accept a bare LF). Empty lines before
 * the first line are skipped (RFC 9112 §2.2); the first empty line after it ends the head.
 * Limits are checked at the byte that first exceeds them.
 */
export class HeadScanner {
  readonly lines: ScannedLine[] = [];
  /**
   * Head bytes kept so far. Performance: nothing is allocated until a push leaves the head
   * incomplete; a head that arrives whole in one chunk is viewed in place, not copied.
   */
  private buf: Uint8Array = EMPTY;
  private length = 0;
  private lineStart = 0;
  private sawStart = false;
  private fieldLines = 0;
  private result: ScanState = { state: 'need-more' };
  /** The octet before the current one (chunks are appended only after scanning). */
  private previous = -1;

  constructor(private readonly limits: ScanLimits) {}

  /** All head bytes kept so far (the head once complete). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  /** Scans `chunk`; returns the state. After a final state, further pushes change nothing. */
  push(chunk: Uint8Array): ScanState {
    if (this.result.state !== 'need-more') return this.result;
    let i = 0;
    for (; i < chunk.length; i++) {
      const outcome = this.step(chunk[i]!, this.length + i);
      if (outcome !== undefined) {
        this.result = outcome;
        i++;
        break;
      }
    }
    if (this.length === 0 && this.result.state !== 'need-more') {
      this.buf = chunk.subarray(0, i);
      this.length = i;
    } else this.append(chunk.subarray(0, i));
    if (this.result.state === 'complete') this.result = { ...this.result, restStart: i };
    return this.result;
  }

  private append(part: Uint8Array): void {
    if (this.length + part.length > this.buf.length) {
      let size = Math.max(1024, this.buf.length * 2);
      while (size < this.length + part.length) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.buf.subarray(0, this.length));
      this.buf = grown;
    }
    this.buf.set(part, this.length);
    this.length += part.length;
  }

  private step(c: number, pos: number): ScanState | undefined {
    const { maxHeadBytes, maxHeaderCount, maxLineLength, startLineStatus } = this.limits;
    if (pos >= maxHeadBytes) {
      return this.reject('head-too-large', `Head exceeds ${maxHeadBytes} bytes`, 431, pos);
    }
    const inLine = pos - this.lineStart;
    if (c !== LF) {
      this.previous = c;
      // One byte of slack: a CR directly before LF belongs to the line ending.
      if (inLine + 1 > maxLineLength + 1) return this.lineTooLong(pos, startLineStatus);
      return undefined;
    }
    const hasCr = inLine > 0 && this.previous === CR;
    const contentEnd = hasCr ? pos - 1 : pos;
    const line: ScannedLine = {
      start: this.lineStart,
      contentEnd,
      end: pos + 1,
      ending: hasCr ? 'crlf' : 'lf',
    };
    this.previous = c;
    this.lineStart = pos + 1;
    if (contentEnd - line.start > maxLineLength) return this.lineTooLong(pos, startLineStatus);
    this.lines.push(line);
    const empty = contentEnd === line.start;
    if (empty) {
      if (this.sawStart) return { state: 'complete', headEnd: pos + 1, restStart: 0 };
      return undefined;
    }
    if (!this.sawStart) {
      this.sawStart = true;
      return undefined;
    }
    // Continuation (obs-fold) lines count too: each is a line the recipient must hold.
    this.fieldLines++;
    if (this.fieldLines > maxHeaderCount) {
      return this.reject(
        'too-many-fields',
        `More than ${maxHeaderCount} field lines`,
        431,
        line.start,
      );
    }
    return undefined;
  }

  private lineTooLong(pos: number, startLineStatus: number): ScanState {
    const first = !this.sawStart;
    return this.reject(
      first ? 'start-line-too-long' : 'field-line-too-long',
      `${first ? 'Start line' : 'Field line'} longer than ${this.limits.maxLineLength} bytes`,
      first ? startLineStatus : 431,
      pos,
    );
  }

  private reject(code: string, message: string, status: number, offset: number): ScanState {
    // RFC 6585 §5: 431 when a field (or all of them) is too large; RFC 9112 §3: 414 for a long
    // request-target.
    const section = status === 414 ? '3' : '5';
    const rfc = status === 414 ? 'RFC 9112' : 'RFC 6585';
    return {
      state: 'rejected',
      finding: h1Finding(code, 'error', message, rfc, section, status, offset),
    };
  }
}
