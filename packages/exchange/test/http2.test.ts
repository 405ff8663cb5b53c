import harValidator from 'har-validator';
import { describe, expect, it } from 'vitest';
import {
  CLIENT_PREFACE,
  encodeH2Frame,
  encodeSettingsPayload,
  H2FieldBlockDecoder,
  H2FrameParser,
  H2_FRAME_TYPES as T,
} from '@switchyard/protocol';
import type { Direction } from '@switchyard/protocol';
import {
  buildHttp2Capture,
  decodeBase64,
  encodeBase64,
  fromHar,
  h2FrameToJson,
  redactExchange,
  toHar,
  validateExchange,
  type Exchange,
  type Http2FrameInput,
} from '../src/index.js';
import { httpExchange } from './fixtures.js';

const te = new TextEncoder();
const END_STREAM = 0x1;
const END_HEADERS = 0x4;
const PADDED = 0x8;

/** A literal field without indexing, new name (RFC 7541 §6.2.2), raw strings. */
function literal(name: string, value: string): number[] {
  return [0x00, name.length, ...te.encode(name), value.length, ...te.encode(value)];
}

/** Client and server bytes of a small HTTP/2 conversation on stream 1. */
function conversation(): { c2s: Uint8Array; s2c: Uint8Array } {
  const c2s = new Uint8Array([
    ...CLIENT_PREFACE,
    ...encodeH2Frame({
      type: T.SETTINGS,
      payload: encodeSettingsPayload([{ id: 0x3, value: 100 }]),
    }),
    ...encodeH2Frame({
      type: T.HEADERS,
      flags: END_STREAM | END_HEADERS,
      streamId: 1,
      // :method GET, :scheme http, :path /, then authorization: Bearer abc
      payload: Uint8Array.from([0x82, 0x86, 0x84, ...literal('authorization', 'Bearer abc')]),
    }),
    ...encodeH2Frame({ type: T.SETTINGS, flags: 0x1 }),
  ]);
  const body = te.encode('{"echo":"Bearer abc"}');
  const s2c = new Uint8Array([
    ...encodeH2Frame({ type: T.SETTINGS, payload: encodeSettingsPayload([{ id: 0x8, value: 1 }]) }),
    ...encodeH2Frame({ type: T.SETTINGS, flags: 0x1 }),
    ...encodeH2Frame({
      type: T.HEADERS,
      flags: END_HEADERS,
      streamId: 1,
      payload: Uint8Array.from([0x88, ...literal('set-cookie', 'sid=42')]), // :status 200
    }),
    ...encodeH2Frame({
      type: T.DATA,
      flags: END_STREAM | PADDED,
      streamId: 1,
      payload: Uint8Array.from([2, ...body, 0, 0]),
    }),
    ...encodeH2Frame({ type: T.WINDOW_UPDATE, payload: Uint8Array.of(0, 0, 0x10, 0) }),
    ...encodeH2Frame({ type: T.RST_STREAM, streamId: 3, payload: Uint8Array.of(0, 0, 0, 8) }),
    ...encodeH2Frame({
      type: T.GOAWAY,
      payload: Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 0, 0x68, 0x69]),
    }),
    ...encodeH2Frame({ type: 0x42, streamId: 1, payload: Uint8Array.of(7) }),
  ]);
  return { c2s, s2c };
}

/** Parses both directions as a tap would (HPACK per direction), client first. */
function tap(): Http2FrameInput[] {
  const { c2s, s2c } = conversation();
  const out: Http2FrameInput[] = [];
  let seq = 0;
  const run = (bytes: Uint8Array, direction: Direction, expectPreface: boolean) => {
    const blocks = new H2FieldBlockDecoder();
    for (const record of new H2FrameParser({ expectPreface }).push(bytes).frames) {
      const input: Http2FrameInput = { record, seq: seq++, direction, time: seq * 10 - 30 };
      const block = blocks.push(record);
      if (block) input.headers = block.headers;
      out.push(input);
    }
  };
  run(c2s, 'client-to-server', true);
  run(s2c, 'server-to-client', false);
  return out;
}

