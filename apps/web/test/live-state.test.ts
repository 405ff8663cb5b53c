import { describe, expect, it } from 'vitest';
import type { Exchange, FrameJson } from '@switchyard/exchange';
import { applyMessages, mergeExchange, stateFrom } from '../src/live/live-state.js';

function frame(seq: number): FrameJson {
  return {
    seq,
    direction: 'server-to-client',
    fin: true,
    rsv1: false,
    rsv2: false,
    rsv3: false,
    opcode: 1,
    masked: false,
    payloadLength: 1,
    lengthEncoding: 7,
    headerOffset: 0,
    headerLength: 2,
    payloadOffset: 2,
    payload: btoa(String(seq % 10)),
    time: seq,
    findings: [],
  };
}

function exchange(frames: FrameJson[] = [], withResponse = false): Exchange {
  return {
    schemaVersion: 1,
    id: 'Zm9vYmFyYmF6cXV4MTIzNA',
    createdAt: '2026-11-21T06:00:00.000Z',
    kind: 'probe',
    endpoint: '/ws/echo',
    source: 'capture',
    request: { method: 'GET', target: '/ws/echo', httpVersion: '1.1', headers: [] },
    interim: [],
    ...(withResponse
      ? {
          response: { status: 101, reason: 'Switching Protocols', httpVersion: '1.1', headers: [] },
        }
      : {}),
    requestBody: { size: 0, truncated: false },
    responseBody: { size: 0, truncated: false },
    timings: { start: 0 },
    notes: [],
    redactions: [],
    findings: [],
    websocket: {
      subprotocol: null,
      extensions: '',
      frames,
      framesSeen: { clientToServer: 0, serverToClient: frames.length },
      truncation: { maxFrames: 10, maxBytes: 10, framesDropped: 0, bytesDropped: 0, framesCut: 0 },
    },
  };
}

const id = 'Zm9vYmFyYmF6cXV4MTIzNA';
const seqs = (frames: FrameJson[]) => frames.map((f) => f.seq);

describe('live state', () => {
  it('merges a snapshot and events that overlap without duplicating frames', () => {
    let state = stateFrom(exchange());
    // An event arrives, then a snapshot that already holds it and an earlier frame.
    state = applyMessages(state, [{ type: 'frame', id, frame: frame(2) }]);
    state = applyMessages(state, [
      { type: 'snapshot', id, exchange: exchange([frame(0), frame(1), frame(2)], true) },
      { type: 'frame', id, frame: frame(3) },
      { type: 'frame', id, frame: frame(3) },
    ]);
    expect(seqs(state.frames)).toEqual([0, 1, 2, 3]);
    expect(state.frameCount).toBe(4);
    expect(state.exchange.response?.status).toBe(101);
    state = mergeExchange(state, exchange([frame(1), frame(4)]));
    expect(seqs(state.frames)).toEqual([0, 1, 2, 3, 4]);
  });

  it('appends in place and records heads, close and the end', () => {
    const start = stateFrom(exchange());
    const frames = start.frames;
    const next = applyMessages(start, [
      {
        type: 'response',
        id,
        response: { status: 101, reason: 'x', httpVersion: '1.1', headers: [] },
      },
      { type: 'frame', id, frame: frame(0) },
      {
        type: 'close',
        id,
        close: { initiator: 'server', code: 1000, reason: '', clean: true, time: 5 },
      },
      { type: 'end', id },
      { type: 'dropped', count: 3 },
    ]);
    expect(next).not.toBe(start);
    expect(next.frames).toBe(frames);
    expect(next.frameCount).toBe(1);
    expect(next.exchange.response?.status).toBe(101);
    expect(next.close?.code).toBe(1000);
    expect(next.ended).toBe(true);
    expect(next.dropped).toBe(3);
    expect(applyMessages(next, [{ type: 'subscribed', id }])).toBe(next);
  });
});
