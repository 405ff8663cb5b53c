/**
 * Incremental WebSocket frame parser (RFC 6455 §5). Bytes of one direction go in, in chunks of
 * any size; {@link FrameRecord}s, assembled messages and findings come out. It never throws and
 * its work is bounded by the input (no loop waits for bytes that are not there).
 *
 * Two modes: strict (default) stops at the first violation and reports the close code the
 * connection must be failed with (RFC 6455 §7.1.7); lenient (`stopOnError: false`, used by the
 * dissector) records violations on the frames and keeps going.
 */
import type { ProtocolFinding } from '../shared/problem.js';
import { concatBytes } from '../shared/bytes.js';
import { Utf8Validator } from '../shared/utf8.js';
import type { Direction, FrameRecord } from './frame-record.js';
import { Opcode } from './frame-record.js';
import { applyMask, checkClosePayload } from './frame-writer.js';
import { checkFrameHeader, decodeFrameHeader } from './frame-header.js';
import { wsFinding } from './findings.js';

/** One complete data message (RFC 6455 §5.4: a start frame plus continuations up to FIN). */
export interface ParsedMessage {
  type: 'message';
  /** `Opcode.Text` or `Opcode.Binary`. */
  opcode: number;
  /** Payload as on the wire, unmasked (still compressed when `compressed`). */
  data: Uint8Array;
  /** RSV1 was set on the first frame with permessage-deflate negotiated (RFC 7692 §6). */
  compressed: boolean;
  frameCount: number;
  firstSeq: number;
  lastSeq: number;
  /** Violations that concern the message as a whole (lenient mode). */
  findings: ProtocolFinding[];
}

export type ParseEvent =
  | { type: 'frame'; frame: FrameRecord }
  | ParsedMessage
  /** Strict mode: the connection must be failed with `finding.closeCode`; nothing follows. */
  | { type: 'error'; finding: ProtocolFinding };

export interface FrameParserOptions {
  /** Direction of the frames parsed: client-to-server frames must be masked (§5.1). */
  direction: Direction;
  /** permessage-deflate negotiated: RSV1 marks a compressed message (RFC 7692 §6). */
  perMessageDeflate?: boolean;
  /** RSV bits another negotiated extension gives meaning to (§5.2). Default none. */
  allowedRsv?: { rsv1?: boolean; rsv2?: boolean; rsv3?: boolean };
  /** Largest frame payload accepted; larger → 1009 (§7.4.1). Default 64 MiB. */
  maxFrameSize?: number;
  /** Largest (compressed) message accepted; larger → 1009. Default 64 MiB. */
  maxMessageSize?: number;
  /** Default true. False: record violations on frames and continue (dissector). */
  stopOnError?: boolean;
  /** Sequence numbers for frame records (the dissector shares one across directions). */
  nextSeq?: () => number;
  /** Stream offset of the first byte pushed (default 0). */
  startOffset?: number;
  /**
   * How many payload bytes of the next data frame to keep, asked at each data frame's header
   * (default: all, up to `maxFrameSize`). The rest is read past without being copied or
   * unmasked, except that text is still checked as UTF-8 (§8.1, findings unchanged); the
   * frame's `payload` then holds only the kept bytes (`payloadLength` stays the declared
   * length), and so does an uncompressed message's `data`. Not applied to control frames (a
   * Close is parsed) nor to compressed messages (RFC 7692: inflating needs all of it). For a
   * dissector whose consumer keeps only so many bytes (a capture's byte cap).
   */
  payloadLimit?: () => number;
}

const DEFAULT_MAX = 64 * 1024 * 1024;
const EMPTY = new Uint8Array(0);
const PREALLOCATE_MAX = 1024 * 1024;

const enum State {
  Header,
  Payload,
  Failed,
}

/** Where bytes that are not kept are unmasked to be checked as UTF-8 (one for every parser). */
const SCRATCH = new Uint8Array(16 * 1024);

const SLAB_SIZE = 64 * 1024;
const SLAB_MAX_ALLOC = 1024;

/**
 * Small payloads and mask keys are carved out of shared 64 KiB slabs (like Node's Buffer pool):
 * one ArrayBuffer per slab instead of one per frame. A kept payload keeps its slab alive.
 */
