/**
 * Records what is really on an upgraded socket: bytes read ('data' events) and bytes written
 * (a wrapper around `socket.write`) go through the protocol core's frame parser in lenient
 * mode (the dissector: violations are recorded on frames, parsing goes on), one parser per
 * direction sharing one sequence. The first bytes written, the 101 head, are parsed as a
 * response head. At the end it works out how the connection closed (RFC 6455 §7.1.4-§7.1.5).
 */
import type { Duplex } from 'node:stream';
import {
  FrameParser,
  Opcode,
  parseResponseHead,
  type Direction,
  type FrameRecord,
  type ParseEvent,
} from '@switchyard/protocol';
import { DeflateView, negotiatedDeflate } from './deflate-view.js';
import type { WsCapture, WsCloseInfo } from './capture-adapter.js';

export interface WireTapOptions {
  /** permessage-deflate was negotiated: RSV1 marks compressed messages (RFC 7692 §6). */
  deflate?: boolean;
  /** The first bytes written are an HTTP response head (true when installed before the 101). */
  responseHeadFirst?: boolean;
  /** Bound of an inflated message, bytes (a deflate bomb must not exhaust memory). */
  maxMessageSize?: number;
}

type CloseFrame = { code?: number; reason?: string };

/** Taps `socket` for `capture`; call `attachReader()` once the engine listens for data. */
export class WireTap {
  private seq = 0;
  private inbound: FrameParser;
  private outbound: FrameParser;
  private headBytes: Buffer[] = [];
  private inHead: boolean;
  private clientClose: { frame: CloseFrame; order: number } | undefined;
  private serverClose: { frame: CloseFrame; order: number } | undefined;
  private order = 0;
  private ended = false;
  private deflate: DeflateView | undefined;
  /** A 101 was written: frames follow. */
  private switched = false;
  /** A non-101 head was written: what follows is its content. */
  private inBody = false;

  constructor(
    private readonly socket: Duplex,
    private readonly capture: WsCapture,
    private readonly options: WireTapOptions = {},
  ) {
    this.inHead = options.responseHeadFirst ?? false;
    this.inbound = this.parser('client-to-server');
    this.outbound = this.parser('server-to-client');
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
    const onWrite = (chunk: Uint8Array | string) => this.onWrite(chunk);
    socket.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk instanceof Uint8Array || typeof chunk === 'string') onWrite(chunk);
      return write(chunk, ...rest);
    }) as Duplex['write'];
    // First in line, so the close is recorded before anything else ends the exchange.
    socket.prependOnceListener('close', () => this.end());
  }

  /**
   * Starts reading inbound bytes. Call it only once the engine has its own 'data' listener:
   * adding the first one switches the socket to flowing mode.
   */
  attachReader(): void {
    // Before the engine's listener, so a frame read is recorded before the engine's answer.
    this.socket.prependListener('data', (chunk: Buffer) => {
      if (this.switched) this.emit(this.inbound.push(chunk), 'client-to-server');
    });
  }

  private parser(direction: 'client-to-server' | 'server-to-client'): FrameParser {
    return new FrameParser({
      direction,
      stopOnError: false,
      perMessageDeflate: this.options.deflate ?? false,
      nextSeq: () => this.seq++,
    });
  }

  private onWrite(chunk: Uint8Array | string): void {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    if (this.inHead) {
      this.headBytes.push(Buffer.from(bytes));
      const all = Buffer.concat(this.headBytes);
      const parsed = parseResponseHead(all);
      if (parsed.state === 'need-more') return;
      this.inHead = false;
      if (parsed.state === 'complete') {
        const head = parsed.head;
        const raw = all.subarray(0, head.consumed);
        this.capture.response({
          status: head.status,
          reason: head.reason ?? '',
          headers: head.headers.map(([n, v]) => [n, v]),
          raw,
        });
        if (head.status !== 101) this.inBody = true;
        if (head.status === 101) {
          this.switched = true;
          const ext = head.headers.find(([n]) => n.toLowerCase() === 'sec-websocket-extensions');
          const proto = head.headers.find(([n]) => n.toLowerCase() === 'sec-websocket-protocol');
          const extensions = ext?.[1] ?? '';
          this.capture.upgraded({ subprotocol: proto?.[1] ?? null, extensions });
          const deflate = negotiatedDeflate(extensions);
          if (deflate) {
            this.options.deflate = true;
            this.deflate = new DeflateView(deflate, this.options.maxMessageSize ?? 64 << 20);
            // No frame was parsed before the 101, so new parsers lose nothing.
            this.outbound = this.parser('server-to-client');
            this.inbound = this.parser('client-to-server');
          }
        }
        bytes = all.subarray(head.consumed);
      } else {
        this.capture.note('The response head written could not be parsed; frames not decoded.');
        return;
      }
      if (bytes.length === 0) return;
    }
    if (this.inBody) this.capture.responseBody(bytes);
    else this.emit(this.outbound.push(bytes), 'server-to-client');
  }

  /**
   * Records the frames of one chunk. Frames are held until the chunk's events are read, so a
   * compressed message that completed in this chunk gets its inflated payload on its first
   * frame (RFC 7692 §6.1: RSV1 marks the first frame of a compressed message).
   */
  private emit(events: ParseEvent[], direction: Direction): void {
    const held: FrameRecord[] = [];
    for (const event of events) {
      if (event.type === 'frame') held.push(event.frame);
      else if (event.type === 'message' && event.compressed && this.deflate) {
        // Every compressed message is inflated, in order: the LZ77 window depends on it.
        const inflated = this.deflate.inflate(direction, event.data);
        const first = held.find((f) => f.seq === event.firstSeq);
        if (first && inflated) first.inflated = inflated;
      }
    }
    for (const frame of held) this.onFrame(frame);
  }

  private onFrame(frame: FrameRecord): void {
    if (frame.opcode === Opcode.Close) {
      const entry = { frame: frame.close ?? {}, order: this.order++ };
      if (frame.direction === 'client-to-server') this.clientClose ??= entry;
      else this.serverClose ??= entry;
    }
    this.capture.frame(frame);
  }

  /** Ends both parsers and records how the connection closed. Idempotent. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.switched) {
      this.inbound.end();
      this.outbound.end();
      this.capture.close(this.closeInfo());
    }
    this.capture.finish();
  }

  private closeInfo(): WsCloseInfo {
    const c = this.clientClose;
    const s = this.serverClose;
    const first = c && (!s || c.order < s.order) ? 'client' : s ? 'server' : 'transport';
    // RFC 6455 §7.1.5: the connection close code is the code of the first Close frame
    // received; 1005 when it had none; 1006 when the connection closed without one.
    const received = first === 'client' ? c : first === 'server' ? s : undefined;
    const info: WsCloseInfo = {
      initiator: first,
      code: received ? (received.frame.code ?? 1005) : 1006,
      reason: received?.frame.reason ?? '',
      // §7.1.4: clean when both Close frames were exchanged before TCP closed.
      clean: c !== undefined && s !== undefined,
    };
    if (c) info.client = c.frame;
    if (s) info.server = s.frame;
    return info;
  }
}