function h2Exchange(limits = { maxFrames: 1000, maxBytes: 1 << 20 }): Exchange {
  const base = httpExchange();
  return {
    ...base,
    id: 'HHHHHHHHHHHHHHHHHHHHHHHH',
    request: { ...base.request, method: 'GET', httpVersion: '2.0' },
    http2: buildHttp2Capture('prior-knowledge', 1, tap(), limits),
  };
}

describe('HTTP/2 frames to JSON (issue 8)', () => {
  it('converts every frame type with its decoded fields', () => {
    const frames = h2Exchange().http2!.frames;
    expect(frames.map((f) => `${f.direction[0]}:${f.typeName}:${f.streamId}`)).toEqual([
      'c:SETTINGS:0',
      'c:HEADERS:1',
      'c:SETTINGS:0',
      's:SETTINGS:0',
      's:SETTINGS:0',
      's:HEADERS:1',
      's:DATA:1',
      's:WINDOW_UPDATE:0',
      's:RST_STREAM:3',
      's:GOAWAY:0',
      's:UNKNOWN(0x42):1',
    ]);
    const [settings, headers, ack] = frames;
    expect(settings!.settings).toEqual([
      { id: 3, name: 'SETTINGS_MAX_CONCURRENT_STREAMS', value: 100 },
    ]);
    expect(ack!.flagNames).toEqual(['ACK']);
    expect(headers!.flagNames).toEqual(['END_STREAM', 'END_HEADERS']);
    expect(headers!.headers).toEqual([
      [':method', 'GET'],
      [':scheme', 'http'],
      [':path', '/'],
      ['authorization', 'Bearer abc'],
    ]);
    expect(headers!.payload).toBeUndefined();
    expect(frames[5]!.headers).toEqual([
      [':status', '200'],
      ['set-cookie', 'sid=42'],
    ]);
    // DATA: padding removed from the stored payload; length is the frame's.
    const data = frames[6]!;
    expect(new TextDecoder().decode(decodeBase64(data.payload!))).toBe('{"echo":"Bearer abc"}');
    expect(data.length).toBe(1 + 21 + 2);
    expect(frames[7]!.windowIncrement).toBe(4096);
    expect(frames[8]).toMatchObject({ errorCode: 8, errorName: 'CANCEL' });
    expect(frames[9]).toMatchObject({ lastStreamId: 1, errorCode: 0, errorName: 'NO_ERROR' });
    expect(decodeBase64(frames[9]!.payload!)).toEqual(te.encode('hi'));
    expect(frames[10]!.findings.map((f) => f.code)).toEqual(['unknown-frame-type']);
    expect(frames[0]!.time).toBe(-20);
  });

  it('records a decoding error as a finding of the frame', () => {
    const [record] = new H2FrameParser().push(
      encodeH2Frame({
        type: T.HEADERS,
        flags: END_HEADERS,
        streamId: 1,
        payload: Uint8Array.of(0x80),
      }),
    ).frames;
    const block = new H2FieldBlockDecoder().push(record!)!;
    const json = h2FrameToJson({
      record: record!,
      seq: 0,
      direction: 'client-to-server',
      time: 0,
      headers: block.headers,
      headerError: block.error,
    });
    expect(json.findings).toEqual([
      {
        code: 'hpack-index-zero',
        severity: 'error',
        message: 'Index 0 is not used (connection error COMPRESSION_ERROR)',
        cite: { rfc: 'RFC 7541', section: '6.1' },
        offset: 0,
      },
    ]);
  });

  it('passes the Exchange schema, and the schema rejects a malformed frame', () => {
    const ex = h2Exchange();
    expect(validateExchange(JSON.parse(JSON.stringify(ex)))).toMatchObject({ ok: true });
    const bad = structuredClone(ex);
    (bad.http2!.frames[0] as { streamId: unknown }).streamId = -1;
    (bad.http2 as { mode: unknown }).mode = 'h3';
    const result = validateExchange(bad);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual([
      '/http2/mode',
      '/http2/frames/0/streamId',
    ]);
  });
});