class Slab {
  // Allocated on first use, so an idle parser holds no slab of its own.
  private buf: ArrayBuffer | undefined;
  private used = 0;
  alloc(length: number): Uint8Array {
    if (length > SLAB_MAX_ALLOC) return new Uint8Array(length);
    if (this.buf === undefined || this.used + length > SLAB_SIZE) {
      this.buf = new ArrayBuffer(SLAB_SIZE);
      this.used = 0;
    }
    const out = new Uint8Array(this.buf, this.used, length);
    // Keep views 8-byte aligned so a future word-wise unmask stays possible.
    this.used += (length + 7) & ~7;
    return out;
  }
}

const sharedSlab = new Slab();

/**
 * A view of `bytes[start..start+length)` built with the Uint8Array constructor: never a Node
 * Buffer (whose `subarray` goes through a slower species constructor).
 */
function view(bytes: Uint8Array, start: number, length: number): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset + start, length);
}

/**
 * Copies `length` bytes from `src` at `start` into `dst` at `at`, unmasking with `mask` (key
 * index starting at `keyOffset`, RFC 6455 §5.3). Small ranges in one pass, large ones with
 * `set` then an unrolled XOR.
 */
function copyUnmask(
  src: Uint8Array,
  start: number,
  dst: Uint8Array,
  at: number,
  length: number,
  mask: Uint8Array | undefined,
  keyOffset: number,
): void {
  if (length <= 64) {
    if (mask) {
      for (let k = 0; k < length; k++) dst[at + k] = src[start + k]! ^ mask[(keyOffset + k) & 3]!;
    } else {
      for (let k = 0; k < length; k++) dst[at + k] = src[start + k]!;
    }
    return;
  }
  dst.set(view(src, start, length), at);
  if (mask) applyMask(dst, mask, at, at + length, keyOffset);
}

/** The one part itself, or the parts joined. */
function concat(parts: Uint8Array[]): Uint8Array {
  return parts.length === 1 ? parts[0]! : concatBytes(parts);
}

/** Incremental frame parser for one direction of one connection. */
export class FrameParser {
  private readonly opts: Required<
    Omit<FrameParserOptions, 'allowedRsv' | 'nextSeq' | 'startOffset' | 'payloadLimit'>
  > & {
    allowedRsv: { rsv1?: boolean; rsv2?: boolean; rsv3?: boolean };
  };
  private readonly nextSeq: () => number;
  private readonly payloadLimit: (() => number) | undefined;
  private seqCounter = 0;
  private state = State.Header;
  private offset: number;

  // Header being read.
  private readonly hdr = new Uint8Array(14);
  // One slab for every parser (JavaScript runs one parser at a time): a parser per direction
  // per connection must not cost 64 KiB each at 5,000 idle connections (issue 4 bench).
  private readonly slab = sharedSlab;
  private hdrHave = 0;
  private hdrNeed = 2;

  // Frame being read.
  private fHeaderOffset = 0;
  private fHeaderLength = 0;
  private fByte0 = 0;
  private fMask: Uint8Array | undefined;
  private fLength = 0;
  private fEncoding: 7 | 16 | 64 = 7;
  private fHave = 0;
  private fCapture = 0;
  private fParts: Uint8Array[] = [];
  private fBuf: Uint8Array | undefined;
  private fFindings: ProtocolFinding[] = [];
  private fUtf8 = false;

  // Message being assembled (§5.4).
  private mOpcode = 0;
  private mCompressed = false;
  private mParts: Uint8Array[] = [];
  private mSize = 0;
  private mFrames = 0;
  private mFirstSeq = 0;
  private mFindings: ProtocolFinding[] = [];
  private mOverflow = false;
  private readonly utf8 = new Utf8Validator();

  constructor(options: FrameParserOptions) {
    this.opts = {
      direction: options.direction,
      perMessageDeflate: options.perMessageDeflate ?? false,
      allowedRsv: options.allowedRsv ?? {},
      maxFrameSize: options.maxFrameSize ?? DEFAULT_MAX,
      maxMessageSize: options.maxMessageSize ?? DEFAULT_MAX,
      stopOnError: options.stopOnError ?? true,
    };
    this.nextSeq = options.nextSeq ?? (() => this.seqCounter++);
    this.payloadLimit = options.payloadLimit;
    this.offset = options.startOffset ?? 0;
  }

