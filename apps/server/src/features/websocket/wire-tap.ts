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

/** What the tap needs of a head it wrote. */
interface WrittenHead {
  status: number;
  reason: string;
  httpVersion: string;
  headers: [string, string][];
  /** Bytes (characters) of the head, the empty line included. */
  consumed: number;
}

export interface WireTapOptions {
  /** permessage-deflate was negotiated: RSV1 marks compressed messages (RFC 7692 §6). */
  deflate?: boolean;
  /** The first bytes written are an HTTP response head (true when installed before the 101). */
  responseHeadFirst?: boolean;
  /** Bound of an inflated message, bytes (a deflate bomb must not exhaust memory). */
  maxMessageSize?: number;
}

type CloseFrame = { code?: number; reason?: string };

/** The tap of a socket, found by the shared listeners below (no closures per connection). */
const TAP = Symbol('switchyard.wireTap');
type TappedSocket = Duplex & { [TAP]?: WireTap };

/** `socket.write` of a tapped socket: records the bytes, then writes them. */
function tappedWrite(this: TappedSocket, chunk: unknown, ...rest: unknown[]): boolean {
  const tap = this[TAP]!;
  if (chunk instanceof Uint8Array || typeof chunk === 'string') tap.onWrite(chunk);
  return tap.write.call(this, chunk, ...rest);
}

function tappedData(this: TappedSocket, chunk: Buffer): void {
  this[TAP]?.onRead(chunk);
}

function tappedClose(this: TappedSocket): void {
  this[TAP]?.end();
}

/** Taps `socket` for `capture`; call `attachReader()` once the engine listens for data. */
export class WireTap {
  private seq = 0;
  // Created with the first frame bytes: an idle connection holds no parser (issue 4 bench:
  // resident memory per idle connection).
  private inbound: FrameParser | undefined;
  private outbound: FrameParser | undefined;
  /** A head written in several pieces, so far (latin1). */
  private headText: string | undefined;
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
  /** The socket's own `write`. */
  readonly write: (...args: unknown[]) => boolean;

  constructor(
    private readonly socket: Duplex,
    private readonly capture: WsCapture,
    private readonly options: WireTapOptions = {},
  ) {
    this.inHead = options.responseHeadFirst ?? false;
    const tapped = socket as TappedSocket;
    tapped[TAP] = this;
    this.write = socket.write as (...args: unknown[]) => boolean;
    socket.write = tappedWrite as Duplex['write'];
    // First in line, so the close is recorded before anything else ends the exchange. (A
    // plain listener: `end()` is idempotent, and `once` would add a wrapper per socket.)
    socket.prependListener('close', tappedClose);
  }

  /**
   * Starts reading inbound bytes. Call it only once the engine has its own 'data' listener:
   * adding the first one switches the socket to flowing mode.
   */
  attachReader(): void {
    // Before the engine's listener, so a frame read is recorded before the engine's answer.
    this.socket.prependListener('data', tappedData);
  }

  /** Inbound bytes (the tap's 'data' listener). */
  onRead(chunk: Buffer): void {
    if (this.switched) {
      this.inbound ??= this.parser('client-to-server');
      this.emit(this.inbound.push(chunk), 'client-to-server');
    }
  }

  private parser(direction: 'client-to-server' | 'server-to-client'): FrameParser {
    return new FrameParser({
      direction,
      stopOnError: false,
      perMessageDeflate: this.options.deflate ?? false,
      nextSeq: () => this.seq++,
      // Bytes past the capture's caps are not copied or unmasked (text is still checked).
      payloadLimit: () => this.capture.payloadBudget(),
    });
  }

