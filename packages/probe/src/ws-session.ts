/**
 * The probe as a WebSocket client after a 101 (RFC 6455 §5-§7): it masks what it sends with
 * fresh random keys, dissects every frame in both directions (lenient parsers: violations are
 * recorded on the frames, not thrown), answers pings and Close frames, and closes cleanly or
 * abruptly on request. Frame offsets count from the first byte after the handshake head in
 * each direction.
 */
import type { Socket } from 'node:net';
import type { DeflateParams, DissectorEvent, FrameRecord, FrameSpec } from '@switchyard/protocol';
import {
  Dissector,
  Opcode,
  encodeClosePayload,
  encodeUtf8,
  isValidWireCloseCode,
  writeFrame,
} from '@switchyard/protocol';
import type {
  CloseInfo,
  FrameJson,
  HeaderList,
  Truncation,
  WebSocketCapture,
} from '@switchyard/exchange';
import { fieldValues } from '@switchyard/protocol';
import { frameToJson } from '@switchyard/exchange';
import type { SendAction, SendResult } from './types.js';
import { zlibEngine } from './zlib-engine.js';

/** Settings of a session. */
export interface WsSessionOptions {
  socket: Socket;
  /** µs since the exchange start. */
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  /** Answer each Ping with a Pong carrying the same data (RFC 6455 §5.5.2). Default true. */
  autoPong: boolean;
  /** Fail the connection (§7.1.7) when the server breaks the protocol. Default true. */
  failOnProtocolError: boolean;
  deflate?: DeflateParams;
  idleMs: number;
  closeMs: number;
  maxFrames: number;
  maxBytes: number;
  onFrame: (frame: FrameJson) => void;
  /** The caps dropped or cut frames (running totals), once per read, after its frames. */
  onTruncated?: (truncation: Truncation) => void;
  onEnd: () => void;
}

/** The client side of one upgraded connection. */
export class WsSession {
  readonly frames: FrameJson[] = [];
  readonly framesSeen = { clientToServer: 0, serverToClient: 0 };
  readonly truncation: Truncation;
  close: CloseInfo | undefined;
  ended = false;