  /** True once a strict-mode violation stopped the parser. */
  get failed(): boolean {
    return this.state === State.Failed;
  }

  /** Bytes consumed so far (the stream offset of the next byte). */
  get bytesConsumed(): number {
    return this.offset;
  }

  /**
   * Feeds the next bytes of the stream. `time` is stamped on frames that complete in this chunk.
   * The input is not modified (payloads are copied before unmasking).
   */
  push(chunk: Uint8Array, time = 0): ParseEvent[] {
    const events: ParseEvent[] = [];
    let i = 0;
    const n = chunk.length;
    while (i < n && this.state !== State.Failed) {
      if (this.state === State.Header) {
        while (this.hdrHave < this.hdrNeed && i < n) this.hdr[this.hdrHave++] = chunk[i++]!;
        if (this.hdrHave < this.hdrNeed) break;
        if (this.hdrNeed === 2) {
          const b1 = this.hdr[1]!;
          const len7 = b1 & 0x7f;
          this.hdrNeed = 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (b1 & 0x80 ? 4 : 0);
          if (this.hdrHave < this.hdrNeed) continue;
        }
        this.onHeader(events);
        if ((this.state as State) === State.Payload && this.fLength === 0)
          this.onFrameEnd(events, time);
      } else {
        const remaining = this.fLength - this.fHave;
        const take = remaining < n - i ? remaining : n - i;
        if (this.fHave < this.fCapture) {
          const cap = Math.min(take, this.fCapture - this.fHave);
          // Payload bytes go into one preallocated buffer (or, for very large frames, into
          // parts joined at the end), then are unmasked and UTF-8-checked as they arrive.
          let buf: Uint8Array;
          let at: number;
          if (this.fHave === 0 && this.fBuf === undefined && cap < this.fCapture) {
            // The payload spans chunks: preallocate, but only moderate sizes (a bogus header
            // must not cost a huge allocation).
            if (this.fCapture <= PREALLOCATE_MAX) this.fBuf = new Uint8Array(this.fCapture);
          }
          if (this.fBuf) {
            buf = this.fBuf;
            at = this.fHave;
          } else {
            buf = this.slab.alloc(cap);
            at = 0;
            this.fParts.push(buf);
          }
          copyUnmask(chunk, i, buf, at, cap, this.fMask, this.fHave);
          if (this.fUtf8) {
            const bad = this.utf8.push(buf, at, at + cap);
            if (bad >= 0 && this.invalidUtf8(events, this.offset + (bad - at))) return events;
          }
        }
        // Bytes past what is kept: not copied, but text is still checked (§8.1).
        const keptHere =
          this.fHave < this.fCapture ? Math.min(take, this.fCapture - this.fHave) : 0;
        if (this.fUtf8 && keptHere < take) {
          const skipped = { start: i + keptHere, length: take - keptHere };
          const at = { offset: this.offset + keptHere, index: this.fHave + keptHere };
          if (this.checkUncaptured(events, chunk, skipped, at)) return events;
        }
        this.fHave += take;
        this.offset += take;
        i += take;
        if (this.fHave === this.fLength) this.onFrameEnd(events, time);
      }
    }
    return events;
  }

  /**
   * Signals the end of the stream. Reports a frame or message cut short (the peer closed the
   * TCP connection without completing it; RFC 6455 §7.1.5 calls that an abnormal closure, 1006).
   */
  end(): ParseEvent[] {
    if (this.state === State.Failed) return [];
    const midFrame = this.state === State.Payload || this.hdrHave > 0;
    if (!midFrame && this.mOpcode === 0) return [];
    const f = wsFinding(
      midFrame ? 'truncated-frame' : 'truncated-message',
      'error',
      '7.1.5',
      midFrame ? 'the stream ended inside a frame' : 'the stream ended inside a fragmented message',
      { closeCode: 1006, offset: this.offset },
    );
    this.state = State.Failed;
    return [{ type: 'error', finding: f }];
  }

