/**
 * Sans-I/O WebSocket connection after the opening handshake (RFC 6455 §5–§7), for either role.
 * Bytes received go in; events come out, among them `send` events carrying the bytes the adapter
 * must write, in order, and `close-transport` when the adapter should close the TCP connection.
 * Randomness (client mask keys) is passed in; there are no timers (the adapter owns time).
 */
import type { ProtocolFinding } from '../shared/problem.js';
import { decodeUtf8, encodeUtf8, isValidUtf8 } from '../shared/utf8.js';
import type { FrameRecord } from './frame-record.js';
import { Opcode } from './frame-record.js';
import { FrameParser } from './frame-parser.js';
import type { FrameSpec, Role } from './frame-writer.js';
import { encodeClosePayload, writeFrame } from './frame-writer.js';
import type { DeflateEngine } from './permessage-deflate.js';
import { MessageDeflater, MessageInflater } from './permessage-deflate.js';
import type { DeflateParams } from './permessage-deflate-params.js';
import { closeCodeProblem, closeCodeSection } from './close-codes.js';
import { wsFinding } from './findings.js';

export type ConnectionState = 'open' | 'closing' | 'closed';

export type ConnectionEvent =
  /** Bytes to write to the transport, in order. */
  | { type: 'send'; bytes: Uint8Array }
  /** Every frame received (for capture and display). */
  | { type: 'frame'; frame: FrameRecord }
  /** A complete message; `text` for text messages. */
  | { type: 'message'; opcode: number; data: Uint8Array; text?: string }
  | { type: 'ping'; data: Uint8Array }
  | { type: 'pong'; data: Uint8Array }
  /** The peer sent a Close frame first (RFC 6455 §7.1.2); we echo it. */
  | { type: 'close-received'; code?: number; reason: string }
  /** The connection is closed (§7.1.4); `code` 1005 when no code was sent, 1006 when abnormal. */
  | { type: 'closed'; code: number; reason: string; wasClean: boolean }
  /** The connection was failed (§7.1.7) because of this finding. */
  | { type: 'error'; finding: ProtocolFinding }
  /** A request this API refused (e.g. sending after close); nothing was sent. */
  | { type: 'refused'; finding: ProtocolFinding }
  /** The adapter should close the TCP connection now (§7.1.1: the server closes it first). */
  | { type: 'close-transport' };

/** Per-message send options. */
export interface SendOptions {
  /** Split the (compressed) payload into frames of at most this many bytes (RFC 6455 §5.4). */
  fragmentSize?: number;
  /** With permessage-deflate negotiated, `false` sends this message uncompressed (RFC 7692 §6). */
  compress?: boolean;
}

export interface ConnectionOptions {
  role: Role;
  /** 4 fresh random bytes per frame (RFC 6455 §5.3); required for clients. */
  randomMask?: () => Uint8Array;
  /** Answer pings automatically with a pong carrying the same data (§5.5.2). Default true. */
  autoPong?: boolean;
  /** Negotiated permessage-deflate and the engine that implements it. */
  deflate?: { params: DeflateParams; engine: DeflateEngine };
  maxFrameSize?: number;
  maxMessageSize?: number;
}

/** A WebSocket connection's framing and closing logic, without I/O. */
export class WebSocketConnection {
  private stateValue: ConnectionState = 'open';
  private readonly parser: FrameParser;
  private readonly inflater: MessageInflater | undefined;
  private readonly deflater: MessageDeflater | undefined;
  private closeSent = false;
  private closeReceived = false;
  private received: { code?: number; reason: string } | undefined;

