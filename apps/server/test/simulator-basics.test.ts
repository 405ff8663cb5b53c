/** The simulator's logic through inject(): status lines, headers, bodies, options, errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { getStatus } from '@switchyard/catalog';
import { makeApp } from './simulator-helpers.js';

let app: FastifyInstance;
let nextRandom = 0;

beforeAll(async () => {
  app = await makeApp({ DELAY_CAP_MS: '2000' }, { random: () => nextRandom });
});
afterAll(async () => {
  await app.close();
});

describe('status line and standard headers', () => {
  it('answers 404 with the catalog reason phrase and the diagnostic', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/status/404' });
    expect(res.statusCode).toBe(404);
    expect(res.statusMessage).toBe(getStatus(404)?.reason ?? 'Not Found');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
    const body = res.json();
    expect(body.status).toMatchObject({
      code: 404,
      class: 'client-error',
      registered: true,
      catalog: '/api/catalog/404',
      page: '/status/404',
    });
    expect(body.status.section).toMatch(/^RFC 9110 §15\.5\.5$/);
    expect(body.status.link).toBe('https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5');
    expect(body.request).toMatchObject({ method: 'GET', target: '/api/status/404' });
  });

  it('uses the IANA phrase, not Node’s, where they differ (422)', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/status/422', payload: 'abc' });
    expect(res.statusCode).toBe(422);
    expect(res.statusMessage).toBe('Unprocessable Content');
    expect(res.json().request.bodySize).toBe(3);
  });

  it('answers any method', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'PURGE'] as const) {
      const res = await app.inject({ method, url: '/api/status/202' });
      expect(res.statusCode).toBe(202);
      expect(res.json().request.method).toBe(method);
    }
  });

  it('lets the header option override Cache-Control', async () => {
    const res = await app.inject({ url: '/api/status/200?header=Cache-Control:max-age=60' });
    expect(res.headers['cache-control']).toBe('max-age=60');
  });

  // Original case is checked over a real socket (simulator-wire): inject() lowercases names.
  it('reports headers as received: order and duplicates', async () => {
    const res = await app.inject({
      url: '/api/status/200',
      headers: { 'X-First': 'a', 'x-second': ['b', 'c'] },
    });
    const pairs: [string, string][] = res.json().request.headers;
    const mine = pairs.filter(([n]) => n.toLowerCase().startsWith('x-'));
    expect(mine.map(([n, v]) => [n.toLowerCase(), v])).toEqual([
      ['x-first', 'a'],
      ['x-second', 'b'],
      ['x-second', 'c'],
    ]);
  });
});

describe('103 final response', () => {
  it('repeats the early hints in Link and keeps Links other plugins set', async () => {
    const res = await app.inject({ url: '/api/status/103' });
    expect(res.statusCode).toBe(200);
    const links = [res.headers.link ?? []].flat();
    expect(links.some((l) => /rel=preload/.test(l))).toBe(true);
    const capture = res.headers['x-switchyard-capture'];
    if (typeof capture === 'string') {
      expect(links.some((l) => l.includes(`</x/${capture}>`))).toBe(true);
    }
  });
});

describe('content negotiation', () => {
  it('serves text/plain when preferred', async () => {
    const res = await app.inject({
      url: '/api/status/418',
      headers: { accept: 'text/plain, application/json;q=0.5' },
    });
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toMatch(/^418 /);
    expect(res.headers.vary).toBe('Accept');
  });

  it('serves escaped HTML to a browser', async () => {
    const res = await app.inject({
      url: '/api/status/200?x=<script>alert(1)</script>',
      headers: {
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        'x-evil': '"><img src=x onerror=alert(1)>',
      },
    });
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).not.toContain('<script>');
    expect(res.body).not.toContain('<img');
    expect(res.body).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('serves JSON for */* and for unacceptable types', async () => {
    for (const accept of ['*/*', 'image/png']) {
      const res = await app.inject({ url: '/api/status/200', headers: { accept } });
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    }
  });
});

