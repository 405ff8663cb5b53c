/**
 * One pass over a WebSocket frame sequence that records, for each frame, the state the frame
 * arrived in (message in progress, Close already sent, previous masking key, UTF-8 validity of
 * text so far, ping/pong matching). Frame rules are then simple checks on these views, and the
 * same walker serves a whole capture (`walkExchange`, cached) and live use (`FrameWalker.push`).
 */
import type { Exchange, FrameJson } from '@switchyard/exchange';
import { decodeBase64, Utf8Validator } from '@switchyard/protocol';
import { values } from './headers.js';
import { switching } from './exchange-view.js';
import { parseExtensions, PERMESSAGE_DEFLATE } from './extensions.js';

/** What the handshake negotiated that changes how frames are read. */
export interface Negotiation {
  /** permessage-deflate is in effect (RFC 7692): RSV1 marks a compressed message. */
  deflate: boolean;
  /** Extensions other than permessage-deflate were negotiated (their RSV use is unknown). */
  otherExtensions: boolean;
}

/** A ping waiting for its pong. */
export interface PendingPing {
  seq: number;
  direction: FrameJson['direction'];
  payloadHex: string;
}

/** A frame plus the state it arrived in. */
export interface FrameView {
  frame: FrameJson;
  /** Stored payload bytes (may be shorter than `payloadLength` when the capture cut it). */
  payload: Uint8Array;
  /** Opcode (1 or 2) of the sender's fragmented message in progress before this frame. */
  openMessage: number | undefined;
  /** The sender had already sent a Close frame before this one. */
  afterOwnClose: boolean;
  /** The sender's previous masking key (base64), for client frames. */
  previousMaskKey: string | undefined;
  /** Text data: index of the first invalid UTF-8 byte, and in which bytes; undefined when valid. */
  utf8Error?: { index: number; in: 'payload' | 'inflated' };
  /** A text message ended (FIN) in the middle of a UTF-8 sequence. */
  utf8Incomplete?: boolean;
  /** A pong that echoed none of the pings waiting for it: their payloads (hex). */
  pongExpected?: string[];
}

/** State at the end of a walk (what the end-of-connection rules read). */
export interface WalkEnd {
  /** Sequence number of each side's first Close frame. */
  closeSeq: { 'client-to-server'?: number; 'server-to-client'?: number };
  /** Pings never answered (and not excused by a Close, RFC 6455 §5.5.2). */
  pendingPings: PendingPing[];
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

function other(d: FrameJson['direction']): FrameJson['direction'] {
  return d === 'client-to-server' ? 'server-to-client' : 'client-to-server';
}

const EMPTY = new Uint8Array(0);

function bytesOf(text: string | undefined): Uint8Array {
  if (text === undefined || text === '') return EMPTY;
  return decodeBase64(text) ?? EMPTY;
}

interface DirState {
  openMessage: number | undefined;
  closeSent: boolean;
  lastMaskKey: string | undefined;
  /** Text message UTF-8 state: undefined when no text message is in progress. */
  text: { validator: Utf8Validator; compressed: boolean; done: boolean } | undefined;
}

function freshDir(): DirState {
  return {
    openMessage: undefined,
    closeSent: false,
    lastMaskKey: undefined,
    text: undefined,
  };
}

/** Incremental walker: push frames in sequence order, read `end()` when the connection closed. */
export class FrameWalker {
  private readonly dirs = {
    'client-to-server': freshDir(),
    'server-to-client': freshDir(),
  };
  private pending: PendingPing[] = [];
  private readonly closeSeq: WalkEnd['closeSeq'] = {};

  constructor(readonly negotiation: Negotiation) {}

