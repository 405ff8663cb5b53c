import { describe, expect, it } from 'vitest';
import {
  CLIENT_PREFACE,
  concatBytes,
  detectPreface,
  encodeH2Frame,
  encodeLatin1,
  encodeSettingsPayload,
  H2_FRAME_TYPES as T,
  H2FrameParser,
} from '../src/index.js';
import type { H2FrameRecord } from '../src/index.js';

function frames(bytes: Uint8Array, maxFrameSize?: number): H2FrameRecord[] {
  return new H2FrameParser({ maxFrameSize }).push(bytes).frames;
}

function codes(frame: { type: number; flags?: number; streamId?: number; payload?: Uint8Array }) {
  return frames(encodeH2Frame(frame))[0]!.findings.map((f) => f.code);
}

describe('RFC 9113 §3.4 client connection preface', () => {
  it('is the 24 octets PRI * HTTP/2.0 CRLF CRLF SM CRLF CRLF', () => {
    expect(Array.from(CLIENT_PREFACE)).toEqual(
      Array.from(encodeLatin1('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n')),
    );
  });

  it('detects a full match, a prefix (maybe) and a mismatch', () => {
    expect(detectPreface(concatBytes([CLIENT_PREFACE, new Uint8Array(5)]))).toEqual({
      kind: 'match',
      consumed: 24,
    });
    expect(detectPreface(CLIENT_PREFACE.subarray(0, 10))).toEqual({ kind: 'maybe', matched: 10 });
    expect(detectPreface(new Uint8Array(0))).toEqual({ kind: 'maybe', matched: 0 });
    expect(detectPreface(encodeLatin1('GET / HTTP/1.1\r\n'))).toEqual({
      kind: 'mismatch',
      offset: 0,
    });
    expect(detectPreface(encodeLatin1('PRI * HTTP/1.1'))).toEqual({ kind: 'mismatch', offset: 11 });
  });

  it('makes the parser stop at an invalid preface (PROTOCOL_ERROR)', () => {
    const parser = new H2FrameParser({ expectPreface: true });
    expect(parser.push(CLIENT_PREFACE.subarray(0, 5)).findings).toEqual([]);
    const bad = parser.push(encodeLatin1('X HTTP/2.0'));
    expect(bad.findings[0]).toMatchObject({ code: 'invalid-preface', offset: 5 });
    expect(parser.push(encodeH2Frame({ type: T.PING, payload: new Uint8Array(8) })).frames).toEqual(
      [],
    );
  });
});

describe('RFC 9113 §4.1 frame format', () => {
  it('reads length, type, flags, R bit and stream id, with names and offsets', () => {
    const settings = encodeH2Frame({
      type: T.SETTINGS,
      payload: encodeSettingsPayload([{ id: 8, value: 1 }]),
    });
    const headers = encodeH2Frame({
      type: T.HEADERS,
      flags: 0x5,
      streamId: 0x7fffffff,
      reserved: true,
      payload: new Uint8Array([0x82]),
    });
    const parser = new H2FrameParser({ expectPreface: true });
    const out = parser.push(concatBytes([CLIENT_PREFACE, settings, headers]));
    expect(out.frames.map((f) => [f.offset, f.typeName, f.length, f.streamId])).toEqual([
      [24, 'SETTINGS', 6, 0],
      [39, 'HEADERS', 1, 0x7fffffff],
    ]);
    expect(out.frames[0]!.details.settings?.[0]?.name).toBe('SETTINGS_ENABLE_CONNECT_PROTOCOL');
    expect(out.frames[1]!.flagNames).toEqual(['END_STREAM', 'END_HEADERS']);
    expect(out.frames[1]!.reserved).toBe(true);
    expect(out.frames[1]!.findings.map((f) => f.code)).toEqual(['reserved-bit-set']);
  });

  it('waits for the whole frame across pushes', () => {
    const bytes = encodeH2Frame({ type: T.PING, payload: new Uint8Array(8).fill(7) });
    const parser = new H2FrameParser();
    expect(parser.push(bytes.subarray(0, 5)).frames).toEqual([]);
    expect(parser.push(bytes.subarray(5, 12)).frames).toEqual([]);
    expect(parser.pending).toBe(12);
    const done = parser.push(bytes.subarray(12));
    expect(done.frames[0]).toMatchObject({ typeName: 'PING', payload: new Uint8Array(8).fill(7) });
  });

  it('ignores unknown frame types with an info finding (§5.5)', () => {
    const [frame] = frames(encodeH2Frame({ type: 0xfa, streamId: 3 }));
    expect(frame!.typeName).toBe('UNKNOWN(0xfa)');
    expect(frame!.findings).toEqual([expect.objectContaining({ severity: 'info' })]);
  });
});

