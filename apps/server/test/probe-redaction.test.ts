/**
 * A probe's credentials never reach storage, the API or the live bus: the `token` query value
 * of the URL it was given (which the probe also keeps in `endpoint` and `probe.url`) and the
 * Authorization header it sent (also in its raw bytes) are `[redacted]` everywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { LiveEvent } from '../src/plugins/bus.js';
import { startApp } from './support/ws-helpers.js';

const SECRET = 'secret';

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  ({ app, base } = await startApp());
});
afterAll(async () => {
  await app.close();
});

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('probe redaction', { timeout: 45_000 }, () => {
  it('stores, lists and publishes a probe with no trace of its token or Authorization', async () => {
    const events: LiveEvent[] = [];
    const unsubscribe = app.bus.subscribe((event) => {
      events.push(event);
    });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/probe',
        payload: {
          url: `ws://${base}/ws/echo?token=${SECRET}`,
          // The probe sends exactly these lines: a whole opening handshake (RFC 6455 §4.1).
          headers: [
            ['Host', base],
            ['Upgrade', 'websocket'],
            ['Connection', 'Upgrade'],
            ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
            ['Sec-WebSocket-Version', '13'],
            ['Authorization', `Bearer ${SECRET}`],
          ],
        },
      });
      expect(res.statusCode).toBe(201);
      const { id, outcome } = res.json() as { id: string; outcome: string };
      expect(outcome, res.body.slice(0, 1500)).toBe('upgraded');
      // The probe's own reply (its exchange so far) is redacted too.
      expect(res.body).not.toContain(SECRET);

      const closed = await app.inject({
        method: 'POST',
        url: `/api/probe/${id}/send`,
        payload: { type: 'close', code: 1000 },
      });
      expect(closed.statusCode).toBe(200);
      await until(async () => (await app.exchangeStore.get(id))?.websocket?.close !== undefined);

      const stored = (await app.exchangeStore.get(id)) as unknown as {
        endpoint: string;
        request: { target: string };
        probe: { url: string; sentBase64: string };
      };
      // Present but redacted: the fields the bug report named.
      expect(stored.endpoint).toContain('token=');
      expect(stored.probe.url).toContain('token=');
      expect(JSON.stringify(stored)).not.toContain(SECRET);
      const sent = Buffer.from(stored.probe.sentBase64, 'base64').toString('latin1');
      expect(sent).toMatch(/^GET \/ws\/echo\?token=/);
      expect(sent).not.toContain(SECRET);

      const list = await app.inject({ url: '/api/exchanges?limit=100' });
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(id);
      expect(list.body).not.toContain(SECRET);

      for (const url of [`/api/exchanges/${id}`, `/api/exchanges/${id}/har`, `/api/probe/${id}`]) {
        const one = await app.inject({ url });
        expect(one.statusCode, url).toBe(200);
        expect(one.body, url).not.toContain(SECRET);
      }

      await until(async () => events.some((e) => e.type === 'end' && e.id === id));
      const mine = events.filter((e) => 'id' in e && e.id === id);
      expect(mine.map((e) => e.type)).toEqual(expect.arrayContaining(['begin', 'end']));
      expect(JSON.stringify(mine)).not.toContain(SECRET);
    } finally {
      unsubscribe();
    }
  });
});
