/**
 * Review of the probe's live events (issue 7): when a probe's capture reached its caps, frames
 * past them had no live event at all, so `/api/live` showed a capture that had silently
 * stopped growing until `end`. The probe now publishes `truncated` with the running totals,
 * the same event the capture plugin publishes for the server's own exchanges. A probe of the
 * app's own /ws/echo with a 3-frame cap, followed on /api/live by a `ws` client.
 */
import type { FastifyInstance } from 'fastify';
import type { Exchange } from '@switchyard/exchange';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { listenApp } from './support/http.js';

const MAX_FRAMES = 3;
const WAIT_MS = 15_000;

let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  ({ app, port } = await listenApp({ CAPTURE_MAX_FRAMES: String(MAX_FRAMES) }));
});
afterAll(async () => {
  await app.close();
});

type LiveMessage = { type: string; id?: string; [key: string]: unknown };

/** An `/api/live` subscriber to every exchange; `until` waits (bounded) for a condition. */
async function follow() {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/live`);
  const messages: LiveMessage[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as LiveMessage));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('/api/live did not open')), WAIT_MS);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.once('error', reject);
  });
  const until = async (what: string, check: () => boolean) => {
    const end = Date.now() + WAIT_MS;
    while (!check()) {
      if (Date.now() > end) {
        throw new Error(`${what}: timed out; got ${JSON.stringify(messages).slice(0, 3000)}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  ws.send(JSON.stringify({ subscribe: 'all' }));
  await until('subscribed', () => messages.some((m) => m.type === 'subscribed'));
  return { ws, messages, until };
}

describe('a probe whose capture reaches its caps', () => {
  it('publishes truncated on /api/live while it runs, before close and end', async () => {
    const live = await follow();
    try {
      // Four messages out and their four echoes: eight data frames against a cap of three.
      const res = await app.inject({
        method: 'POST',
        url: '/api/probe',
        payload: {
          url: `ws://127.0.0.1:${port}/ws/echo`,
          send: ['one', 'two', 'three', 'four'].map((text) => ({ type: 'text', text })),
        },
      });
      expect(res.statusCode).toBe(201);
      const id = res.json<{ id: string }>().id;
      const mine = () => live.messages.filter((m) => m.id === id);
      const count = (type: string) => mine().filter((m) => m.type === type).length;

      // While the probe is still open (it is closed below): past the cap, a truncated event.
      await live.until('truncated while open', () => count('truncated') > 0);
      expect(count('close') + count('end')).toBe(0);
      expect(count('frame')).toBe(MAX_FRAMES);
      const first = mine().find((m) => m.type === 'truncated')!;
      expect(first).toMatchObject({ type: 'truncated', id });
      expect(first.framesDropped).toBeGreaterThan(0);
      expect(Object.keys(first).sort()).toEqual(['bytesDropped', 'framesDropped', 'id', 'type']);

      const sent = await app.inject({
        method: 'POST',
        url: `/api/probe/${id}/send`,
        payload: { type: 'close', code: 1000 },
      });
      expect(sent.statusCode).toBe(200);
      await live.until('end', () => count('end') > 0);

      // In order: the last truncated event precedes close and end, and its running totals are
      // the stored record's (every dropped frame, the Close frames too, was announced).
      const events = mine().map((m) => m.type);
      const lastTruncated = events.lastIndexOf('truncated');
      expect(lastTruncated).toBeLessThan(events.indexOf('close'));
      expect(events.indexOf('close')).toBeLessThan(events.indexOf('end'));
      const stored = (await app.inject({ url: `/api/exchanges/${id}` })).json<Exchange>();
      const t = stored.websocket!.truncation;
      expect(t.framesDropped).toBeGreaterThan(0);
      expect(mine()[lastTruncated]).toMatchObject({
        framesDropped: t.framesDropped,
        bytesDropped: t.bytesDropped,
      });
      expect(stored.websocket!.frames).toHaveLength(MAX_FRAMES);
    } finally {
      live.ws.terminate();
    }
  }, 45_000);
});