describe('RFC 9113 §4.2 frame size', () => {
  it('reports frames larger than SETTINGS_MAX_FRAME_SIZE as FRAME_SIZE_ERROR', () => {
    const data = encodeH2Frame({ type: T.DATA, streamId: 1, payload: new Uint8Array(16385) });
    expect(frames(data)[0]!.findings[0]).toMatchObject({
      code: 'frame-too-large',
      h2Error: 'FRAME_SIZE_ERROR',
      scope: 'stream',
    });
    expect(frames(data, 32768)[0]!.findings).toEqual([]);
    const big = encodeH2Frame({
      type: T.HEADERS,
      flags: 4,
      streamId: 1,
      payload: new Uint8Array(16385),
    });
    expect(frames(big)[0]!.findings[0]).toMatchObject({ scope: 'connection' });
  });
});

describe('RFC 9113 §6 per-type frame rules', () => {
  it('§6.1 DATA needs a stream and padding shorter than the payload', () => {
    expect(codes({ type: T.DATA })).toEqual(['frame-on-stream-zero']);
    expect(
      codes({ type: T.DATA, streamId: 1, flags: 0x8, payload: new Uint8Array([2, 0, 0]) }),
    ).toEqual([]);
    expect(
      codes({ type: T.DATA, streamId: 1, flags: 0x8, payload: new Uint8Array([3, 0, 0]) }),
    ).toEqual(['padding']);
  });

  it('§6.3 PRIORITY is exactly 5 bytes', () => {
    expect(codes({ type: T.PRIORITY, streamId: 1, payload: new Uint8Array(4) })).toEqual([
      'frame-length',
    ]);
  });

  it('§6.4 RST_STREAM is 4 bytes and names its error code', () => {
    const [frame] = frames(
      encodeH2Frame({ type: T.RST_STREAM, streamId: 1, payload: new Uint8Array([0, 0, 0, 8]) }),
    );
    expect(frame!.details).toEqual({ errorCode: 8, errorName: 'CANCEL' });
  });

  it('§6.5 SETTINGS is on stream 0, a multiple of 6, and an ACK is empty', () => {
    expect(codes({ type: T.SETTINGS, streamId: 1 })).toEqual(['frame-on-stream']);
    expect(codes({ type: T.SETTINGS, payload: new Uint8Array(5) })).toEqual(['settings-length']);
    expect(codes({ type: T.SETTINGS, flags: 1, payload: new Uint8Array(6) })).toEqual([
      'settings-ack-length',
    ]);
    expect(codes({ type: T.SETTINGS, flags: 1 })).toEqual([]);
  });

  it('§6.7 PING is 8 bytes on stream 0', () => {
    expect(codes({ type: T.PING, payload: new Uint8Array(8) })).toEqual([]);
    expect(codes({ type: T.PING, streamId: 1, payload: new Uint8Array(7) })).toEqual([
      'frame-on-stream',
      'frame-length',
    ]);
  });

  it('§6.8 GOAWAY decodes last stream id and error code', () => {
    const payload = new Uint8Array([0x80, 0, 0, 5, 0, 0, 0, 1, 0x68, 0x69]);
    const [frame] = frames(encodeH2Frame({ type: T.GOAWAY, payload }));
    expect(frame!.details).toEqual({ lastStreamId: 5, errorCode: 1, errorName: 'PROTOCOL_ERROR' });
  });

  it('§6.9 WINDOW_UPDATE with increment 0 is a stream or connection error', () => {
    const zero = new Uint8Array(4);
    expect(
      frames(encodeH2Frame({ type: T.WINDOW_UPDATE, streamId: 3, payload: zero }))[0]!.findings[0],
    ).toMatchObject({ code: 'window-update-zero', scope: 'stream' });
    expect(
      frames(encodeH2Frame({ type: T.WINDOW_UPDATE, payload: zero }))[0]!.findings[0],
    ).toMatchObject({ scope: 'connection' });
  });

  it('§6.10 a field block continues only with CONTINUATION on the same stream', () => {
    const seq = (...parts: Uint8Array[]) =>
      frames(concatBytes(parts)).map((f) => f.findings.map((x) => x.code));
    const open = encodeH2Frame({ type: T.HEADERS, streamId: 1 });
    const cont = (streamId: number, flags = 0) =>
      encodeH2Frame({ type: T.CONTINUATION, streamId, flags });
    expect(seq(open, cont(1), cont(1, 4))).toEqual([[], [], []]);
    expect(seq(open, cont(3, 4))).toEqual([[], ['expected-continuation']]);
    expect(seq(open, encodeH2Frame({ type: T.PING, payload: new Uint8Array(8) }))).toEqual([
      [],
      ['expected-continuation'],
    ]);
    expect(seq(cont(1, 4))).toEqual([['unexpected-continuation']]);
  });
});
