/**
 * The connection tap of issue 8 on byte fixtures: which frames an exchange gets, when its claim
 * settles, and the bounds on what the tap holds.
 */
import { describe, expect, it } from 'vitest';
import {
  CLIENT_PREFACE,
  encodeH2Frame,
  encodeSettingsPayload,
  H2_FRAME_TYPES as T,
} from '@switchyard/protocol';
import { H2ConnectionTap } from '../src/features/h2c/h2-frame-tap.js';

const END_STREAM = 0x1;
const END_HEADERS = 0x4;
const GET = Uint8Array.of(0x82, 0x86, 0x84); // :method GET, :scheme http, :path / (static table)
const OK = Uint8Array.of(0x88); // :status 200

const headers = (streamId: number, payload: Uint8Array, flags = END_HEADERS | END_STREAM) =>
  encodeH2Frame({ type: T.HEADERS, flags, streamId, payload });
const data = (streamId: number, bytes: number, flags = 0) =>
  encodeH2Frame({ type: T.DATA, flags, streamId, payload: new Uint8Array(bytes).fill(0x61) });

function opened(limits = { maxFrames: 100, maxBytes: 1000 }): H2ConnectionTap {
  const tap = new H2ConnectionTap('prior-knowledge', limits);
  tap.client(CLIENT_PREFACE);
  tap.client(
    encodeH2Frame({ type: T.SETTINGS, payload: encodeSettingsPayload([{ id: 3, value: 9 }]) }),
  );
  tap.server(encodeH2Frame({ type: T.SETTINGS }));
  return tap;
}

describe('H2ConnectionTap', () => {
  it('gives an exchange its stream and the connection frames, and settles on close', async () => {
    const tap = opened();
    tap.client(headers(1, GET));
    tap.client(headers(3, GET));
    const source = tap.claim(1);
    let settled = false;
    void source.settled().then(() => (settled = true));
    tap.client(encodeH2Frame({ type: T.PING, payload: new Uint8Array(8) }));
    tap.server(headers(1, OK, END_HEADERS));
    tap.server(data(3, 2, END_STREAM));
    await Promise.resolve();
    expect(settled).toBe(false);
    tap.server(data(1, 5, END_STREAM));
    await new Promise((r) => setTimeout(r, 0));
    expect(settled).toBe(true);
    const h2 = source.collect(0);
    expect(h2!.frames.map((f) => `${f.typeName} ${f.streamId}`)).toEqual([
      'SETTINGS 0',
      'SETTINGS 0',
      'HEADERS 1',
      'PING 0',
      'HEADERS 1',
      'DATA 1',
    ]);
    expect(h2!.frames[2]!.headers).toEqual([
      [':method', 'GET'],
      [':scheme', 'http'],
      [':path', '/'],
    ]);
    expect(h2!.frames[4]!.headers).toEqual([[':status', '200']]);
  });

  it('a claim settles when the connection ends, or after a bounded wait', async () => {
    const tap = opened();
    tap.client(headers(1, GET));
    const pending = tap.claim(1).settled();
    tap.end();
    await expect(pending).resolves.toBeUndefined();
  });

  it('counts frames past the cap instead of holding them', () => {
    const tap = opened({ maxFrames: 4, maxBytes: 10 });
    tap.client(headers(1, GET, END_HEADERS));
    for (let i = 0; i < 50; i++) tap.client(data(1, 8));
    const h2 = tap.claim(1).collect(0)!;
    expect(h2.frames).toHaveLength(4);
    expect(h2.framesSeen).toEqual({ clientToServer: 1 + 1 + 50, serverToClient: 1 });
    expect(h2.truncation.framesDropped).toBe(53 - 4);
    expect(h2.truncation.framesDropped + h2.frames.length).toBe(
      h2.framesSeen.clientToServer + h2.framesSeen.serverToClient,
    );
  });

  it('lets go of closed streams nobody claimed, and ignores their late frames', () => {
    const tap = opened();
    for (let id = 1; id < 200; id += 2) {
      tap.client(headers(id, GET));
      tap.server(headers(id, OK));
    }
    const held = (tap as unknown as { streams: Map<number, unknown> }).streams;
    expect(held.size).toBeLessThanOrEqual(32);
    // WINDOW_UPDATE on a long-closed stream does not bring it back.
    tap.client(
      encodeH2Frame({ type: T.WINDOW_UPDATE, streamId: 1, payload: Uint8Array.of(0, 0, 1, 0) }),
    );
    expect(held.has(1)).toBe(false);
  });

  it('reports a decoding error on the HEADERS frame and keeps going', () => {
    const tap = opened();
    tap.client(headers(1, Uint8Array.of(0x80)));
    const frame = tap
      .claim(1)
      .collect(0)!
      .frames.find((f) => f.typeName === 'HEADERS');
    expect(frame?.findings.map((f) => f.code)).toEqual(['hpack-index-zero']);
  });
});
