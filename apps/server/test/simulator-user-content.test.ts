/**
 * `?body=` content is the user's, served from the origin of the UI and the captures: it always
 * carries `Content-Security-Policy: sandbox` and `X-Content-Type-Options: nosniff`, which no
 * option removes (Chromium's side of it: e2e/tests/untrusted-content.spec.ts). The diagnostic,
 * which is ours and escaped, is left as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { makeApp } from './support/http.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await makeApp();
});
afterAll(async () => {
  await app.close();
});

const html = encodeURIComponent('<script>alert(1)</script>');

describe('user content from ?body=', () => {
  it('is sandboxed and not sniffed, for any status with content', async () => {
    for (const code of [200, 404, 206]) {
      const res = await app.inject({
        url: `/api/status/${code}?content_type=text/html&body=${html}`,
      });
      expect(res.statusCode).toBe(code);
      expect(res.headers['content-security-policy']).toBe('sandbox');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('keeps the sandbox when the options send their own policy or remove the field', async () => {
    const own = await app.inject({
      url: `/api/status/200?body=${html}&header=${encodeURIComponent("Content-Security-Policy:script-src 'unsafe-inline'")}`,
    });
    // Two field lines: each policy is enforced, so the sandbox holds.
    expect(own.headers['content-security-policy']).toEqual([
      "script-src 'unsafe-inline'",
      'sandbox',
    ]);
    const removed = await app.inject({
      url: `/api/status/200?body=${html}&header=${encodeURIComponent('Content-Security-Policy:')}&header=${encodeURIComponent('X-Content-Type-Options:')}`,
    });
    expect(removed.headers['content-security-policy']).toBe('sandbox');
    expect(removed.headers['x-content-type-options']).toBe('nosniff');
  });

  it('leaves the diagnostic and content-less statuses alone', async () => {
    for (const url of ['/api/status/200', '/api/status/204?body=x']) {
      const res = await app.inject({ url });
      expect(res.headers['content-security-policy']).toBeUndefined();
    }
  });
});