  private storedBytes = 0;
  /** A cap dropped or cut a frame since `onTruncated` was last called. */
  private truncatedSince = false;
  /** The core's dissector: both directions, one sequence, violations recorded (never thrown). */
  private readonly dissector: Dissector;
  private sentClose: { code?: number; reason?: string; time: number } | undefined;
  private receivedClose: { code?: number; reason?: string; time: number } | undefined;
  private failed = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private closeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: WsSessionOptions) {
    this.truncation = {
      maxFrames: opts.maxFrames,
      maxBytes: opts.maxBytes,
      framesDropped: 0,
      bytesDropped: 0,
      framesCut: 0,
    };
    this.dissector = new Dissector(
      opts.deflate !== undefined ? { deflate: { params: opts.deflate, engine: zlibEngine } } : {},
    );
    const { socket } = opts;
    socket.on('end', () => {
      // The server closed its side: close ours (RFC 6455 §7.1.1, the server closes TCP first).
      if (!socket.destroyed) socket.end();
    });
    socket.on('close', () => this.finish());
    socket.on('error', () => {
      /* recorded as an unclean close by finish() */
    });
    this.touch();
  }

  /** The WebSocket part of the exchange so far; `headers` are the 101's (RFC 6455 §4.2.2). */
  capture(headers: HeaderList): WebSocketCapture {
    const protocol = fieldValues(headers, 'sec-websocket-protocol')[0]?.trim();
    const out: WebSocketCapture = {
      subprotocol: protocol === undefined || protocol === '' ? null : protocol,
      extensions: fieldValues(headers, 'sec-websocket-extensions').join(', '),
      frames: [...this.frames],
      framesSeen: { ...this.framesSeen },
      truncation: { ...this.truncation },
    };
    if (this.close !== undefined) out.close = this.close;
    return out;
  }

  /** Feeds bytes the server sent (the first call gets the bytes that followed the 101 head). */
  receive(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.touch();
    this.record(this.dissector.push('server-to-client', bytes, this.opts.now()));
  }

  /** Sends one frame (see {@link SendAction}); never throws. */
  send(action: SendAction): SendResult {
    if (this.ended || this.opts.socket.destroyed || !this.opts.socket.writable) {
      return { ok: false, reason: 'the connection is closed', findings: [] };
    }
    if (this.sentClose !== undefined && action.type !== 'raw') {
      // RFC 6455 §5.5.1: after sending a Close frame, an endpoint sends no more data frames.
      return { ok: false, reason: 'a Close frame was already sent', findings: [] };
    }
    const mask = this.opts.randomBytes(4);
    let spec: FrameSpec;
    let allowInvalid = false;
    switch (action.type) {
      case 'text':
        spec = { opcode: Opcode.Text, payload: encodeUtf8(action.text), mask };
        break;
      case 'binary':
        spec = { opcode: Opcode.Binary, payload: action.data, mask };
        break;
      case 'ping':
        spec = { opcode: Opcode.Ping, payload: action.data ?? new Uint8Array(0), mask };
        break;
      case 'pong':
        spec = { opcode: Opcode.Pong, payload: action.data ?? new Uint8Array(0), mask };
        break;
      case 'close':
        spec = {
          opcode: Opcode.Close,
          payload: encodeClosePayload(action.code, action.reason ?? ''),
          mask,
        };
        break;
      case 'raw': {
        spec = { opcode: action.opcode, payload: action.payload ?? new Uint8Array(0) };
        if (action.fin !== undefined) spec.fin = action.fin;
        if (action.rsv1 !== undefined) spec.rsv1 = action.rsv1;
        if (action.rsv2 !== undefined) spec.rsv2 = action.rsv2;
        if (action.rsv3 !== undefined) spec.rsv3 = action.rsv3;
        if (action.lengthEncoding !== undefined) spec.lengthEncoding = action.lengthEncoding;
        if (action.declaredLength !== undefined) spec.declaredLength = action.declaredLength;
        if (action.mask instanceof Uint8Array) spec.mask = action.mask;
        else if (action.mask !== false) spec.mask = mask;
        allowInvalid = action.allowInvalid === true;
        break;
      }
    }
    const written = writeFrame(spec, {
      role: 'client',
      allowedRsv: this.opts.deflate !== undefined ? { rsv1: true } : {},
      allowInvalid,
    });
    if (!written.ok) {
      return {
        ok: false,
        reason: allowInvalid
          ? 'the frame cannot be encoded'
          : 'the frame violates RFC 6455; set allowInvalid to send it anyway',
        findings: written.findings,
      };
    }
    this.opts.socket.write(written.bytes);
    this.touch();
    const seen = this.record(
      this.dissector.push('client-to-server', written.bytes, this.opts.now()),
    );
    const frame = seen[seen.length - 1];
    if (spec.opcode === Opcode.Close && this.sentClose === undefined) {
      this.sentClose = { ...(frame?.close ?? {}), time: this.opts.now() };
      this.armCloseTimer();
    }
    if (frame !== undefined)
      return { ok: true, frame: frame.json ?? stubFrame(frame.seq, written.bytes) };
    // Not complete on the wire (a declared length longer than the bytes written).
    return { ok: true, frame: stubFrame(-1, written.bytes) };
  }

  /** Starts the closing handshake (RFC 6455 §7.1.2) with an optional code and reason. */
  closeCleanly(code?: number, reason?: string): SendResult {
    const action: SendAction = { type: 'close' };
    if (code !== undefined) action.code = code;
    if (reason !== undefined) action.reason = reason;
    return this.send(action);
  }

  /** Drops the TCP connection without a closing handshake. */
  abort(): void {
    this.opts.socket.destroy();
  }

  private touch(): void {
    if (this.ended) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      // RFC 6455 §7.4.1: 1001, the endpoint is going away.
      if (this.sentClose === undefined) this.closeCleanly(1001, 'probe idle timeout');
      else this.abort();
    }, this.opts.idleMs);
  }

  private armCloseTimer(): void {
    if (this.closeTimer !== undefined) return;
    // Bound the wait for the peer's Close frame and its TCP close (RFC 6455 §7.1.1).
    this.closeTimer = setTimeout(() => this.abort(), this.opts.closeMs);
  }

  /**
   * Stores the frames of one dissector push (after the whole push, so a compressed message's
   * inflated payload is on its first frame), emits them, then reacts to the server's frames.
   * Returns the frames completed, with their stored JSON (absent when a cap dropped it).
   */
  private record(
    events: DissectorEvent[],
  ): { seq: number; close?: { code?: number; reason?: string }; json?: FrameJson }[] {
    const frames: FrameRecord[] = [];
    const messageFindings = new Map<number, DissectorEvent & { type: 'message' }>();
    for (const event of events) {
      if (event.type === 'frame') frames.push(event.frame);
      else if (event.findings.length > 0) messageFindings.set(event.firstSeq, event);
    }
    const out: { seq: number; close?: { code?: number; reason?: string }; json?: FrameJson }[] = [];
    for (const record of frames) {
      const message = messageFindings.get(record.seq);
      if (message !== undefined) {
        // Message-level findings (e.g. an inflate failure, RFC 7692 §7.2.2) go on the first
        // frame, unless a frame of the message already carries the same one.
        for (const f of message.findings) {
          const dup = frames.some(
            (r) =>
              r.seq >= message.firstSeq &&
              r.seq <= message.lastSeq &&
              r.findings.some((g) => g.code === f.code),
          );
          if (!dup) record.findings.push(f);
        }
      }
      const json = this.store(record);
      const item: { seq: number; close?: { code?: number; reason?: string }; json?: FrameJson } = {
        seq: record.seq,
      };
      if (record.close !== undefined) item.close = record.close;
      if (json !== undefined) item.json = json;
      out.push(item);
    }
    for (const item of out) if (item.json !== undefined) this.opts.onFrame(item.json);
    if (this.truncatedSince) {
      // Caps are never silent: frames past them have no frame event, so their counts go out.
      this.truncatedSince = false;
      this.opts.onTruncated?.({ ...this.truncation });
    }
    // Reactions (pong, close echo) come after the frames they answer, in wire order.
    for (const record of frames) if (record.direction === 'server-to-client') this.react(record);
    return out;
  }

  private store(record: FrameRecord): FrameJson | undefined {
    if (record.direction === 'client-to-server') this.framesSeen.clientToServer++;
    else this.framesSeen.serverToClient++;
    const t = this.truncation;
    const room = t.maxBytes - this.storedBytes;
    if (this.frames.length >= t.maxFrames || (room <= 0 && record.payload.length > 0)) {
      t.framesDropped++;
      t.bytesDropped += record.payload.length;
      t.firstDroppedSeq ??= record.seq;
      this.truncatedSince = true;
      return undefined;
    }
    const json = frameToJson(record, { maxPayloadBytes: Math.max(0, room) });
    if (record.payload.length > room) {
      // The cut bytes count as dropped, as in the server's own capture (recorder.ts).
      t.framesCut++;
      t.bytesDropped += record.payload.length - Math.max(0, room);
      this.truncatedSince = true;
    }
    this.storedBytes += Math.min(record.payload.length, Math.max(0, room));
    this.frames.push(json);
    return json;
  }

  /** What a client does on a server frame: pong, echo a Close, or fail the connection. */
  private react(frame: FrameRecord): void {
    const error = frame.findings.find((f) => f.severity === 'error');
    if (error !== undefined && this.opts.failOnProtocolError && !this.failed) {
      // RFC 6455 §7.1.7: fail the connection, sending a Close with the finding's code first.
      this.failed = true;
      if (this.sentClose === undefined) this.closeCleanly(error.closeCode ?? 1002);
      this.armCloseTimer();
      return;
    }
    if (frame.opcode === Opcode.Ping && this.opts.autoPong && this.sentClose === undefined) {
      // RFC 6455 §5.5.2/§5.5.3: a Pong in response carries the Ping's application data.
      this.send({ type: 'pong', data: frame.payload });
    } else if (frame.opcode === Opcode.Close && this.receivedClose === undefined) {
      this.receivedClose = { ...(frame.close ?? {}), time: frame.time };
      if (this.sentClose === undefined) {
        // RFC 6455 §5.5.1: reply with a Close, typically echoing the status code received.
        const code = frame.close?.code;
        if (code === undefined) this.closeCleanly();
        else this.closeCleanly(isValidWireCloseCode(code) ? code : 1002);
      }
      this.armCloseTimer();
    }
  }

  /** Records how the connection ended (idempotent; called when TCP has closed). */
  finish(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.idleTimer);
    clearTimeout(this.closeTimer);
    const received = this.receivedClose;
    const sent = this.sentClose;
    const initiator =
      sent === undefined && received === undefined
        ? 'transport'
        : received === undefined || (sent !== undefined && sent.time <= received.time)
          ? 'client'
          : 'server';
    // RFC 6455 §7.1.5: the close code is the one in the Close frame received; 1005 when it had
    // none; 1006 (§7.1.5, §7.4.1) when no Close frame was received.
    const info: CloseInfo = {
      initiator,
      code: received === undefined ? 1006 : (received.code ?? 1005),
      reason: received?.reason ?? '',
      clean: sent !== undefined && received !== undefined,
      time: this.opts.now(),
    };
    if (sent !== undefined) info.client = pick(sent);
    if (received !== undefined) info.server = pick(received);
    this.close = info;
    this.opts.onEnd();
  }
}

function pick(c: { code?: number; reason?: string }): { code?: number; reason?: string } {
  const out: { code?: number; reason?: string } = {};
  if (c.code !== undefined) out.code = c.code;
  if (c.reason !== undefined) out.reason = c.reason;
  return out;
}

/** A placeholder for a sent frame the dissector could not (yet) complete or store. */
function stubFrame(seq: number, bytes: Uint8Array): FrameJson {
  return {
    seq,
    direction: 'client-to-server',
    fin: (bytes[0]! & 0x80) !== 0,
    rsv1: (bytes[0]! & 0x40) !== 0,
    rsv2: (bytes[0]! & 0x20) !== 0,
    rsv3: (bytes[0]! & 0x10) !== 0,
    opcode: bytes[0]! & 0x0f,
    masked: (bytes[1]! & 0x80) !== 0,
    payloadLength: bytes[1]! & 0x7f,
    lengthEncoding: 7,
    headerOffset: 0,
    headerLength: 0,
    payloadOffset: 0,
    payload: '',
    payloadTruncated: true,
    time: 0,
    findings: [],
  };
}
