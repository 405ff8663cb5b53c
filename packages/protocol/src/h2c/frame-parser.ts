import { h2Finding } from './h2-finding.js';
import type { H2Finding } from './h2-finding.js';
import { inspectH2Frame } from './frame-checks.js';
import type { H2FrameDetails } from './frame-checks.js';
import {
  H2_FRAME_HEADER_LENGTH,
  H2_FRAME_TYPES,
  h2FrameFlagNames,
  h2FrameTypeName,
  h2HasFlag,
} from './frame-types.js';
import type { H2Frame } from './frame-types.js';
import { CLIENT_PREFACE, detectPreface } from './preface.js';

/** A frame with its decoded fields and the findings about it. */
export interface H2FrameRecord extends H2Frame {
  details: H2FrameDetails;
  findings: H2Finding[];
}

/** Options of {@link H2FrameParser}. */
export interface H2FrameParserOptions {
  /**
   * SETTINGS_MAX_FRAME_SIZE the receiver advertised (RFC 9113 §4.2). Default 16384, the
   * initial value. Larger frames are still read (a length is at most 2^24-1) and get a
   * FRAME_SIZE_ERROR finding.
   */
  maxFrameSize?: number;
  /** Expect the 24-byte client preface first (the client-to-server direction, RFC 9113 §3.4). */
  expectPreface?: boolean;
}

/** What one `push` produced. */
export interface H2PushResult {
  frames: H2FrameRecord[];
  /** Findings not tied to a single frame (preface). */
  findings: H2Finding[];
}

/**
 * Incremental HTTP/2 frame reader (RFC 9113 §4.1): feed bytes as they arrive; complete frames
 * come out in order with offsets from the first byte pushed. Never throws. After an invalid
 * preface (a connection error, §3.4) it reads nothing more.
 */
export class H2FrameParser {
  private buf = new Uint8Array(0);
  private base = 0;
  private prefacePending: boolean;
  private failed = false;
  private readonly maxFrameSize: number;
  /** Stream whose field block is open (HEADERS/PUSH_PROMISE without END_HEADERS), §6.10. */
  private openFieldBlock: number | undefined;

  constructor(options: H2FrameParserOptions = {}) {
    this.maxFrameSize = options.maxFrameSize ?? 16384;
    this.prefacePending = options.expectPreface === true;
  }

  /** Feeds bytes; returns the frames completed by them. */
  push(chunk: Uint8Array): H2PushResult {
    const out: H2PushResult = { frames: [], findings: [] };
    if (this.failed) return out;
    let joined = chunk;
    if (this.buf.length > 0) {
      joined = new Uint8Array(this.buf.length + chunk.length);
      joined.set(this.buf);
      joined.set(chunk, this.buf.length);
    }
    let pos = 0;
    if (this.prefacePending) {
      const match = detectPreface(joined);
      if (match.kind === 'maybe') {
        this.buf = joined.slice();
        return out;
      }
      if (match.kind === 'mismatch') {
        this.failed = true;
        this.buf = new Uint8Array(0);
        out.findings.push(
          h2Finding(
            'invalid-preface',
            'error',
            'Client connection preface mismatch',
            'RFC 9113',
            '3.4',
            {
              h2Error: 'PROTOCOL_ERROR',
              scope: 'connection',
              offset: this.base + match.offset,
            },
          ),
        );
        return out;
      }
      this.prefacePending = false;
      pos = CLIENT_PREFACE.length;
    }
    while (joined.length - pos >= H2_FRAME_HEADER_LENGTH) {
      const length = (joined[pos]! << 16) | (joined[pos + 1]! << 8) | joined[pos + 2]!;
      if (joined.length - pos < H2_FRAME_HEADER_LENGTH + length) break;
      out.frames.push(this.record(joined, pos, length));
      pos += H2_FRAME_HEADER_LENGTH + length;
    }
    this.buf = joined.slice(pos);
    this.base += pos;
    return out;
  }

  /** Bytes held waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }

  private record(bytes: Uint8Array, pos: number, length: number): H2FrameRecord {
    const type = bytes[pos + 3]!;
    const flags = bytes[pos + 4]!;
    const frame: H2Frame = {
      offset: this.base + pos,
      length,
      type,
      typeName: h2FrameTypeName(type),
      flags,
      flagNames: h2FrameFlagNames(type, flags),
      reserved: (bytes[pos + 5]! & 0x80) !== 0,
      streamId:
        (bytes[pos + 5]! & 0x7f) * 2 ** 24 +
        ((bytes[pos + 6]! << 16) | (bytes[pos + 7]! << 8) | bytes[pos + 8]!),
      payload: bytes.slice(pos + H2_FRAME_HEADER_LENGTH, pos + H2_FRAME_HEADER_LENGTH + length),
    };
    const { details, findings } = inspectH2Frame(frame);
    if (length > this.maxFrameSize) {
      // RFC 9113 §4.2: FRAME_SIZE_ERROR; a connection error for frames that can change
      // connection state (field blocks, SETTINGS, stream 0).
      const connection =
        frame.streamId === 0 ||
        type === H2_FRAME_TYPES.HEADERS ||
        type === H2_FRAME_TYPES.PUSH_PROMISE ||
        type === H2_FRAME_TYPES.CONTINUATION ||
        type === H2_FRAME_TYPES.SETTINGS;
      findings.unshift(
        h2Finding(
          'frame-too-large',
          'error',
          `${frame.typeName}: length ${length} exceeds SETTINGS_MAX_FRAME_SIZE ${this.maxFrameSize}`,
          'RFC 9113',
          '4.2',
          {
            h2Error: 'FRAME_SIZE_ERROR',
            scope: connection ? 'connection' : 'stream',
            offset: frame.offset,
          },
        ),
      );
    }
    this.checkSequence(frame, findings);
    return { ...frame, details, findings };
  }

  /** RFC 9113 §6.10: a field block continues only with CONTINUATION frames on its stream. */
  private checkSequence(frame: H2Frame, findings: H2Finding[]): void {
    const isContinuation = frame.type === H2_FRAME_TYPES.CONTINUATION;
    if (this.openFieldBlock !== undefined) {
      if (!isContinuation || frame.streamId !== this.openFieldBlock) {
        findings.push(
          h2Finding(
            'expected-continuation',
            'error',
            `${frame.typeName} on stream ${frame.streamId} interrupts the field block of stream ${this.openFieldBlock}`,
            'RFC 9113',
            '6.10',
            { h2Error: 'PROTOCOL_ERROR', scope: 'connection', offset: frame.offset },
          ),
        );
        this.openFieldBlock = undefined;
      }
    } else if (isContinuation) {
      findings.push(
        h2Finding(
          'unexpected-continuation',
          'error',
          'CONTINUATION without an open field block',
          'RFC 9113',
          '6.10',
          { h2Error: 'PROTOCOL_ERROR', scope: 'connection', offset: frame.offset },
        ),
      );
      return;
    }
    const opensBlock =
      frame.type === H2_FRAME_TYPES.HEADERS ||
      frame.type === H2_FRAME_TYPES.PUSH_PROMISE ||
      (isContinuation && this.openFieldBlock !== undefined);
    if (!opensBlock) return;
    this.openFieldBlock = h2HasFlag(frame.type, frame.flags, 'END_HEADERS')
      ? undefined
      : frame.streamId;
  }
}
