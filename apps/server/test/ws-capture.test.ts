/**
 * What the capture of a `ws`-engine connection holds: the 101 as written (with its share
 * link) and every frame in both directions, decoded from the bytes on the socket.
 */
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import type { Exchange } from '@switchyard/exchange';
import {
  handshake,
  nextMessage,
  once,
  parseRaw,
  rawExchange,
  startApp,
  WAIT_MS,
} from './support/ws-helpers.js';

// Real sockets and child processes on a shared 2-core machine: bounds above the inner waits.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let app: FastifyInstance;
let base: string;
let port: number;

beforeAll(async () => {
  ({ app, base, port } = await startApp());
});
afterAll(async () => {
  await app.close();
});

/** Polls the capture until it has a close record (bounded). */
async function closedExchange(id: string): Promise<Exchange> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const exchange = await app.captures.get(id);
    if (exchange?.websocket?.close) return exchange;
    if (Date.now() > deadline) throw new Error(`exchange ${id} not closed in time`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('capture of /ws/echo', () => {
  it('records the 101 and every frame both ways, and a clean close', async () => {
    const ws = new WebSocket(`ws://${base}/ws/echo`, ['echo.v1'], { perMessageDeflate: false });
    const upgraded = once<[IncomingMessage]>(ws, 'upgrade');
    await once(ws, 'open');
    const [response] = await upgraded;
    const id = String(response.headers['x-switchyard-capture']);
    ws.send('one');
    await nextMessage(ws);
    ws.ping(Buffer.from('p'));
    await once(ws, 'pong');
    ws.close(1000, 'done');
    await once(ws, 'close');

    const exchange = await closedExchange(id);
    expect(exchange.kind).toBe('websocket');
    expect(exchange.endpoint).toBe('/ws/echo');
    expect(exchange.response?.status).toBe(101);
    expect(exchange.response?.headers).toContainEqual(['X-Switchyard-Capture', id]);
    expect(exchange.websocket?.subprotocol).toBe('echo.v1');
    const frames = exchange.websocket!.frames.map((f) => [f.direction, f.opcode, f.masked]);
    expect(frames).toEqual([
      ['client-to-server', 1, true],
      ['server-to-client', 1, false],
      ['client-to-server', 9, true],
      ['server-to-client', 10, false],
      ['client-to-server', 8, true],
      ['server-to-client', 8, false],
    ]);
    const first = exchange.websocket!.frames[0]!;
    expect(Buffer.from(first.payload, 'base64').toString()).toBe('one');
    expect(exchange.websocket?.close).toMatchObject({
      initiator: 'client',
      code: 1000,
      reason: 'done',
      clean: true,
    });
  });
});

describe('capture of permessage-deflate', () => {
  it('keeps the compressed payload and the inflated message', async () => {
    const ws = new WebSocket(`ws://${base}/ws/echo`, { perMessageDeflate: true });
    const upgraded = once<[IncomingMessage]>(ws, 'upgrade');
    await once(ws, 'open');
    const [response] = await upgraded;
    const id = String(response.headers['x-switchyard-capture']);
    const text = 'squeeze '.repeat(50);
    ws.send(text);
    await nextMessage(ws);
    ws.send(text); // second message: compressed with the first one's context (RFC 7692 §7.1.1)
    await nextMessage(ws);
    ws.close(1000);
    await once(ws, 'close');

    const exchange = await closedExchange(id);
    expect(exchange.websocket?.extensions).toMatch(/^permessage-deflate/);
    const data = exchange.websocket!.frames.filter((f) => f.opcode === 1);
    expect(data).toHaveLength(4);
    for (const frame of data) {
      expect(frame.rsv1).toBe(true);
      expect(frame.payloadLength).toBeLessThan(text.length);
      expect(Buffer.from(frame.inflated!, 'base64').toString()).toBe(text);
    }
  });
});

describe('capture of refusals', () => {
  it('a 401 from /ws/auth names its capture and is stored with its status', async () => {
    const res = parseRaw(await rawExchange(port, handshake('/ws/auth')));
    expect(res.status).toBe(401);
    const id = res.headers['x-switchyard-capture']!;
    expect(res.headers.link).toBe(`</x/${id}>; rel="capture"`);
    const deadline = Date.now() + WAIT_MS;
    let exchange = await app.captures.get(id);
    while (!exchange?.response && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      exchange = await app.captures.get(id);
    }
    expect(exchange?.endpoint).toBe('/ws/auth');
    expect(exchange?.response?.status).toBe(401);
  });

  it('/api/status/101 switched to WebSocket is captured with its frames', async () => {
    const ws = new WebSocket(`ws://${base}/api/status/101`, { perMessageDeflate: false });
    const upgraded = once<[IncomingMessage]>(ws, 'upgrade');
    await once(ws, 'open');
    const [response] = await upgraded;
    const id = String(response.headers['x-switchyard-capture']);
    ws.send('via simulator');
    await nextMessage(ws);
    ws.close(1000);
    await once(ws, 'close');
    const exchange = await closedExchange(id);
    expect(exchange.response?.status).toBe(101);
    expect(exchange.websocket?.frames.map((f) => f.opcode)).toEqual([1, 1, 8, 8]);
  });
});