  /**
   * Checks as UTF-8 the payload bytes of `chunk` that are not kept (`skipped`, see
   * `payloadLimit`), unmasking them piece by piece into a scratch buffer when masked (§5.3);
   * `at` is where they start in the stream and in the frame's payload. Records an invalid
   * sequence as the kept bytes do; returns true when that stopped the parser (strict mode).
   */
  private checkUncaptured(
    events: ParseEvent[],
    chunk: Uint8Array,
    skipped: { start: number; length: number },
    at: { offset: number; index: number },
  ): boolean {
    for (let done = 0; done < skipped.length && this.fUtf8;) {
      const n = Math.min(skipped.length - done, SCRATCH.length);
      let bytes = chunk;
      let from = skipped.start + done;
      if (this.fMask) {
        copyUnmask(chunk, from, SCRATCH, 0, n, this.fMask, at.index + done);
        bytes = SCRATCH;
        from = 0;
      }
      const bad = this.utf8.push(bytes, from, from + n);
      if (bad >= 0 && this.invalidUtf8(events, at.offset + done + (bad - from))) return true;
      done += n;
    }
    return false;
  }

  /**
   * Text that is not UTF-8 at stream offset `offset` (§8.1, close code 1007): recorded on the
   * frame and the message, the rest of the frame no longer checked. True when it stopped the
   * parser (strict mode).
   */
  private invalidUtf8(events: ParseEvent[], offset: number): boolean {
    this.fUtf8 = false;
    const f = wsFinding('invalid-utf8', 'error', '8.1', 'text message is not valid UTF-8', {
      closeCode: 1007,
      offset,
    });
    if (this.fail(events, f)) return true;
    this.fFindings.push(f);
    this.mFindings.push(f);
    return false;
  }

  /** Strict mode: emit the error and stop. Returns true when stopped. */
  private fail(events: ParseEvent[], finding: ProtocolFinding): boolean {
    if (!this.opts.stopOnError) return false;
    this.state = State.Failed;
    events.push({ type: 'error', finding });
    return true;
  }

  private onHeader(events: ParseEvent[]): void {
    const h = this.hdr;
    const at = this.offset;
    const hd = decodeFrameHeader(h);
    const { rsv1, opcode, masked, length, encoding } = hd;
    const deflate = this.opts.perMessageDeflate;
    const findings = checkFrameHeader(
      hd,
      this.opts,
      { opcode: this.mOpcode, size: this.mSize },
      at,
    );
    // Past the limit, keep (lenient mode) only the first maxFrameSize bytes of the payload.
    let capture = Math.min(length, this.opts.maxFrameSize);

    for (const f of findings) {
      if (f.severity === 'error' && this.fail(events, f)) return;
    }

    // Message bookkeeping happens at the header so UTF-8 can be checked while bytes arrive.
    const isData = opcode === Opcode.Text || opcode === Opcode.Binary;
    if (isData) {
      if (this.mOpcode !== 0) this.discardMessage(); // lenient: a new message replaces the old
      this.mOpcode = opcode;
      this.mCompressed = deflate && rsv1;
      this.mFrames = 0;
      this.mSize = 0;
      this.utf8.reset();
    }
    const inMessage = (isData || opcode === Opcode.Continuation) && this.mOpcode !== 0;
    // What the consumer keeps of a data frame (see FrameParserOptions.payloadLimit).
    if (this.payloadLimit && (isData || opcode === Opcode.Continuation) && !this.mCompressed) {
      capture = Math.min(capture, Math.max(0, this.payloadLimit()));
    }

    this.fByte0 = h[0]!;
    this.fHeaderOffset = at;
    this.fHeaderLength = this.hdrNeed;
    if (masked) {
      const o = hd.maskOffset;
      const key = this.slab.alloc(4);
      key[0] = h[o]!;
      key[1] = h[o + 1]!;
      key[2] = h[o + 2]!;
      key[3] = h[o + 3]!;
      this.fMask = key;
    } else {
      this.fMask = undefined;
    }
    this.fLength = length;
    this.fEncoding = encoding;
    this.fHave = 0;
    this.fCapture = capture;
    this.fParts = [];
    this.fBuf = undefined;
    this.fFindings = findings;
    // RFC 6455 §8.1 (fail fast): validate text while it arrives, unless it is compressed.
    this.fUtf8 =
      inMessage && this.mOpcode === Opcode.Text && !this.mCompressed && !this.utf8.failed;
    this.offset += this.hdrNeed;
    this.hdrHave = 0;
    this.hdrNeed = 2;
    this.state = State.Payload;
  }

