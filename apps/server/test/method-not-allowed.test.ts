/**
 * RFC 9110 §15.5.6: a method the target resource does not support is 405, not 404, and the 405
 * MUST carry Allow listing the methods it does support; OPTIONS (§9.3.7) is answered with that
 * list. Paths with no route at all stay 404. Through the whole app (every plugin's routes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { makeApp } from './support/http.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await makeApp({ TLS: 'off' });
  await app.ready();
});
afterAll(() => app.close());

describe('405 with Allow, 404 only where nothing is', () => {
  it.each([
    ['PATCH', '/api/tickets', 'POST'],
    ['GET', '/api/tickets', 'POST'],
    ['DELETE', '/api/exchanges/abc', 'GET, HEAD'],
    ['PUT', '/api/exchanges/import', 'POST'],
    ['POST', '/healthz', 'GET, HEAD'],
    ['POST', '/x/abc', 'GET, HEAD'],
  ])('%s %s is 405 and Allow lists %s', async (method, url, expected) => {
    const res = await app.inject({ method: method as 'GET', url });
    expect(res.statusCode).toBe(405);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const allow = String(res.headers.allow).split(', ');
    for (const m of expected.split(', ')) expect(allow).toContain(m);
    expect(allow).not.toContain(method);
    expect(allow).not.toContain('CONNECT');
    expect(res.json()).toMatchObject({
      status: 405,
      type: expect.stringMatching(/method-not-allowed$/),
    });
  });

  it('OPTIONS on an existing resource is 204 with Allow', async () => {
    const res = await app.inject({ method: 'OPTIONS', url: '/api/exchanges' });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers.allow).split(', ')).toEqual(expect.arrayContaining(['GET', 'HEAD']));
  });

  it('a route for the very method that finds nothing (a missing static file) stays 404', async () => {
    const res = await app.inject({ url: '/docs/static/nope.js' });
    expect(res.statusCode).toBe(404);
    expect(res.headers.allow).toBeUndefined();
  });

  it('paths with no route are 404, whatever the method', async () => {
    for (const method of ['GET', 'POST', 'OPTIONS'] as const) {
      const res = await app.inject({ method, url: '/no/such/thing' });
      expect(res.statusCode, method).toBe(404);
      expect(res.headers.allow).toBeUndefined();
    }
  });
});
