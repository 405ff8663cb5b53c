/**
 * The state of one exchange followed on `/api/live`, built from the snapshot and the events the
 * server's bus publishes (apps/server/src/plugins/bus.ts). Frames live in one append-only array
 * that is mutated in place (copying 100,000 frames per event would be quadratic); `frameCount`
 * changes whenever it grows, so React sees a new state object.
 */
import type {
  CloseInfo,
  Exchange,
  FrameJson,
  InterimResponse,
  Note,
  ResponseHead,
} from '@switchyard/exchange';

/** A server message on `/api/live` (only the members the UI reads). */
export type LiveMessage =
  | { type: 'subscribed' | 'unsubscribed'; id: string }
  | { type: 'snapshot'; id: string; exchange: Exchange }
  | { type: 'begin' | 'end'; id: string }
  | { type: 'interim'; id: string; interim: InterimResponse }
  | { type: 'response'; id: string; response: ResponseHead }
  | { type: 'note'; id: string; note: Note }
  | { type: 'upgrade'; id: string; subprotocol: string | null; extensions: string }
  | { type: 'frame'; id: string; frame: FrameJson }
  | { type: 'truncated'; id: string; framesDropped: number; bytesDropped: number }
  | { type: 'close'; id: string; close: CloseInfo }
  | { type: 'dropped'; count: number }
  | { type: 'error'; message: string };

export interface LiveState {
  /** The exchange so far (its `websocket.frames` is not kept current: read `frames`). */
  exchange: Exchange;
  frames: FrameJson[];
  frameCount: number;
  close?: CloseInfo;
  ended: boolean;
  /** Events the server skipped because this client read too slowly (never silent). */
  dropped: number;
}

/** A state from a full exchange record (snapshot, probe state or stored capture). */
export function stateFrom(exchange: Exchange, ended = false): LiveState {
  const frames = [...(exchange.websocket?.frames ?? [])];
  return {
    exchange,
    frames,
    frameCount: frames.length,
    ...(exchange.websocket?.close ? { close: exchange.websocket.close } : {}),
    ended,
    dropped: 0,
  };
}

/** Appends frames not yet present (by `seq`), keeping the list in sequence order. */
function addFrames(list: FrameJson[], incoming: readonly FrameJson[]): void {
  for (const frame of incoming) {
    const last = list[list.length - 1];
    if (last === undefined || frame.seq > last.seq) {
      list.push(frame);
      continue;
    }
    // Out of order or a repeat (snapshot and events overlap): insert only if missing.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.seq < frame.seq) lo = mid + 1;
      else hi = mid;
    }
    if (list[lo]?.seq !== frame.seq) list.splice(lo, 0, frame);
  }
}

/** Merges a newer full record (e.g. the snapshot) into the state, frames deduplicated. */
export function mergeExchange(state: LiveState, exchange: Exchange): LiveState {
  addFrames(state.frames, exchange.websocket?.frames ?? []);
  const close = exchange.websocket?.close ?? state.close;
  return {
    ...state,
    exchange: { ...exchange, interim: exchange.interim },
    frameCount: state.frames.length,
    ...(close ? { close } : {}),
  };
}

/**
 * Records the capture caps' running totals (a `truncated` event) on the exchange, so a capped
 * live capture says so as it happens. The server's counts are cumulative: the larger one wins.
 */
function withTruncation(exchange: Exchange, framesDropped: number, bytesDropped: number): Exchange {
  const ws = exchange.websocket;
  if (!ws) return exchange;
  const t = ws.truncation;
  return {
    ...exchange,
    websocket: {
      ...ws,
      truncation: {
        ...t,
        framesDropped: Math.max(t.framesDropped, framesDropped),
        bytesDropped: Math.max(t.bytesDropped, bytesDropped),
      },
    },
  };
}

/** Applies a batch of live messages; returns the same object when nothing changed. */
export function applyMessages(state: LiveState, messages: readonly LiveMessage[]): LiveState {
  let next = state;
  let exchange = state.exchange;
  const newFrames: FrameJson[] = [];
  for (const m of messages) {
    switch (m.type) {
      case 'snapshot':
        next = mergeExchange({ ...next, exchange }, m.exchange);
        exchange = next.exchange;
        break;
      case 'interim':
        exchange = { ...exchange, interim: [...exchange.interim, m.interim] };
        break;
      case 'response':
        exchange = { ...exchange, response: m.response };
        break;
      case 'note':
        exchange = { ...exchange, notes: [...exchange.notes, m.note] };
        break;
      case 'frame':
        newFrames.push(m.frame);
        break;
      case 'truncated':
        exchange = withTruncation(exchange, m.framesDropped, m.bytesDropped);
        break;
      case 'close':
        next = { ...next, close: m.close };
        break;
      case 'end':
        next = { ...next, ended: true };
        break;
      case 'dropped':
        next = { ...next, dropped: next.dropped + m.count };
        break;
      default:
        break;
    }
  }
  if (newFrames.length > 0) addFrames(next.frames, newFrames);
  if (exchange === state.exchange && next === state && newFrames.length === 0) return state;
  return { ...next, exchange, frameCount: next.frames.length };
}
