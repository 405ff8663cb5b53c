import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { listenApp } from './support/http.js';

const apps: FastifyInstance[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  for (const app of apps.splice(0)) await app.close();
});

/** A live-channel client collecting JSON messages, with bounded waits. */
async function liveClient(port: number) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/live`);
  sockets.push(ws);
  const messages: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as Record<string, unknown>);
    for (const w of [...waiters]) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waitFor = (pred: (m: Record<string, unknown>) => boolean, timeoutMs = 15_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        const hit = messages.find(pred);
        if (!hit) return;
        clearTimeout(timer);
        waiters.splice(waiters.indexOf(check), 1);
        resolve(hit);
      };
      const timer = setTimeout(
        () => reject(new Error(`timed out; got ${JSON.stringify(messages)}`)),
        timeoutMs,
      );
      waiters.push(check);
      check();
    });
  return { ws, messages, waitFor, send: (m: unknown) => ws.send(JSON.stringify(m)) };
}

describe('/api/live', () => {
  it('streams every event of new exchanges to an "all" subscriber', async () => {
    const { app, port } = await listenApp();
    apps.push(app);
    const client = await liveClient(port);
    client.send({ subscribe: 'all' });
    await client.waitFor((m) => m.type === 'subscribed' && m.id === 'all');
    const res = await fetch(`http://127.0.0.1:${port}/api/status/404?token=live-secret`, {
      headers: { Authorization: 'Bearer live-secret-2' },
    });
    const id = res.headers.get('x-switchyard-capture')!;
    await res.arrayBuffer();
    const begin = await client.waitFor((m) => m.type === 'begin' && m.id === id);
    expect(begin.summary).toMatchObject({
      id,
      method: 'GET',
      target: '/api/status/404?token=[redacted]',
    });
    const end = await client.waitFor((m) => m.type === 'end' && m.id === id);
    expect(end.summary).toMatchObject({ id, status: 404 });
    const types = client.messages.filter((m) => m.id === id).map((m) => m.type);
    expect(types.indexOf('begin')).toBeLessThan(types.indexOf('response'));
    expect(types.indexOf('response')).toBeLessThan(types.indexOf('end'));
    // Live events are redacted like the stored exchange.
    expect(JSON.stringify(client.messages)).not.toContain('live-secret');
  });

  it('follows one exchange: snapshot first, then its frames and close, nothing else', async () => {
    const { app, port } = await listenApp();
    apps.push(app);
    const begin = () =>
      app.captures.begin({
        kind: 'websocket',
        endpoint: '/ws/echo',
        method: 'GET',
        target: '/ws/echo',
        httpVersion: '1.1',
        headers: [['Host', 'x']],
      })!;
    const mine = begin();
    const other = begin();
    const client = await liveClient(port);
    client.send({ subscribe: mine.id });
    await client.waitFor((m) => m.type === 'snapshot' && m.id === mine.id);
    const payload = new TextEncoder().encode('hi');
    for (const cap of [other, mine]) {
      cap.frame({
        seq: 0,
        direction: 'client-to-server',
        fin: true,
        rsv1: false,
        rsv2: false,
        rsv3: false,
        opcode: 1,
        masked: true,
        maskKey: new Uint8Array([1, 2, 3, 4]),
        payloadLength: 2,
        lengthEncoding: 7,
        headerOffset: 0,
        headerLength: 6,
        payloadOffset: 6,
        payload,
        time: 0,
        findings: [],
      });
      cap.close({ initiator: 'client', code: 1000, reason: '', clean: true });
      cap.finish();
    }
    const frame = await client.waitFor((m) => m.type === 'frame');
    expect(frame).toMatchObject({ id: mine.id, frame: { opcode: 1, payload: 'aGk=' } });
    await client.waitFor((m) => m.type === 'end' && m.id === mine.id);
    expect(client.messages.some((m) => m.id === other.id)).toBe(false);
    expect(client.messages.find((m) => m.type === 'close')).toMatchObject({
      close: { code: 1000, clean: true },
    });
  });

  it('answers bad messages with an error and keeps the connection', async () => {
    const { app, port } = await listenApp();
    apps.push(app);
    const client = await liveClient(port);
    client.ws.send('not json');
    client.send({ subscribe: '../etc' });
    await client.waitFor((m) => m.type === 'error');
    client.send({ subscribe: 'all' });
    await client.waitFor((m) => m.type === 'subscribed');
    expect(client.messages.filter((m) => m.type === 'error')).toHaveLength(2);
  });

  it('answers a plain GET with 426 problem+json, like the other WebSocket endpoints', async () => {
    const { app, port } = await listenApp();
    apps.push(app);
    const res = await fetch(`http://127.0.0.1:${port}/api/live`);
    expect(res.status).toBe(426);
    expect(res.headers.get('upgrade')).toBe('websocket');
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await res.json()) as { section: string }).section).toBe('4.2.1');
  });
});
