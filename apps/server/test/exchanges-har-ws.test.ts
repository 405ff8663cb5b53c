/**
 * End to end: a real WebSocket conversation with `/ws/echo` (the `ws` client as peer) is
 * captured, then exported as HAR 1.2 that passes a HAR schema validator (har-validator), with
 * Chrome-style `_webSocketMessages` and every frame in `_switchyardFrames`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import harValidator from 'har-validator';
import { validateExchange, type Exchange, type Har } from '@switchyard/exchange';
import { listenApp, stored } from './support/http.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function harErrors(har: unknown): Promise<unknown[]> {
  try {
    await harValidator.har(har);
    return [];
  } catch (err) {
    return (err as { errors?: unknown[] }).errors ?? [err];
  }
}

describe('HAR of a captured WebSocket conversation', () => {
  it('validates as HAR 1.2 and lists messages as Chrome does', async () => {
    const { app, port } = await listenApp();
    apps.push(app);
    let id = '';
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/echo`, { perMessageDeflate: false });
    ws.on('upgrade', (res) => (id = String(res.headers['x-switchyard-capture'] ?? '')));
    const replies: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('echo timed out')), 15_000);
      ws.on('error', reject);
      ws.on('open', () => {
        ws.send('hello');
        ws.send(Buffer.from([0, 1, 2, 255]));
      });
      ws.on('message', (data, isBinary) => {
        replies.push(isBinary ? (data as Buffer).toString('base64') : String(data));
        if (replies.length === 2) ws.close(1000, 'done');
      });
      ws.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    expect(replies).toEqual(['hello', 'AAEC/w==']);
    expect(id).not.toBe('');

    const ex: Exchange = await stored(app, id);
    expect(validateExchange(ex).ok).toBe(true);
    // RFC 6455 §5.1: client frames are masked, server frames are not; both are recorded.
    const frames = ex.websocket!.frames;
    expect(
      frames.filter((f) => f.direction === 'client-to-server').every((f) => f.masked && f.maskKey),
    ).toBe(true);
    expect(frames.filter((f) => f.direction === 'server-to-client').every((f) => !f.masked)).toBe(
      true,
    );
    const res = await fetch(`http://127.0.0.1:${port}/api/exchanges/${id}/har`);
    expect(res.status).toBe(200);
    const har = (await res.json()) as Har;
    expect(await harErrors(har)).toEqual([]);
    const entry = har.log.entries[0]!;
    expect(entry.response.status).toBe(101);
    // In order per direction (how sends and echoes interleave depends on the network).
    const msgs = entry._webSocketMessages!;
    for (const type of ['send', 'receive'] as const) {
      expect(msgs.filter((m) => m.type === type).map((m) => [m.opcode, m.data])).toEqual([
        [1, 'hello'],
        [2, 'AAEC/w=='],
      ]);
    }
    for (const m of msgs) expect(m.time).toBeGreaterThan(1.7e9); // seconds since the epoch
    const opcodes = entry._switchyardFrames!.map((f) => f.opcode);
    expect(opcodes.filter((o) => o === 8)).toHaveLength(2); // both Close frames
    expect(entry._switchyardClose).toMatchObject({ code: 1000, reason: 'done', clean: true });
  });
});