  /** Records one frame and returns the state it arrived in. */
  push(frame: FrameJson): FrameView {
    const dir = this.dirs[frame.direction];
    const payload = bytesOf(frame.payload);
    const view: FrameView = {
      frame,
      payload,
      openMessage: dir.openMessage,
      afterOwnClose: dir.closeSent,
      previousMaskKey: dir.lastMaskKey,
    };
    if (frame.direction === 'client-to-server' && frame.maskKey !== undefined) {
      dir.lastMaskKey = frame.maskKey;
    }
    const op = frame.opcode;
    if (op === 0x1 || op === 0x2) {
      // RFC 6455 §5.4: a new data message; it stays open until a frame with FIN.
      dir.openMessage = frame.fin ? undefined : op;
      dir.text =
        op === 0x1
          ? {
              validator: new Utf8Validator(),
              compressed: frame.rsv1 && this.negotiation.deflate,
              // RSV1 without permessage-deflate, or an unknown extension in effect: the payload
              // may not be the text itself, so its UTF-8 is not judged (RFC 6455 §5.2, §9).
              done: (frame.rsv1 && !this.negotiation.deflate) || this.negotiation.otherExtensions,
            }
          : undefined;
      if (dir.text) this.checkText(view, dir.text, true);
      if (frame.fin) dir.text = undefined;
    } else if (op === 0x0) {
      if (dir.openMessage !== undefined) {
        if (dir.text) this.checkText(view, dir.text, false);
        if (frame.fin) {
          dir.openMessage = undefined;
          dir.text = undefined;
        }
      }
    } else if (op === 0x8) {
      if (!dir.closeSent) {
        dir.closeSent = true;
        this.closeSeq[frame.direction] = frame.seq;
      }
    } else if (op === 0x9) {
      // RFC 6455 §5.5.2: a Pong is owed unless the receiver already had a Close from this side
      // (a ping after one's own Close). A ping reaching a peer that has itself sent Close is
      // not counted either: implementations stop writing after their Close, and §5.5.1 lets
      // them close the connection once both Close frames are exchanged.
      const peer = this.dirs[other(frame.direction)];
      if (!dir.closeSent && !peer.closeSent) {
        this.pending.push({ seq: frame.seq, direction: frame.direction, payloadHex: hex(payload) });
      }
    } else if (op === 0xa) {
      this.matchPong(view, payload);
    }
    return view;
  }

  /** RFC 6455 §5.5.3: a pong answers a ping with identical application data. */
  private matchPong(view: FrameView, payload: Uint8Array): void {
    const from = other(view.frame.direction);
    const waiting = this.pending.filter((p) => p.direction === from);
    if (waiting.length === 0) return; // an unsolicited pong is allowed (§5.5.3)
    const data = hex(payload);
    let matched = -1;
    for (let i = waiting.length - 1; i >= 0; i--) {
      if (waiting[i]!.payloadHex === data) {
        matched = waiting[i]!.seq;
        break;
      }
    }
    if (view.frame.payloadTruncated) return;
    if (matched === -1) {
      view.pongExpected = waiting.map((p) => p.payloadHex);
      return;
    }
    // §5.5.3: answering only the most recent of several pings is allowed.
    this.pending = this.pending.filter((p) => p.direction !== from || p.seq > matched);
  }

  private checkText(view: FrameView, text: NonNullable<DirState['text']>, first: boolean): void {
    if (text.done) return;
    const frame = view.frame;
    if (text.compressed) {
      // The compressed bytes are not text; the inflated message is (RFC 7692 §6.2).
      text.done = true;
      if (!first || frame.inflated === undefined || frame.inflatedTruncated) return;
      const inflated = bytesOf(frame.inflated);
      const at = text.validator.push(inflated);
      if (at !== -1) view.utf8Error = { index: at, in: 'inflated' };
      else if (!text.validator.complete) view.utf8Incomplete = true;
      return;
    }
    const at = text.validator.push(view.payload);
    if (at !== -1) {
      view.utf8Error = { index: at, in: 'payload' };
      text.done = true;
      return;
    }
    if (frame.payloadTruncated) {
      text.done = true; // the rest of the message was not captured: nothing more to judge
      return;
    }
    if (frame.fin && !text.validator.complete) view.utf8Incomplete = true;
  }

  /** State for the end-of-connection rules. */
  end(): WalkEnd {
    return { closeSeq: { ...this.closeSeq }, pendingPings: [...this.pending] };
  }
}

/** What the 101 response negotiated (RFC 6455 §9.1, RFC 7692 §5). */
export function negotiationOf(ex: Exchange): Negotiation {
  let raw: string[];
  if (ex.websocket !== undefined)
    raw = ex.websocket.extensions === '' ? [] : [ex.websocket.extensions];
  else {
    const sw = switching(ex);
    raw = sw ? values(sw.head, 'sec-websocket-extensions') : [];
  }
  const names = parseExtensions(raw).map((e) => e.name);
  return {
    deflate: names.includes(PERMESSAGE_DEFLATE),
    otherExtensions: names.some((n) => n !== PERMESSAGE_DEFLATE),
  };
}

/** A whole capture, walked. */
export interface Walk {
  views: FrameView[];
  end: WalkEnd;
  negotiation: Negotiation;
}

const cache = new WeakMap<Exchange, Walk>();

/** Walks an exchange's frames once (cached per exchange object; the walk is pure). */
export function walkExchange(ex: Exchange): Walk {
  const hit = cache.get(ex);
  if (hit !== undefined) return hit;
  const negotiation = negotiationOf(ex);
  const walker = new FrameWalker(negotiation);
  const frames = ex.websocket?.frames ?? [];
  const views = frames.map((f) => walker.push(f));
  const walk: Walk = { views, end: walker.end(), negotiation };
  cache.set(ex, walk);
  return walk;
}
