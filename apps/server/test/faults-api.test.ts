/**
 * `GET /api/faults` (the faults documented as data), the 404 for an unknown fault, and what
 * the capture of a fault holds: the exact 101 and the invalid frame as the dissector saw it.
 */
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import { handshake, once, parseRaw, rawExchange, startApp, WAIT_MS } from './support/ws-helpers.js';

let app: FastifyInstance;
let base: string;
let port: number;

beforeAll(async () => {
  ({ app, base, port } = await startApp());
});
afterAll(async () => {
  await app.close();
});

const REQUIRED = [
  'bad-accept',
  'no-upgrade-header',
  'no-connection-header',
  'status-200',
  'unoffered-subprotocol',
  'unoffered-extension',
  'masked-server-frame',
  'invalid-utf8',
  'reserved-opcode',
  'rsv-bits',
  'oversized-control-frame',
  'fragmented-control-frame',
  'close-1005-on-wire',
  'no-close-reply',
  'no-pong',
  'slow-handshake',
];

describe('GET /api/faults', () => {
  it('lists every fault with what happens, what a client must do and the RFC section', async () => {
    const res = await app.inject({ url: '/api/faults' });
    expect(res.statusCode).toBe(200);
    const { faults } = res.json() as { faults: Record<string, unknown>[] };
    expect(faults.map((f) => f.id).sort()).toEqual([...REQUIRED].sort());
    for (const fault of faults) {
      expect(fault.behaviour).toEqual(expect.any(String));
      expect(fault.clientMust).toEqual(expect.any(String));
      expect(fault.cite).toMatchObject({
        rfc: expect.stringMatching(/^RFC \d+$/),
        section: expect.stringMatching(/^\d/),
      });
      expect(fault.url).toBe(`/ws/faulty/${fault.id}`);
    }
  });
});

describe('unknown fault', () => {
  it('is 404 problem+json for a WebSocket handshake, with no 101', async () => {
    const r = parseRaw(await rawExchange(port, handshake('/ws/faulty/no-such-fault')));
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(r.body)).toMatchObject({
      status: 404,
      type: expect.stringMatching(/unknown-fault$/),
    });
  });

  it('is 404 for a plain GET too', async () => {
    const res = await app.inject({ url: '/ws/faulty/no-such-fault' });
    expect(res.statusCode).toBe(404);
  });
});

describe('capture of a fault', () => {
  it('holds the exact 101 with its share link and the masked frame with its finding', async () => {
    const ws = new WebSocket(`ws://${base}/ws/faulty/masked-server-frame`);
    ws.on('error', () => undefined);
    const [response] = await once<[IncomingMessage]>(ws, 'upgrade');
    const id = String(response.headers['x-switchyard-capture']);
    expect(response.headers.link).toBe(`</x/${id}>; rel="capture"`);
    await once(ws, 'close');
    const deadline = Date.now() + WAIT_MS;
    let exchange = await app.captures.get(id);
    while (!exchange?.websocket?.close && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      exchange = await app.captures.get(id);
    }
    expect(exchange?.endpoint).toBe('/ws/faulty/:fault');
    expect(exchange?.response?.status).toBe(101);
    expect(Buffer.from(exchange!.response!.raw!, 'base64').toString('latin1')).toMatch(
      /^HTTP\/1\.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: /,
    );
    const serverFrame = exchange!.websocket!.frames.find(
      (f) => f.direction === 'server-to-client',
    )!;
    expect(serverFrame.masked).toBe(true);
    expect(serverFrame.findings.map((f) => f.code)).toContain('server-frame-masked');
  });
});
