import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  REDACTED,
  isShareId,
  toHar,
  validateExchange,
  type Exchange,
  type Har,
} from '@switchyard/exchange';
import { listenApp, makeApp, stored } from './support/http.js';
import { makeExchange } from './support/make-exchange.mjs';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function app(): Promise<FastifyInstance> {
  const a = await makeApp();
  apps.push(a);
  await a.ready();
  return a;
}

/** Captures one simulator request (over inject) and returns its stored exchange. */
async function captureOne(a: FastifyInstance): Promise<Exchange> {
  const res = await a.inject({
    method: 'GET',
    url: '/api/status/418?token=abc123',
    headers: { 'X-Mixed-Case': 'yes', authorization: 'Basic dXNlcjpwYXNz' },
  });
  expect(res.statusCode).toBe(418);
  const id = res.headers['x-switchyard-capture'] as string;
  expect(isShareId(id)).toBe(true);
  return stored(a, id);
}

describe('GET /api/exchanges/{id}', () => {
  it('returns the stored exchange exactly (the response schema drops nothing)', async () => {
    const a = await app();
    const ex = await captureOne(a);
    const res = await a.inject({ url: `/api/exchanges/${ex.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    expect(body).toEqual(ex);
    expect(validateExchange(body)).toMatchObject({ ok: true });
    expect(body.request.target).toBe(`/api/status/418?token=${REDACTED}`);
    expect(JSON.stringify(body)).not.toContain('dXNlcjpwYXNz');
  });

  it('keeps WebSocket frames, close, truncation and findings through serialisation', async () => {
    const a = await app();
    const ex: Exchange = {
      ...makeExchange(7),
      kind: 'websocket',
      findings: [
        { ruleId: 'demo-rule', severity: 'warning', message: 'm', evidence: { at: [1, 2] } },
      ],
      websocket: {
        subprotocol: null,
        extensions: 'permessage-deflate',
        frames: [
          {
            seq: 0,
            direction: 'client-to-server',
            fin: true,
            rsv1: true,
            rsv2: false,
            rsv3: false,
            opcode: 1,
            masked: true,
            maskKey: 'AQIDBA==',
            payloadLength: 7,
            lengthEncoding: 7,
            headerOffset: 0,
            headerLength: 6,
            payloadOffset: 6,
            payload: '8kjNyckHAA==',
            inflated: 'SGVsbG8=',
            time: 12.5,
            findings: [
              {
                code: 'x',
                severity: 'error',
                message: 'y',
                cite: { rfc: 'RFC 6455', section: '5.2' },
                closeCode: 1002,
              },
            ],
          },
        ],
        framesSeen: { clientToServer: 1, serverToClient: 0 },
        close: { initiator: 'transport', code: 1006, reason: '', clean: false, time: 99 },
        truncation: { maxFrames: 1, maxBytes: 2, framesDropped: 3, bytesDropped: 4, framesCut: 0 },
      },
    };
    await a.exchangeStore.put(ex);
    const res = await a.inject({ url: `/api/exchanges/${ex.id}` });
    expect(res.json()).toEqual(ex);
  });

  it('answers 404 problem+json for unknown and malformed ids', async () => {
    const a = await app();
    for (const id of ['A'.repeat(24), 'short', '..%2F..%2Fetc', 'x'.repeat(70)]) {
      const res = await a.inject({ url: `/api/exchanges/${id}` });
      expect(res.statusCode, id).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 404, title: 'Exchange not found' });
      const har = await a.inject({ url: `/api/exchanges/${id}/har` });
      expect(har.statusCode).toBe(404);
    }
  });
});

describe('HAR export and import', () => {
  it('exports HAR 1.2 and imports it back under a new id', async () => {
    const a = await app();
    const ex = await captureOne(a);
    const res = await a.inject({ url: `/api/exchanges/${ex.id}/har` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('.har');
    const har = res.json() as Har;
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries[0]!._switchyardExchange).toBe(ex.id);
    expect(har.log.entries[0]!.response.status).toBe(418);

    const imp = await a.inject({ method: 'POST', url: '/api/exchanges/import', payload: har });
    expect(imp.statusCode).toBe(201);
    const { ids, links } = imp.json() as { ids: string[]; links: string[] };
    expect(ids).toHaveLength(1);
    expect(ids[0]).not.toBe(ex.id);
    expect(links).toEqual([`/x/${ids[0]}`]);
    const back = (await a.inject({ url: `/api/exchanges/${ids[0]}` })).json();
    expect(back).toEqual({ ...ex, id: ids[0], source: 'import' });
  });

  it('redacts credentials in an imported HAR', async () => {
    const a = await app();
    const ex = makeExchange(3);
    ex.request.headers.push(['Authorization', 'Bearer imported-secret']);
    const imp = await a.inject({
      method: 'POST',
      url: '/api/exchanges/import',
      payload: toHar([ex]),
    });
    expect(imp.statusCode).toBe(201);
    const back = (await a.inject({ url: `/api/exchanges/${imp.json().ids[0]}` })).json();
    expect(JSON.stringify(back)).not.toContain('imported-secret');
    expect(back.redactions).toContainEqual({
      location: 'request-header',
      name: 'Authorization',
      index: 1,
    });
  });

  it('lints an imported browser HAR like a capture (its file had no findings)', async () => {
    const a = await app();
    const fields = (o: Record<string, string>) =>
      Object.entries(o).map(([name, value]) => ({ name, value }));
    const entry = (accept: string) => ({
      startedDateTime: '2026-11-21T06:00:00.000Z',
      time: 12.5,
      request: {
        method: 'GET',
        url: 'ws://localhost:8080/ws/echo',
        httpVersion: 'HTTP/1.1',
        headers: fields({
          Connection: 'Upgrade',
          Host: 'localhost:8080',
          'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
          'Sec-WebSocket-Version': '13',
          Upgrade: 'websocket',
        }),
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: 0,
      },
      response: {
        status: 101,
        statusText: 'Switching Protocols',
        httpVersion: 'HTTP/1.1',
        headers: fields({
          Upgrade: 'websocket',
          Connection: 'Upgrade',
          'Sec-WebSocket-Accept': accept,
        }),
        cookies: [],
        content: { size: 0, mimeType: 'x-unknown' },
        redirectURL: '',
        headersSize: -1,
        bodySize: 0,
      },
      cache: {},
      timings: { send: 1, wait: 2, receive: 3 },
      _resourceType: 'websocket',
      _webSocketMessages: [{ type: 'send', time: 1795024800.001, opcode: 1, data: 'hi' }],
    });
    // RFC 6455 §1.3's own example key and accept value; the second entry's accept is wrong.
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        entries: [entry('s3pPLMBiTxaQ9kYGzzhZRbK+xOo='), entry('AAAAAAAAAAAAAAAAAAAAAAAAAAA=')],
      },
    };
    const imp = await a.inject({ method: 'POST', url: '/api/exchanges/import', payload: har });
    expect(imp.statusCode).toBe(201);
    const [good, bad] = await Promise.all(
      (imp.json().ids as string[]).map(
        async (id) => (await a.inject({ url: `/api/exchanges/${id}` })).json() as Exchange,
      ),
    );
    expect(good!.findings).toEqual([]);
    expect(bad!.findings.map((f) => f.ruleId)).toContain('ws-handshake/accept-mismatch');
  });

  it('rejects bad HAR with 400 problem+json listing the problems', async () => {
    const a = await app();
    const bad = JSON.parse(JSON.stringify(toHar([makeExchange(1)])));
    bad.log.entries[0].request.headers = 'nope';
    for (const payload of [bad, { log: { entries: [] } }, { hello: 'world' }]) {
      const res = await a.inject({ method: 'POST', url: '/api/exchanges/import', payload });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = res.json();
      expect(problem.type).toMatch(/invalid-har$/);
      expect(problem.errors.length).toBeGreaterThan(0);
    }
    const notJson = await a.inject({
      method: 'POST',
      url: '/api/exchanges/import',
      headers: { 'content-type': 'application/json' },
      payload: '{"log": ',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('GET /api/exchanges', () => {
  it('lists newest first, pages with before/next', async () => {
    const a = await app();
    for (let i = 0; i < 5; i++) void a.exchangeStore.put(makeExchange(i));
    const first = (await a.inject({ url: '/api/exchanges?limit=2' })).json();
    expect(first.items.map((s: { id: string }) => s.id)).toEqual(
      [4, 3].map((i) => makeExchange(i).id),
    );
    expect(first.next).toBe(makeExchange(3).id);
    const second = (await a.inject({ url: `/api/exchanges?limit=2&before=${first.next}` })).json();
    expect(second.items.map((s: { id: string }) => s.id)).toEqual(
      [2, 1].map((i) => makeExchange(i).id),
    );
    const last = (await a.inject({ url: `/api/exchanges?limit=2&before=${second.next}` })).json();
    expect(last).toEqual({
      items: [expect.objectContaining({ id: makeExchange(0).id, status: 200 })],
    });
    const bad = await a.inject({ url: '/api/exchanges?limit=0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('over a real socket', () => {
  it('serves a captured exchange and its HAR to an HTTP client', async () => {
    const { app: a, port } = await listenApp();
    apps.push(a);
    const base = `http://127.0.0.1:${port}`;
    const sim = await fetch(`${base}/api/status/204`, { headers: { 'X-Order': 'first' } });
    expect(sim.status).toBe(204);
    const id = sim.headers.get('x-switchyard-capture')!;
    expect(sim.headers.get('link')).toBe(`</x/${id}>; rel="capture"`);
    await stored(a, id);
    const res = await fetch(`${base}/api/exchanges/${id}`);
    expect(res.status).toBe(200);
    const ex = (await res.json()) as Exchange;
    expect(ex.response?.status).toBe(204);
    expect(ex.request.headers.find(([n]) => n === 'x-order' || n === 'X-Order')?.[1]).toBe('first');
    const har = await fetch(`${base}/api/exchanges/${id}/har`);
    expect(((await har.json()) as Har).log.entries[0]!.response.status).toBe(204);
    const missing = await fetch(`${base}/api/exchanges/${'Z'.repeat(24)}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('OpenAPI', () => {
  it('publishes the exchanges routes with the Exchange schema', async () => {
    const a = await app();
    const res = await a.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    for (const path of [
      '/api/exchanges',
      '/api/exchanges/{id}',
      '/api/exchanges/{id}/har',
      '/api/exchanges/import',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const ok = doc.paths['/api/exchanges/{id}'].get.responses['200'];
    const schema = ok.content['application/json'].schema;
    expect(schema.properties.websocket.properties.frames.items.properties.opcode).toBeDefined();
  });
});