  constructor(private readonly options: ConnectionOptions) {
    const peerDirection = options.role === 'server' ? 'client-to-server' : 'server-to-client';
    const parserOptions: ConstructorParameters<typeof FrameParser>[0] = {
      direction: peerDirection,
      perMessageDeflate: options.deflate !== undefined,
    };
    if (options.maxFrameSize !== undefined) parserOptions.maxFrameSize = options.maxFrameSize;
    if (options.maxMessageSize !== undefined) parserOptions.maxMessageSize = options.maxMessageSize;
    this.parser = new FrameParser(parserOptions);
    if (options.deflate) {
      const { params, engine } = options.deflate;
      this.inflater = new MessageInflater(params, peerDirection, engine, options.maxMessageSize);
      this.deflater = new MessageDeflater(params, options.role, engine);
    }
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  /** Feeds bytes read from the transport. */
  receive(chunk: Uint8Array, time = 0): ConnectionEvent[] {
    const out: ConnectionEvent[] = [];
    if (this.stateValue === 'closed' || this.closeReceived) return out; // §5.5.1: nothing after Close
    for (const ev of this.parser.push(chunk, time)) {
      if ((this.stateValue as ConnectionState) === 'closed') break;
      if (ev.type === 'error') {
        this.failInto(out, ev.finding);
      } else if (ev.type === 'frame') {
        out.push(ev);
        this.onControl(ev.frame, out);
      } else {
        let data = ev.data;
        if (ev.compressed && this.inflater) {
          const r = this.inflater.inflate(data);
          if (!r.ok) {
            this.failInto(out, r.finding);
            break;
          }
          data = r.data;
        }
        if (ev.opcode === Opcode.Text) {
          // §8.1: compressed text is only checkable once inflated.
          if (ev.compressed && !isValidUtf8(data)) {
            this.failInto(
              out,
              wsFinding('invalid-utf8', 'error', '8.1', 'text message is not valid UTF-8', {
                closeCode: 1007,
              }),
            );
            break;
          }
          out.push({ type: 'message', opcode: ev.opcode, data, text: decodeUtf8(data) });
        } else {
          out.push({ type: 'message', opcode: ev.opcode, data });
        }
      }
    }
    return out;
  }

  /** The transport ended (the peer closed TCP). */
  receiveEnd(): ConnectionEvent[] {
    if (this.stateValue === 'closed') return [];
    this.stateValue = 'closed';
    if (this.closeSent && this.closeReceived) {
      return [
        {
          type: 'closed',
          code: this.received?.code ?? 1005,
          reason: this.received?.reason ?? '',
          wasClean: true,
        },
      ];
    }
    // RFC 6455 §7.1.5: closed without a Close frame: status 1006.
    return [{ type: 'closed', code: 1006, reason: '', wasClean: false }];
  }

  /** Sends a text message (one frame, or fragments of `options.fragmentSize` bytes, §5.4). */
  sendText(text: string, options: SendOptions = {}): ConnectionEvent[] {
    return this.sendData(Opcode.Text, encodeUtf8(text), options);
  }

  /** Sends a binary message (one frame, or fragments of `options.fragmentSize` bytes, §5.4). */
  sendBinary(data: Uint8Array, options: SendOptions = {}): ConnectionEvent[] {
    return this.sendData(Opcode.Binary, data, options);
  }

  /** Sends a Ping (§5.5.2); data at most 125 bytes. */
  ping(data: Uint8Array = new Uint8Array(0)): ConnectionEvent[] {
    return this.sendControl(Opcode.Ping, data);
  }

  /** Sends an unsolicited Pong (§5.5.3: a unidirectional heartbeat). */
  pong(data: Uint8Array = new Uint8Array(0)): ConnectionEvent[] {
    return this.sendControl(Opcode.Pong, data);
  }

  /** Starts the closing handshake (§7.1.2). `code` must be a valid wire code (§7.4). */
  close(code?: number, reason = ''): ConnectionEvent[] {
    if (code !== undefined) {
      const problem = closeCodeProblem(code);
      if (problem !== undefined) {
        return [
          {
            type: 'refused',
            finding: wsFinding(
              'invalid-close-code',
              'error',
              closeCodeSection(code),
              `close code ${problem}`,
            ),
          },
        ];
      }
    }
    if (encodeUtf8(reason).length > 123) {
      return [
        {
          type: 'refused',
          finding: wsFinding(
            'close-reason-too-long',
            'error',
            '5.5',
            'close reason over 123 bytes',
          ),
        },
      ];
    }
    if (this.closeSent || this.stateValue === 'closed') return [];
    const out: ConnectionEvent[] = [];
    this.sendCloseInto(out, code, reason);
    this.stateValue = 'closing';
    return out;
  }

  /** Fails the connection (§7.1.7) with `code`: sends a Close frame if possible, then closes. */
  fail(code: number, reason = ''): ConnectionEvent[] {
    const out: ConnectionEvent[] = [];
    this.failInto(
      out,
      wsFinding('failed-by-application', 'error', '7.1.7', reason || `failed with ${code}`, {
        closeCode: code,
      }),
    );
    return out;
  }

  private failInto(out: ConnectionEvent[], finding: ProtocolFinding): void {
    if (this.stateValue === 'closed') return;
    const code = finding.closeCode ?? 1002;
    out.push({ type: 'error', finding });
    // §7.1.7: send a Close frame first unless one was sent already; 1006 is never sent (§7.4.1).
    if (!this.closeSent && closeCodeProblem(code) === undefined) this.sendCloseInto(out, code, '');
    this.stateValue = 'closed';
    out.push({ type: 'closed', code, reason: finding.message, wasClean: false });
    out.push({ type: 'close-transport' });
  }

  private onControl(frame: FrameRecord, out: ConnectionEvent[]): void {
    if (frame.opcode === Opcode.Ping) {
      out.push({ type: 'ping', data: frame.payload });
      // §5.5.2: answer with a Pong with identical data, unless a Close was already received.
      if ((this.options.autoPong ?? true) && !this.closeSent)
        this.emitFrame(out, { opcode: Opcode.Pong, payload: frame.payload });
    } else if (frame.opcode === Opcode.Pong) {
      out.push({ type: 'pong', data: frame.payload });
    } else if (frame.opcode === Opcode.Close) {
      this.closeReceived = true;
      const code = frame.close?.code;
      const reason = frame.close?.reason ?? '';
      this.received = code === undefined ? { reason } : { code, reason };
      if (!this.closeSent) {
        out.push(
          code === undefined
            ? { type: 'close-received', reason }
            : { type: 'close-received', code, reason },
        );
        // §5.5.1: reply with a Close frame, echoing the status code received.
        this.sendCloseInto(out, code, '');
      }
      this.stateValue = 'closed';
      // §7.1.5: no status code in the Close frame → 1005.
      out.push({ type: 'closed', code: code ?? 1005, reason, wasClean: true });
      // §7.1.1: the server closes the TCP connection first; a client waits for it.
      if (this.options.role === 'server') out.push({ type: 'close-transport' });
    }
  }

  private sendData(opcode: number, data: Uint8Array, options: SendOptions): ConnectionEvent[] {
    if (this.stateValue !== 'open') return [this.refusedAfterClose()];
    const out: ConnectionEvent[] = [];
    const compress = this.deflater !== undefined && options.compress !== false;
    // RFC 7692 §6.1 (compression) then §6: the whole message is compressed, then split; RSV1
    // on the first frame only.
    const payload = compress ? this.deflater!.deflate(data) : data;
    const size = options.fragmentSize;
    if (size === undefined || !(size >= 1) || payload.length <= size) {
      this.emitFrame(out, { opcode, payload, rsv1: compress });
      return out;
    }
    for (let at = 0; at < payload.length; at += size) {
      const first = at === 0;
      this.emitFrame(out, {
        opcode: first ? opcode : Opcode.Continuation,
        fin: at + size >= payload.length,
        rsv1: first && compress,
        payload: payload.subarray(at, at + size),
      });
    }
    return out;
  }

  private sendControl(opcode: number, data: Uint8Array): ConnectionEvent[] {
    if (this.closeSent || this.stateValue === 'closed') return [this.refusedAfterClose()];
    if (data.length > 125) {
      return [
        {
          type: 'refused',
          finding: wsFinding(
            'control-frame-too-long',
            'error',
            '5.5',
            'control frame data over 125 bytes',
          ),
        },
      ];
    }
    const out: ConnectionEvent[] = [];
    this.emitFrame(out, { opcode, payload: data });
    return out;
  }

  private refusedAfterClose(): ConnectionEvent {
    // §5.5.1: after sending a Close frame, the endpoint MUST NOT send any more data frames.
    return {
      type: 'refused',
      finding: wsFinding(
        'send-after-close',
        'error',
        '5.5.1',
        'the connection is closing or closed',
      ),
    };
  }

  private sendCloseInto(out: ConnectionEvent[], code: number | undefined, reason: string): void {
    this.closeSent = true;
    this.emitFrame(out, { opcode: Opcode.Close, payload: encodeClosePayload(code, reason) });
  }

  private emitFrame(out: ConnectionEvent[], spec: FrameSpec): void {
    if (this.options.role === 'client') {
      // §5.3: a fresh, unpredictable masking key for every frame, supplied by the adapter.
      const mask = this.options.randomMask?.();
      if (mask?.length !== 4) {
        out.push({
          type: 'refused',
          finding: wsFinding('mask-key-length', 'error', '5.3', 'randomMask must return 4 bytes'),
        });
        return;
      }
      spec.mask = mask;
    }
    const r = writeFrame(spec, {
      role: this.options.role,
      allowedRsv: { rsv1: this.deflater !== undefined },
    });
    if (r.ok) out.push({ type: 'send', bytes: r.bytes });
    else out.push({ type: 'refused', finding: r.findings[0]! });
  }
}