  /** Outbound bytes (the tapped `write`). */
  onWrite(chunk: Uint8Array | string): void {
    if (this.inHead) {
      // The head as latin1 text (one character per byte): `ws` writes its 101 as a string,
      // which is then kept as is (no copy) as the raw head.
      const piece =
        typeof chunk === 'string'
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
      const text = this.headText === undefined ? piece : this.headText + piece;
      const head = this.readHead(text);
      if (head === 'need-more') {
        this.headText = text;
        return;
      }
      this.inHead = false;
      this.headText = undefined;
      if (head === 'invalid') {
        this.capture.note('The response head written could not be parsed; frames not decoded.');
        return;
      }
      this.capture.response({
        status: head.status,
        reason: head.reason,
        headers: head.headers,
        raw: text.length === head.consumed ? text : text.slice(0, head.consumed),
      });
      if (head.status !== 101) this.inBody = true;
      else this.switchedWith(head.headers);
      if (text.length === head.consumed) return;
      this.onBytes(Buffer.from(text.slice(head.consumed), 'latin1'));
      return;
    }
    this.onBytes(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
  }

  /** Bytes written after the head: frames after a 101, else the response's content. */
  private onBytes(bytes: Uint8Array): void {
    if (this.inBody) this.capture.responseBody(bytes);
    else {
      this.outbound ??= this.parser('server-to-client');
      this.emit(this.outbound.push(bytes), 'server-to-client');
    }
  }

  /** The head at the start of `text`, read by the core parser (RFC 9112 §4). */
  private readHead(text: string): WrittenHead | 'need-more' | 'invalid' {
    const parsed = parseResponseHead(Buffer.from(text, 'latin1'));
    if (parsed.state === 'need-more') return 'need-more';
    if (parsed.state !== 'complete') return 'invalid';
    const head = parsed.head;
    return {
      status: head.status,
      reason: head.reason ?? '',
      httpVersion: head.version,
      // The parser's own fresh list (nothing else holds it): no copy needed.
      headers: head.headers,
      consumed: head.consumed,
    };
  }

  /** A 101 was written: what it negotiated (RFC 6455 §4.2.2, RFC 7692 §7). */
  private switchedWith(headers: [string, string][]): void {
    this.switched = true;
    const ext = headers.find(([n]) => n.toLowerCase() === 'sec-websocket-extensions');
    const proto = headers.find(([n]) => n.toLowerCase() === 'sec-websocket-protocol');
    const extensions = ext?.[1] ?? '';
    this.capture.upgraded({ subprotocol: proto?.[1] ?? null, extensions });
    const deflate = negotiatedDeflate(extensions);
    if (deflate) {
      // No frame was parsed before the 101, so the parsers (made lazily) see the option.
      this.options.deflate = true;
      this.deflate = new DeflateView(deflate, this.options.maxMessageSize ?? 64 << 20);
    }
  }

  /**
   * Records the frames of one chunk. RFC 7692 §6: RSV1 marks the first frame of a compressed
   * message, which inflates as a whole once its last frame is in. Frames are held until the
   * chunk's events are read, so a message that completed in this chunk gets its inflated
   * payload on its first frame before that frame is recorded; a message whose first frame was
   * recorded from an earlier chunk (fragments, or frames, spread over several reads) gets it
   * attached afterwards (`capture.inflated`).
   */
  private emit(events: ParseEvent[], direction: Direction): void {
    const only = events.length === 1 ? events[0]! : undefined;
    if (only?.type === 'frame') {
      this.onFrame(only.frame);
      return;
    }
    const held: FrameRecord[] = [];
    const late: { firstSeq: number; inflated: Uint8Array }[] = [];
    for (const event of events) {
      if (event.type === 'frame') held.push(event.frame);
      else if (event.type === 'message' && event.compressed && this.deflate) {
        // Every compressed message is inflated, in order: the LZ77 window depends on it.
        const inflated = this.deflate.inflate(direction, event.data);
        if (!inflated) continue;
        const first = held.find((f) => f.seq === event.firstSeq);
        if (first) first.inflated = inflated;
        else late.push({ firstSeq: event.firstSeq, inflated });
      }
    }
    for (const { firstSeq, inflated } of late) this.capture.inflated(firstSeq, inflated);
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
      this.inbound?.end();
      this.outbound?.end();
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