describe('HTTP/2 capture caps', () => {
  it('drops frames past maxFrames and counts them', () => {
    const h2 = h2Exchange({ maxFrames: 6, maxBytes: 1 << 20 }).http2!;
    expect(h2.frames).toHaveLength(6);
    expect(h2.framesSeen).toEqual({ clientToServer: 3, serverToClient: 8 });
    // Dropped: DATA (21), WINDOW_UPDATE, RST_STREAM, GOAWAY (2 debug bytes), unknown (1).
    expect(h2.truncation).toEqual({
      maxFrames: 6,
      maxBytes: 1 << 20,
      framesDropped: 5,
      bytesDropped: 24,
      framesCut: 0,
      firstDroppedSeq: 6,
    });
  });

  it('cuts payloads past maxBytes and counts the cut', () => {
    const h2 = h2Exchange({ maxFrames: 1000, maxBytes: 10 }).http2!;
    const data = h2.frames[6]!;
    expect(decodeBase64(data.payload!)).toEqual(te.encode('{"echo":"B'));
    expect(data.payloadTruncated).toBe(true);
    // DATA keeps 10 of 21; GOAWAY 0 of 2 and the unknown frame 0 of 1 are cut too.
    expect(h2.truncation).toMatchObject({
      framesCut: 3,
      bytesDropped: 11 + 2 + 1,
      framesDropped: 0,
    });
    expect(h2.frames[9]!.payload).toBe('');
  });
});

describe('HTTP/2 in HAR and redaction', () => {
  it('exports _http2Frames (valid HAR 1.2) and imports it back unchanged', async () => {
    const ex = h2Exchange();
    const har = JSON.parse(JSON.stringify(toHar([ex])));
    const entry = har.log.entries[0];
    expect(entry._http2Frames).toHaveLength(11);
    expect(entry._switchyard.http2).toEqual({
      mode: 'prior-knowledge',
      streamId: 1,
      framesSeen: ex.http2!.framesSeen,
      truncation: ex.http2!.truncation,
    });
    await expect(harValidator.har(har)).resolves.toBeTruthy();
    const back = fromHar(har);
    expect(back.ok && back.exchanges[0]!.http2).toEqual(ex.http2);
  });

  it('refuses an import whose _http2Frames are malformed', () => {
    const har = JSON.parse(JSON.stringify(toHar([h2Exchange()])));
    har.log.entries[0]._http2Frames[1].headers = [['only-a-name']];
    const result = fromHar(har);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]!.path).toBe('/log/entries/0/_http2Frames/1/headers/0');
  });

  it('rebuilds the record from _http2Frames alone (no _switchyard meta)', () => {
    const har = JSON.parse(JSON.stringify(toHar([h2Exchange()])));
    delete har.log.entries[0]._switchyard;
    const result = fromHar(har);
    expect(result.ok && result.exchanges[0]!.http2).toMatchObject({
      mode: 'prior-knowledge',
      streamId: 1,
      framesSeen: { clientToServer: 3, serverToClient: 8 },
    });
  });

  it('redacts credentials in decoded fields and scrubs them from DATA', () => {
    const red = redactExchange(h2Exchange());
    const frames = red.http2!.frames;
    expect(frames[1]!.headers![3]).toEqual(['authorization', '[redacted]']);
    expect(frames[5]!.headers![1]).toEqual(['set-cookie', '[redacted]']);
    expect(new TextDecoder().decode(decodeBase64(frames[6]!.payload!))).toBe(
      '{"echo":"[redacted]"}',
    );
    expect(red.redactions).toEqual(
      expect.arrayContaining([
        { location: 'http2-header', name: 'authorization', index: 1 },
        { location: 'http2-header', name: 'set-cookie', index: 5 },
        { location: 'http2-payload', name: 'payload', index: 6 },
      ]),
    );
    expect(validateExchange(red)).toMatchObject({ ok: true });
    // Idempotent.
    expect(redactExchange(red).http2).toEqual(red.http2);
    expect(encodeBase64(te.encode('x'))).toBe('eA==');
  });
});
