import { describe, expect, it } from 'vitest';
import harValidator from 'har-validator';
import {
  REDACTED,
  fromHar,
  redactExchange,
  toHar,
  type Exchange,
  type FrameJson,
  frameToJson,
} from '../src/index.js';
import { frame, httpExchange, wsExchange } from './fixtures.js';

const te = new TextEncoder();

async function harErrors(har: unknown): Promise<unknown[]> {
  try {
    await harValidator.har(har);
    return [];
  } catch (err) {
    return (err as { errors?: unknown[] }).errors ?? [err];
  }
}

describe('toHar', () => {
  it('passes the HAR 1.2 schema (har-validator)', async () => {
    const har = JSON.parse(
      JSON.stringify(toHar([wsExchange(), httpExchange(), redactExchange(wsExchange())])),
    );
    expect(await harErrors(har)).toEqual([]);
  });

  it('is rejected by har-validator when a required field is missing (the check can fail)', async () => {
    const har = JSON.parse(JSON.stringify(toHar([httpExchange()])));
    delete har.log.entries[0].response.status;
    expect((await harErrors(har)).length).toBeGreaterThan(0);
  });

  it('keeps header order, case and duplicates, and HAR basics', () => {
    const entry = toHar([wsExchange()]).log.entries[0]!;
    expect(entry.request.headers.map((h) => h.name)).toEqual([
      'Host',
      'Upgrade',
      'Connection',
      'Sec-WebSocket-Key',
      'Sec-WebSocket-Version',
      'Cookie',
      'cookie',
      'Authorization',
    ]);
    expect(entry.request.url).toBe('ws://127.0.0.1/ws/echo?room=a&token=s3cret');
    expect(entry.request.httpVersion).toBe('HTTP/1.1');
    expect(entry.request.queryString).toEqual([
      { name: 'room', value: 'a' },
      { name: 'token', value: 's3cret' },
    ]);
    expect(entry.request.headersSize).toBeGreaterThan(100);
    expect(entry.response.status).toBe(101);
    expect(entry.response.statusText).toBe('Switching Protocols');
    expect(entry.startedDateTime).toBe(new Date(1_795_000_000_000).toISOString());
    expect(entry._switchyardExchange).toBe('AAAAAAAAAAAAAAAAAAAAAAAA');
  });

  it('writes _webSocketMessages as Chrome does: data messages only', () => {
    const entry = toHar([wsExchange()]).log.entries[0]!;
    expect(entry._webSocketMessages).toEqual([
      { type: 'send', time: 1_795_000_000 + 0 / 1e6, opcode: 1, data: 'hello' },
      { type: 'receive', time: (1_795_000_000_000_000 + 1000) / 1e6, opcode: 1, data: 'hello' },
      { type: 'send', time: (1_795_000_000_000_000 + 2000) / 1e6, opcode: 2, data: 'AP8B/g==' },
      { type: 'receive', time: (1_795_000_000_000_000 + 3000) / 1e6, opcode: 2, data: 'AP8=' },
    ]);
    expect(entry._switchyardFrames!.map((f) => f.opcode)).toEqual([1, 1, 2, 2, 9, 10, 8, 8]);
    expect(entry._switchyardClose).toMatchObject({ code: 1000, reason: 'bye', clean: true });
  });

  it('reassembles fragmented and compressed messages', () => {
    const ex = wsExchange();
    const frames: FrameJson[] = [
      frameToJson(frame({ seq: 0, fin: false, payload: te.encode('hel') })),
      frameToJson(frame({ seq: 1, opcode: 9, payload: te.encode('mid') })),
      frameToJson(frame({ seq: 2, opcode: 0, payload: te.encode('lo') })),
      frameToJson(
        frame({
          seq: 3,
          direction: 'server-to-client',
          rsv1: true,
          payload: new Uint8Array([0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00]),
          inflated: te.encode('Hello'),
        }),
      ),
    ];
    ex.websocket!.frames = frames;
    const msgs = toHar([ex]).log.entries[0]!._webSocketMessages!;
    expect(msgs.map((m) => [m.type, m.data])).toEqual([
      ['send', 'hello'],
      ['receive', 'Hello'],
    ]);
  });

  it('marks a message the byte cap cut short with _truncated, and no other', () => {
    const ex = wsExchange();
    const cut = frameToJson(frame({ seq: 1, payload: te.encode('abc') }));
    cut.payloadLength = 600;
    cut.payloadTruncated = true;
    const cutDeflated = frameToJson(
      frame({
        seq: 2,
        direction: 'server-to-client',
        rsv1: true,
        payload: new Uint8Array([0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00]),
        inflated: te.encode('Hel'),
      }),
    );
    cutDeflated.inflatedTruncated = true;
    ex.websocket!.frames = [
      frameToJson(frame({ seq: 0, payload: te.encode('whole') })),
      cut,
      cutDeflated,
    ];
    const msgs = toHar([ex]).log.entries[0]!._webSocketMessages!;
    expect(msgs.map((m) => [m.data, m._truncated])).toEqual([
      ['whole', undefined],
      ['abc', true],
      ['Hel', true],
    ]);
    expect('_truncated' in msgs[0]!).toBe(false);
  });

  it('writes redacted values, percent-encoded in the URL', () => {
    const entry = toHar([redactExchange(wsExchange())]).log.entries[0]!;
    expect(entry.request.url).toBe('ws://127.0.0.1/ws/echo?room=a&token=%5Bredacted%5D');
    expect(entry.request.headers.find((h) => h.name === 'Authorization')!.value).toBe(REDACTED);
  });
});

