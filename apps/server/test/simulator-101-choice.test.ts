/**
 * `/api/status/101` picks among the offered protocols (RFC 9110 §7.8). An h2c offer that does
 * not qualify (here: no HTTP2-Settings, RFC 7540 §3.2.1) can only be refused, so it does not
 * stop a valid WebSocket handshake offered beside it: `Upgrade: h2c, websocket` switches to the
 * WebSocket (RFC 6455 §4.2.2). Offered alone, h2c still gets its 426. Peer: a raw TCP client.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRaw, responseHead, startApp } from './support/ws-helpers.js';

let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  ({ app, port } = await startApp());
});
afterAll(async () => {
  await app.close();
});

function request(upgrade: string, connection: string, websocket: boolean): string {
  return [
    'GET /api/status/101 HTTP/1.1',
    'Host: 127.0.0.1',
    `Upgrade: ${upgrade}`,
    `Connection: ${connection}`,
    ...(websocket
      ? ['Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13']
      : []),
    '',
    '',
  ].join('\r\n');
}

describe('/api/status/101 with more than one protocol offered', () => {
  it('switches to the WebSocket when the h2c offer beside it does not qualify', async () => {
    const head = parseRaw(await responseHead(port, request('h2c, websocket', 'Upgrade', true)));
    expect(head.status).toBe(101);
    expect(head.headers.upgrade).toMatch(/^websocket$/i);
    // RFC 6455 §1.3's worked example: this key's accept value.
    expect(head.headers['sec-websocket-accept']).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(head.headers['x-switchyard-capture']).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('still refuses an h2c offer that does not qualify when it is the only one (426)', async () => {
    const head = parseRaw(await responseHead(port, request('h2c', 'Upgrade', false)));
    expect(head.status).toBe(426);
    expect(head.headers.upgrade).toMatch(/websocket/);
    expect(head.headers.upgrade).toMatch(/h2c/);
  });
});
