import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { makeApp } from './support/http.js';

// The real app: the web plugin is registered, owns the client routes, and stays out of the way
// of the API, the docs and the health check. (Whether apps/web/dist is built decides 200 vs 503;
// turbo builds it first via the devDependency, but this test holds either way.)
describe('web plugin inside the app', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await makeApp();
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers a client route with the UI (or the not-built notice) under the UI CSP', async () => {
    const response = await app.inject({ method: 'GET', url: '/status/101' });
    expect([200, 503]).toContain(response.statusCode);
    if (response.statusCode === 200) expect(response.body).toContain('<div id="root">');
    else expect(response.body).toContain('UI is not built');
    expect(String(response.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it.each(['/healthz', '/api/openapi.json', '/docs'])(
    'leaves %s to its own route, without the UI CSP',
    async (url) => {
      const response = await app.inject({ method: 'GET', url });
      expect(response.body).not.toContain('<div id="root">');
      expect(response.body).not.toContain('UI is not built');
      expect(String(response.headers['content-security-policy'] ?? '')).not.toContain('ws:');
    },
  );

  it('does not answer unknown API paths with the UI', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('<div id="root">');
  });
});