describe('bad codes and unregistered codes', () => {
  it.each(['abc', '99', '600', '1000', '20x', '0200'])(
    'rejects %s with 400 problem+json',
    async (code) => {
      const res = await app.inject({ url: `/api/status/${code}` });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(res.json()).toMatchObject({
        type: 'https://switchyard.dev/problems/invalid-status-code',
        status: 400,
        parameter: 'code',
      });
    },
  );

  it('serves an unregistered in-range code as its class and says so (RFC 9110 §15)', async () => {
    const res = await app.inject({ url: '/api/status/299' });
    expect(res.statusCode).toBe(299);
    const body = res.json();
    expect(body.status.registered).toBe(false);
    expect(body.status.treatedAs).toBe(200);
    expect(body.status.section).toBe('RFC 9110 §15');
    expect(body.status.summary).toContain('not registered');
  });

  it('unknown routes answer problem+json 404', async () => {
    const res = await app.inject({ url: '/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(res.json().type).toBe('https://switchyard.dev/problems/not-found');
  });
});

describe('required headers, with defaults and overrides', () => {
  const cases: [number, string, RegExp][] = [
    [201, 'location', /\/api\/status\/200$/],
    [301, 'location', /\/api\/status\/200$/],
    [302, 'location', /\/api\/status\/200$/],
    [303, 'location', /\/api\/status\/200$/],
    [307, 'location', /\/api\/status\/200$/],
    [308, 'location', /\/api\/status\/200$/],
    // RFC 9110 §11.6.1: a challenge is an auth-scheme followed by parameters.
    [401, 'www-authenticate', /^[A-Za-z][\w-]* \S/],
    // A method list without the GET used here (RFC 9110 §15.5.6; simulator-wire-fixes tests).
    [405, 'allow', /^(?!.*\bGET\b)[A-Z]+(, [A-Z]+)*$/],
    [407, 'proxy-authenticate', /^[A-Za-z][\w-]* \S/],
    [416, 'content-range', /^bytes \*\/1040$/],
    [426, 'upgrade', /websocket/],
    [429, 'retry-after', /^\d+$/],
    [503, 'retry-after', /^\d+$/],
  ];
  it.each(cases)('%i carries %s', async (code, name, value) => {
    const res = await app.inject({ url: `/api/status/${code}` });
    expect(res.statusCode).toBe(code);
    expect(String(res.headers[name])).toMatch(value);
  });

  it('426 also sends Connection: Upgrade (RFC 9110 §7.8)', async () => {
    const res = await app.inject({ url: '/api/status/426' });
    expect(res.headers.connection).toMatch(/upgrade/i);
  });

  it('overrides a default and removes one with an empty value', async () => {
    const moved = await app.inject({
      url: '/api/status/301?header=Location:https://example.test/',
    });
    expect(moved.headers.location).toBe('https://example.test/');
    const bare = await app.inject({ url: '/api/status/401?header=WWW-Authenticate:' });
    expect(bare.headers['www-authenticate']).toBeUndefined();
  });

  it('206 sends a real partial body with Content-Range, honouring Range', async () => {
    const plain = await app.inject({ url: '/api/status/206' });
    expect(plain.statusCode).toBe(206);
    expect(plain.headers['content-range']).toBe('bytes 0-99/1040');
    expect(plain.body).toHaveLength(100);
    const ranged = await app.inject({ url: '/api/status/206', headers: { range: 'bytes=40-79' } });
    expect(ranged.headers['content-range']).toBe('bytes 40-79/1040');
    expect(ranged.body).toBe(`02 ${'b'.repeat(36)}\n`);
    const suffix = await app.inject({ url: '/api/status/206', headers: { range: 'bytes=-40' } });
    expect(suffix.headers['content-range']).toBe('bytes 1000-1039/1040');
    expect(suffix.body).toBe(`26 ${'z'.repeat(36)}\n`);
  });
});

describe('options', () => {
  it('adds extra headers from the query and from X-Switchyard-Header, repeats included', async () => {
    const res = await app.inject({
      url: '/api/status/200?header=X-A:1&header=X-A:2',
      headers: { 'x-switchyard-header': 'X-Ignored: because the query wins' },
    });
    expect(res.headers['x-a']).toEqual(['1', '2']);
    expect(res.headers['x-ignored']).toBeUndefined();
    const fromHeader = await app.inject({
      url: '/api/status/200',
      headers: { 'X-Switchyard-Header': ['X-B: 1', 'X-C: two, with comma'] },
    });
    expect(fromHeader.headers['x-b']).toBe('1');
    expect(fromHeader.headers['x-c']).toBe('two, with comma');
  });

  it('serves a custom body and content type', async () => {
    const res = await app.inject({ url: '/api/status/500?body=a,b%0A1,2&content_type=text/csv' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toBe('text/csv');
    expect(res.body).toBe('a,b\n1,2');
    const viaHeaders = await app.inject({
      url: '/api/status/200',
      headers: {
        'X-Switchyard-Body': '{"ok":true}',
        'X-Switchyard-Content-Type': 'application/json',
      },
    });
    expect(viaHeaders.json()).toEqual({ ok: true });
  });

  it('waits for the delay and reports it', async () => {
    const res = await app.inject({ url: '/api/status/200?delay=20ms' });
    expect(res.json().delayMs).toBe(20);
  });

  it('chooses a weighted random status with the injected source', async () => {
    nextRandom = 0.69;
    expect((await app.inject({ url: '/api/status/200:0.7,429:0.3' })).statusCode).toBe(200);
    nextRandom = 0.71;
    expect((await app.inject({ url: '/api/status/200:0.7,429:0.3' })).statusCode).toBe(429);
    nextRandom = 0.99;
    const viaOption = await app.inject({
      url: '/api/status/200',
      headers: { 'X-Switchyard-Random': '201:1,503:1' },
    });
    expect(viaOption.statusCode).toBe(503);
  });

  const bad: [string, Record<string, string>, string][] = [
    ['/api/status/200?delay=soon', {}, 'delay'],
    ['/api/status/200?delay=5s', {}, 'delay'],
    ['/api/status/200?delay=1&delay=2', {}, 'delay'],
    ['/api/status/200', { 'X-Switchyard-Delay': '99999' }, 'X-Switchyard-Delay'],
    ['/api/status/200?header=NoColon', {}, 'header'],
    ['/api/status/200?header=Bad Name:1', {}, 'header'],
    ['/api/status/200?header=Content-Length:5', {}, 'header'],
    ['/api/status/200?header=Transfer-Encoding:chunked', {}, 'header'],
    ['/api/status/200?content_type=nonsense', {}, 'content_type'],
    ['/api/status/200?random=200:x', {}, 'random'],
    ['/api/status/200?random=700:1', {}, 'random'],
    ['/api/status/200?random=200:0', {}, 'random'],
  ];
  it.each(bad)('%s %j is a 400 naming %s', async (url, headers, parameter) => {
    const res = await app.inject({ url, headers });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const problem = res.json();
    expect(problem.type).toBe('https://switchyard.dev/problems/invalid-option');
    expect(problem.parameter.toLowerCase()).toBe(parameter.toLowerCase());
    expect(problem.detail).toEqual(expect.any(String));
  });
});

describe('CORS', () => {
  it('answers a preflight and still simulates a plain OPTIONS', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/status/418',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'x-switchyard-delay',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toBe('PUT');
    expect(preflight.headers['access-control-allow-headers']).toBe('x-switchyard-delay');
    const plain = await app.inject({ method: 'OPTIONS', url: '/api/status/418' });
    expect(plain.statusCode).toBe(418);
  });
});

describe('catalog routes', () => {
  it('lists the catalog and returns one entry', async () => {
    const list = await app.inject({ url: '/api/status' });
    expect(list.statusCode).toBe(200);
    const { statuses } = list.json();
    expect(Array.isArray(statuses)).toBe(true);
    const first = statuses[0];
    if (first) {
      const one = await app.inject({ url: `/api/catalog/${first.code}` });
      expect(one.statusCode).toBe(200);
      expect(one.json().code).toBe(first.code);
    }
  });

  it('answers 404 problem+json for a code without entry and 400 for a non-code', async () => {
    const unknown = await app.inject({ url: '/api/catalog/299' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().type).toBe('https://switchyard.dev/problems/unknown-status-code');
    const bad = await app.inject({ url: '/api/catalog/abc' });
    expect(bad.statusCode).toBe(400);
  });
});