  private discardMessage(): void {
    this.mOpcode = 0;
    this.mParts = [];
    this.mSize = 0;
    this.mFrames = 0;
    this.mFindings = [];
    this.mOverflow = false;
  }

  private onFrameEnd(events: ParseEvent[], time: number): void {
    const b0 = this.fByte0;
    const opcode = b0 & 0x0f;
    const fin = (b0 & 0x80) !== 0;
    const payload = this.fBuf ?? (this.fParts.length === 0 ? EMPTY : concat(this.fParts));
    const findings = this.fFindings;
    const seq = this.nextSeq();
    const frame: FrameRecord = {
      seq,
      direction: this.opts.direction,
      fin,
      rsv1: (b0 & 0x40) !== 0,
      rsv2: (b0 & 0x20) !== 0,
      rsv3: (b0 & 0x10) !== 0,
      opcode,
      masked: this.fMask !== undefined,
      payloadLength: this.fLength,
      lengthEncoding: this.fEncoding,
      headerOffset: this.fHeaderOffset,
      headerLength: this.fHeaderLength,
      payloadOffset: this.fHeaderOffset + this.fHeaderLength,
      payload,
      time,
      findings,
    };
    if (this.fMask) frame.maskKey = this.fMask;
    this.state = State.Header;
    this.fParts = [];
    this.fBuf = undefined;

    if (opcode === Opcode.Close) {
      frame.close = parseClosePayload(payload);
      for (const f of checkClosePayload(payload)) {
        f.offset = frame.payloadOffset;
        if (this.fail(events, f)) return;
        findings.push(f);
      }
    }
    const isData =
      opcode === Opcode.Text || opcode === Opcode.Binary || opcode === Opcode.Continuation;
    if (isData && this.mOpcode !== 0) {
      // What the frame brought, kept or not (a payloadLimit may have kept fewer bytes); past
      // maxFrameSize only that much, as before.
      const brought = Math.min(frame.payloadLength, this.opts.maxFrameSize);
      if (this.mSize + brought <= this.opts.maxMessageSize) {
        this.mParts.push(payload);
        this.mSize += brought;
      } else if (!this.mOverflow) {
        // Lenient mode only (strict mode failed at the header): keep memory bounded.
        this.mOverflow = true;
        this.mFindings.push(
          wsFinding(
            'message-too-big',
            'error',
            '7.4.1',
            'message data beyond the limit was dropped',
            {
              closeCode: 1009,
              offset: frame.headerOffset,
            },
          ),
        );
      }
      if (this.mFrames === 0) this.mFirstSeq = seq;
      this.mFrames++;
      if (
        fin &&
        this.mOpcode === Opcode.Text &&
        !this.mCompressed &&
        !this.utf8.complete &&
        !this.utf8.failed
      ) {
        // The message ended in the middle of a code point.
        const f = wsFinding(
          'invalid-utf8',
          'error',
          '8.1',
          'text message ends inside a UTF-8 sequence',
          {
            closeCode: 1007,
            offset: this.offset,
          },
        );
        if (this.fail(events, f)) return;
        findings.push(f);
        this.mFindings.push(f);
      }
    }
    events.push({ type: 'frame', frame });
    if (isData && this.mOpcode !== 0 && fin) {
      events.push({
        type: 'message',
        opcode: this.mOpcode,
        data: concat(this.mParts),
        compressed: this.mCompressed,
        frameCount: this.mFrames,
        firstSeq: this.mFirstSeq,
        lastSeq: seq,
        findings: this.mFindings,
      });
      this.discardMessage();
    }
  }
}

/** Splits a Close frame body into code and reason (§5.5.1); lenient about invalid UTF-8. */
export function parseClosePayload(payload: Uint8Array): { code?: number; reason?: string } {
  if (payload.length < 2) return {};
  return {
    code: (payload[0]! << 8) | payload[1]!,
    reason: new TextDecoder('utf-8').decode(payload.subarray(2)),
  };
}
