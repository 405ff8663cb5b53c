/**
 * Protection with configurable limits: 431 for oversized heads, 413 for oversized bodies, 408
 * for slow clients, and the optional per-client rate limit (429 with Retry-After), all as
 * problem+json. The defaults never throttle a local run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { header, listen, makeApp, parseResponses, RawClient } from './simulator-helpers.js';

describe('limits on a real socket', () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    ({ app, port } = await listen({
      MAX_HEADER_SIZE: '2048',
      BODY_LIMIT: '100',
      HEADERS_TIMEOUT_MS: '300',
      REQUEST_TIMEOUT_MS: '600',
    }));
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 431 problem+json to an oversized head and closes', async () => {
    const client = await RawClient.connect(port);
    client.write(`GET /api/status/200 HTTP/1.1\r\nHost: t\r\nX-Big: ${'a'.repeat(4096)}\r\n\r\n`);
    const text = await client.waitClose();
    const [response] = parseResponses(text);
    expect(response!.status).toBe(431);
    expect(response!.reason).toBe('Request Header Fields Too Large');
    expect(header(response!, 'content-type')).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(response!.body).type).toBe(
      'https://switchyard.dev/problems/request-header-fields-too-large',
    );
  });

  it('answers 413 problem+json to an oversized chunked body', async () => {
    const client = await RawClient.connect(port);
    try {
      const chunk = 'x'.repeat(80);
      client.write(
        'POST /api/status/200 HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n' +
          `50\r\n${chunk}\r\n50\r\n${chunk}\r\n0\r\n\r\n`,
      );
      const [response] = parseResponses(await client.waitClose());
      expect(response!.status).toBe(413);
      expect(header(response!, 'connection')).toBe('close');
      expect(JSON.parse(response!.body)).toMatchObject({
        type: 'https://switchyard.dev/problems/content-too-large',
        status: 413,
      });
    } finally {
      client.destroy();
    }
  });

  it('cuts off a client that never finishes its head with 408', async () => {
    const client = await RawClient.connect(port);
    client.write('GET /api/status/200 HTTP/1.1\r\nHost: t\r\n');
    const text = await client.waitClose(10_000);
    const [response] = parseResponses(text);
    expect(response!.status).toBe(408);
    expect(JSON.parse(response!.body).type).toBe('https://switchyard.dev/problems/request-timeout');
  });
});

describe('body limit through inject()', () => {
  it('413 when Content-Length is over the limit', async () => {
    const app = await makeApp({ BODY_LIMIT: '10' });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/status/201',
        payload: 'x'.repeat(11),
      });
      expect(res.statusCode).toBe(413);
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      const ok = await app.inject({
        method: 'POST',
        url: '/api/status/201',
        payload: 'x'.repeat(10),
      });
      expect(ok.statusCode).toBe(201);
    } finally {
      await app.close();
    }
  });
});

describe('rate limit', () => {
  it('is off by default: a burst is never throttled', async () => {
    const app = await makeApp();
    try {
      for (let i = 0; i < 60; i++) {
        const res = await app.inject({ url: '/api/status/200' });
        expect(res.statusCode).toBe(200);
        expect(res.headers['x-ratelimit-limit']).toBeUndefined();
      }
    } finally {
      await app.close();
    }
  });

  it('answers 429 problem+json with Retry-After past RATE_LIMIT_MAX', async () => {
    const app = await makeApp({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
    try {
      for (let i = 0; i < 3; i++) {
        expect((await app.inject({ url: '/api/status/204' })).statusCode).toBe(204);
      }
      const limited = await app.inject({ url: '/api/status/204' });
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(limited.headers['retry-after']).toMatch(/^\d+$/);
      expect(limited.json()).toMatchObject({
        type: 'https://switchyard.dev/problems/rate-limited',
        status: 429,
      });
    } finally {
      await app.close();
    }
  });

  it('sheds load with 503 problem+json and Retry-After while the event loop lags past MAX_EVENT_LOOP_DELAY_MS', async () => {
    const app = await makeApp({ MAX_EVENT_LOOP_DELAY_MS: '100' });
    try {
      /** Polls (bounded: 15 s) until a request is served: start-up work itself counts as lag. */
      const servedWhenIdle = async () => {
        let status = 0;
        for (const until = Date.now() + 15_000; status !== 204 && Date.now() < until;) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          status = (await app.inject({ url: '/api/status/204' })).statusCode;
        }
        return status;
      };
      expect(await servedWhenIdle()).toBe(204);
      // Block the event loop well past the limit, then ask every 10 ms while under-pressure's
      // samples see the lag (it averages the samples of each interval). Bounded in count.
      let shed: Awaited<ReturnType<typeof app.inject>> | undefined;
      for (let attempt = 0; attempt < 5 && !shed; attempt++) {
        const until = Date.now() + 600;
        while (Date.now() < until) {
          /* busy: the lag under-pressure measures */
        }
        for (let poll = 0; poll < 30 && !shed; poll++) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          const res = await app.inject({ url: '/api/status/204' });
          if (res.statusCode === 503) shed = res;
        }
      }
      expect(shed?.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(shed?.headers['retry-after']).toBe('10');
      expect(shed?.json()).toMatchObject({
        type: 'https://switchyard.dev/problems/server-overloaded',
        status: 503,
      });
      // Once the loop is idle again, requests are served.
      expect(await servedWhenIdle()).toBe(204);
    } finally {
      await app.close();
    }
  }, 45_000);
});
