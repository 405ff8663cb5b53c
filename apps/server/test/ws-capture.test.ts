/**
 * What the capture of a `ws`-engine connection holds: the 101 as written (with its share
 * link) and every frame in both directions, decoded from the bytes on the socket.
 */
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('capture past the byte cap (payload bytes the capture keeps no more)', () => {
  it('counts and marks the frames, keeps no bytes past the cap, and still checks UTF-8', async () => {
    const capped = await startApp({ CAPTURE_MAX_BYTES: '1500' });
    try {
      const ws = new WebSocket(`ws://${capped.base}/ws/echo`, { perMessageDeflate: false });
      const upgraded = once<[IncomingMessage]>(ws, 'upgrade');
      await once(ws, 'open');
      const id = String((await upgraded)[0].headers['x-switchyard-capture']);
      const block = Buffer.alloc(1000, 0x41);
      ws.send(block, { binary: true });
      await nextMessage(ws);
      ws.send(block, { binary: true });
      await nextMessage(ws);
      // Text that is not UTF-8 (0xC3 0x28), far past the cap: the echo fails the connection
      // with 1007 (RFC 6455 §8.1), and the capture still finds it in the masked bytes.
      const bad = Buffer.concat([Buffer.alloc(600, 0x61), Buffer.from([0xc3, 0x28])]);
      ws.send(bad, { binary: false });
      await once(ws, 'close');

      const exchange = await (async () => {
        const deadline = Date.now() + WAIT_MS;
        for (;;) {
          const found = await capped.app.captures.get(id);
          if (found?.websocket?.close) return found;
          if (Date.now() > deadline) throw new Error('not closed in time');
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const ws2 = exchange.websocket!;
      const kept = ws2.frames.map((f) => Buffer.from(f.payload, 'base64').length);
      expect(kept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1500);
      // 1000 + 500 kept of the first two frames (in and out), then nothing.
      expect(kept.slice(0, 3)).toEqual([1000, 500, 0]);
      const textFrame = ws2.frames.find((f) => f.opcode === 1)!;
      expect(textFrame.payloadLength).toBe(602);
      expect(textFrame.findings.map((f) => f.code)).toContain('invalid-utf8');
      expect(ws2.truncation.framesCut).toBeGreaterThanOrEqual(4);
      // Every payload byte past the cap is counted as dropped: 4 × 1000 + 602 - 1500 at least.
      expect(ws2.truncation.bytesDropped).toBeGreaterThanOrEqual(4 * 1000 + 602 - 1500);
    } finally {
      await capped.app.close();
    }
  });
});