describe('fromHar', () => {
  it('round-trips exchanges exactly', () => {
    const originals = [wsExchange(), httpExchange(), redactExchange(wsExchange())];
    const result = fromHar(JSON.parse(JSON.stringify(toHar(originals))));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const expected = originals.map((x): Exchange => ({ ...x, source: 'import' }));
    expect(result.exchanges).toStrictEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('assigns fresh ids when asked', () => {
    let n = 0;
    const result = fromHar(toHar([httpExchange()]), {
      newId: () => `NEWID${String(n++).padStart(19, '0')}`,
    });
    expect(result.ok && result.exchanges[0]!.id).toBe('NEWID0000000000000000000');
  });

  it('reads a plain Chrome-style HAR (no _switchyard fields)', () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        entries: [
          {
            startedDateTime: '2026-11-21T06:00:00.000Z',
            time: 12.5,
            request: {
              method: 'GET',
              url: 'ws://localhost:8080/ws/echo',
              httpVersion: 'HTTP/1.1',
              headers: [{ name: 'Upgrade', value: 'websocket' }],
              queryString: [],
              cookies: [],
              headersSize: -1,
              bodySize: 0,
            },
            response: {
              status: 101,
              statusText: 'Switching Protocols',
              httpVersion: 'HTTP/1.1',
              headers: [{ name: 'Sec-WebSocket-Protocol', value: 'echo.v1' }],
              cookies: [],
              content: { size: 0, mimeType: 'x-unknown' },
              redirectURL: '',
              headersSize: -1,
              bodySize: 0,
            },
            cache: {},
            timings: { send: 1, wait: 2, receive: 3 },
            _resourceType: 'websocket',
            _webSocketMessages: [
              { type: 'send', time: 1795024800.001, opcode: 1, data: 'hi' },
              { type: 'receive', time: 1795024800.002, opcode: 2, data: 'AAE=' },
            ],
          },
        ],
      },
    };
    const result = fromHar(har, { newId: () => 'C'.repeat(24) });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const ex = result.exchanges[0]!;
    expect(ex.kind).toBe('websocket');
    expect(ex.request.target).toBe('/ws/echo');
    expect(ex.websocket!.subprotocol).toBe('echo.v1');
    expect(ex.websocket!.frames.map((f) => [f.direction, f.opcode, f.payload, f.masked])).toEqual([
      ['client-to-server', 1, 'aGk=', true],
      ['server-to-client', 2, 'AAE=', false],
    ]);
    expect(ex.timings).toEqual({
      start: Date.parse('2026-11-21T06:00:00.000Z') * 1000,
      requestHead: 1000,
      firstByte: 3000,
      end: 6000,
    });
    // Re-exported messages match what came in.
    expect(toHar([ex]).log.entries[0]!._webSocketMessages!.map((m) => m.data)).toEqual([
      'hi',
      'AAE=',
    ]);
  });

  it('returns typed errors for bad input, never throws', () => {
    const cases: unknown[] = [
      null,
      42,
      'har',
      {},
      { log: {} },
      { log: { entries: [] } },
      { log: { entries: [{}] } },
      { log: { entries: [{ startedDateTime: 'yesterday', request: {}, response: {} }] } },
    ];
    for (const input of cases) {
      const result = fromHar(input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.errors.length).toBeGreaterThan(0);
        for (const e of result.errors) expect(typeof e.path).toBe('string');
      }
    }
  });

  it('points at the bad field', () => {
    const har = JSON.parse(JSON.stringify(toHar([wsExchange()])));
    har.log.entries[0]._switchyardFrames[2].opcode = 'two';
    har.log.entries[0].request.headers[1] = { name: 'X' };
    const result = fromHar(har);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining([
        '/log/entries/0/_switchyardFrames/2/opcode',
        '/log/entries/0/request/headers/1',
      ]),
    );
  });

  it('rejects an entry without an id when no newId is given', () => {
    const har = JSON.parse(JSON.stringify(toHar([httpExchange()])));
    har.log.entries[0]._switchyardExchange = 'short';
    const result = fromHar(har);
    expect(result.ok).toBe(false);
  });
});
