/**
 * Two app instances sharing one PostgreSQL (STORAGE=postgres) and one Redis (BUS=redis), both
 * started by this file on loopback: an exchange captured on A is readable on B (and listed), a
 * `/api/live` subscriber on B receives its events as A captures it (HTTP and WebSocket frames),
 * a HAR exported from A and imported on B is readable on A, and Redis going away does not stop
 * either instance from capturing and serving.
 */
import type { IncomingMessage } from 'node:http';
import { once } from 'node:events';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listenApp } from './support/http.js';
import { liveClient, type LiveClient } from './support/live-client.js';
import { startPostgres, type TestPostgres } from './support/postgres-server.js';
import { startRedis, type TestRedis } from './support/redis-server.js';

let postgres: TestPostgres;
let redis: TestRedis;
const apps: FastifyInstance[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.stop()]);
}, 20_000);
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  for (const app of apps.splice(0)) await app.close();
});

/** Two instances on one fresh database and the shared Redis. */
async function cluster() {
  const env = {
    STORAGE: 'postgres',
    DATABASE_URL: await postgres.createDatabase(),
    BUS: 'redis',
    REDIS_URL: redis.url,
    STORAGE_FLUSH_MS: '20',
  };
  const a = await listenApp(env);
  apps.push(a.app);
  const b = await listenApp(env);
  apps.push(b.app);
  return { a, b };
}

/** Polls until `get` returns a value (bounded). */
async function eventually<T>(get: () => Promise<T | undefined>, what: string, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await get();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Subscribes to everything on an instance and waits until the others know it listens. */
async function listenAll(port: number, others: FastifyInstance[]): Promise<LiveClient> {
  const client = await liveClient(port);
  sockets.push(client.ws);
  client.send({ subscribe: 'all' });
  await client.waitFor((m) => m.type === 'subscribed' && m.id === 'all');
  // Presence reaches the other instances through Redis a moment later.
  await eventually(async () => (others.every((o) => o.bus.active) ? true : undefined), 'presence');
  return client;
}

describe('two instances on one PostgreSQL and one Redis', () => {
  it('captures on A; B serves the exchange and streams its live events', async () => {
    const { a, b } = await cluster();
    const live = await listenAll(b.port, [a.app]);

    const res = await fetch(`http://127.0.0.1:${a.port}/api/status/404`);
    await res.arrayBuffer();
    const id = res.headers.get('x-switchyard-capture')!;
    expect(id).toBeTruthy();

    const begin = await live.waitFor((m) => m.type === 'begin' && m.id === id);
    expect(begin.summary).toMatchObject({ id, method: 'GET', target: '/api/status/404' });
    const end = await live.waitFor((m) => m.type === 'end' && m.id === id);
    expect(end.summary).toMatchObject({ id, status: 404 });
    const types = live.messages.filter((m) => m.id === id).map((m) => m.type);
    expect(types.indexOf('begin')).toBeLessThan(types.indexOf('response'));
    expect(types.indexOf('response')).toBeLessThan(types.indexOf('end'));

    // Stored by A in PostgreSQL, read through B.
    const fromB = await eventually(async () => {
      const r = await fetch(`http://127.0.0.1:${b.port}/api/exchanges/${id}`);
      return r.status === 200 ? ((await r.json()) as { response: { status: number } }) : undefined;
    }, 'the exchange on B');
    expect(fromB.response.status).toBe(404);
    const list = (await (await fetch(`http://127.0.0.1:${b.port}/api/exchanges`)).json()) as {
      items: { id: string }[];
    };
    expect(list.items.map((s) => s.id)).toContain(id);
  }, 30_000);

  it('streams the frames of a WebSocket captured on A to a subscriber on B', async () => {
    const { a, b } = await cluster();
    const live = await listenAll(b.port, [a.app]);
    const ws = new WebSocket(`ws://127.0.0.1:${a.port}/ws/echo`);
    sockets.push(ws);
    // 'open' follows 'upgrade' in the same tick: listen for both before awaiting (bounded).
    const signal = AbortSignal.timeout(5000);
    const upgraded = once(ws, 'upgrade', { signal });
    const opened = once(ws, 'open', { signal });
    const [response] = (await upgraded) as [IncomingMessage];
    const id = String(response.headers['x-switchyard-capture']);
    await opened;
    const echoed = once(ws, 'message', { signal: AbortSignal.timeout(5000) });
    ws.send('hello across instances');
    await echoed;
    // The text message, as A dissected it (inflated when permessage-deflate was negotiated).
    const text = (m: Record<string, unknown>) => {
      const f = m.frame as { payload: string; inflated?: string };
      return Buffer.from(f.inflated ?? f.payload, 'base64').toString('utf8');
    };
    await live.waitFor(
      (m) => m.type === 'frame' && m.id === id && text(m) === 'hello across instances',
    );
    ws.close(1000);
    await live.waitFor((m) => m.type === 'end' && m.id === id);
    expect(live.messages.some((m) => m.type === 'upgrade' && m.id === id)).toBe(true);
  }, 30_000);

  it('imports on B what A exported; A serves it', async () => {
    const { a, b } = await cluster();
    const res = await fetch(`http://127.0.0.1:${a.port}/api/status/418`);
    await res.arrayBuffer();
    const id = res.headers.get('x-switchyard-capture')!;
    const har = await eventually(async () => {
      const r = await fetch(`http://127.0.0.1:${a.port}/api/exchanges/${id}/har`);
      return r.status === 200 ? await r.text() : undefined;
    }, 'the HAR on A');
    const imp = await fetch(`http://127.0.0.1:${b.port}/api/exchanges/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: har,
    });
    expect(imp.status).toBe(201);
    const { ids } = (await imp.json()) as { ids: string[] };
    const back = await eventually(async () => {
      const r = await fetch(`http://127.0.0.1:${a.port}/api/exchanges/${ids[0]}`);
      return r.status === 200
        ? ((await r.json()) as { source: string; response: { status: number } })
        : undefined;
    }, 'the import on A');
    expect(back).toMatchObject({ source: 'import', response: { status: 418 } });
  }, 30_000);

  it('keeps capturing and serving while Redis is down, and streams again once it is back', async () => {
    const { a, b } = await cluster();
    const live = await listenAll(b.port, [a.app]);
    await redis.kill();
    try {
      const res = await fetch(`http://127.0.0.1:${a.port}/api/status/503`);
      await res.arrayBuffer();
      expect(res.status).toBe(503);
      const id = res.headers.get('x-switchyard-capture')!;
      const fromB = await eventually(async () => {
        const r = await fetch(`http://127.0.0.1:${b.port}/api/exchanges/${id}`);
        return r.status === 200 ? true : undefined;
      }, 'the exchange on B without Redis');
      expect(fromB).toBe(true);
    } finally {
      await redis.restart();
    }
    // After reconnecting, B's listener is announced again and A's next capture reaches it.
    const id = await eventually(
      async () => {
        const res = await fetch(`http://127.0.0.1:${a.port}/api/status/202`);
        await res.arrayBuffer();
        const captured = res.headers.get('x-switchyard-capture')!;
        await new Promise((r) => setTimeout(r, 100));
        return live.messages.some((m) => m.type === 'end' && m.id === captured)
          ? captured
          : undefined;
      },
      'a live event after Redis came back',
      15_000,
    );
    expect(id).toBeTruthy();
  }, 40_000);
});
