/** Test helpers for WebSocket byte fixtures. */
import type { FrameRecord, ParseEvent, ParsedMessage } from '../../src/index.js';
import { FrameParser } from '../../src/index.js';
import type { FrameParserOptions } from '../../src/index.js';

/** Bytes from a hex string with optional spaces. */
export function hexBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** Parses `bytes` in one push (or at the given split points) and returns every event. */
export function parseAll(
  bytes: Uint8Array,
  options: FrameParserOptions,
  splits: number[] = [],
): ParseEvent[] {
  const p = new FrameParser(options);
  const events: ParseEvent[] = [];
  let last = 0;
  for (const s of [...splits, bytes.length]) {
    events.push(...p.push(bytes.subarray(last, s)));
    last = s;
  }
  return events;
}

export const framesOf = (ev: ParseEvent[]): FrameRecord[] =>
  ev.flatMap((e) => (e.type === 'frame' ? [e.frame] : []));
export const messagesOf = (ev: ParseEvent[]): ParsedMessage[] =>
  ev.filter((e): e is ParsedMessage => e.type === 'message');
export const errorOf = (ev: ParseEvent[]) => {
  const e = ev.find((x) => x.type === 'error');
  return e?.type === 'error' ? e.finding : undefined;
};
