/**
 * Review of the fault endpoints (issue 4): a fault connection ignored the client leaving. The
 * upgraded socket is half-open capable, so after a client's FIN the server held the
 * connection until `hold` expired, and the capture dated the close and the end of the exchange
 * that late. Each case here uses a hold (or delay) of 20 s and requires the stored capture to
 * be complete within a bounded 10 s poll, with its end and close recorded before the hold
 * would have expired; each fails without the fix. `no-close-reply` must still not answer the
 * client's Close frame (RFC 6455 §7.1.1: the client then closes TCP itself).
 * Peers: python-websockets 10.4 (Debian's /usr/bin/python3), `ws`, a raw TCP client.
 */
import { execFile } from 'node:child_process';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Exchange } from '@switchyard/exchange';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { listenApp } from './support/http.js';

/** Hold and slow delay, ms: far longer than the poll below may wait. */
const HOLD_MS = 20_000;
/** Bound of the wait for a complete capture, ms (well under HOLD_MS). */
const POLL_MS = 10_000;

let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  ({ app, port } = await listenApp({ FAULT_SLOW_MS: String(HOLD_MS) }));
});
afterAll(async () => {
  await app.close();
});

/** GET /api/exchanges/{id} until the capture has ended (timings.end), bounded by POLL_MS. */
async function ended(id: string): Promise<Exchange> {
  const until = Date.now() + POLL_MS;
  let last: unknown;
  for (;;) {
    const res = await app.inject({ method: 'GET', url: `/api/exchanges/${id}` });
    if (res.statusCode === 200) {
      const exchange = res.json<Exchange>();
      if (exchange.timings.end !== undefined) return exchange;
      last = exchange.timings;
    } else last = res.statusCode;
    if (Date.now() > until) {
      throw new Error(`capture ${id} not complete within ${POLL_MS} ms: ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** µs from the start of the exchange at which the hold would expire (it counts from the 101). */
function holdExpiry(exchange: Exchange): number {
  return (exchange.timings.upgrade ?? 0) + HOLD_MS * 1000;
}

const PYTHON = `
import asyncio, json, sys
import websockets

async def main():
    ws = await websockets.connect(sys.argv[1], close_timeout=0.5, open_timeout=10)
    capture = ws.response_headers.get('X-Switchyard-Capture')
    # RFC 6455 §7.1.2: start the closing handshake; the server never answers, so after
    # close_timeout the client closes the TCP connection itself (§7.1.1).
    await asyncio.wait_for(ws.close(1000, 'bye'), 15)
    print(json.dumps({'capture': capture, 'code': ws.close_code}))

asyncio.run(main())
`;

function python(url: string): Promise<{ capture: string; code: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      '/usr/bin/python3',
      ['-c', PYTHON, url],
      { timeout: 30_000, killSignal: 'SIGKILL' },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`python client failed: ${error.message} ${stderr}`))
          : resolve(JSON.parse(stdout) as { capture: string; code: number }),
    );
  });
}

describe('a fault connection ends when the client leaves, not when the hold expires', () => {
  it('no-close-reply: the Close goes unanswered, the client closes TCP, the capture ends then', async () => {
    const result = await python(`ws://127.0.0.1:${port}/ws/faulty/no-close-reply?hold=${HOLD_MS}`);
    // The fault is intact: no Close frame came back, so the client saw an abnormal close.
    expect(result.code).toBe(1006);
    const exchange = await ended(result.capture);
    const ws = exchange.websocket!;
    expect(ws.frames.filter((f) => f.direction === 'server-to-client')).toEqual([]);
    const clientClose = ws.frames.find((f) => f.direction === 'client-to-server' && f.opcode === 8);
    expect(clientClose?.close).toEqual({ code: 1000, reason: 'bye' });
    // RFC 6455 §7.1.4/§7.1.5: the client started the close; not clean (no Close came back).
    expect(ws.close).toMatchObject({ initiator: 'client', code: 1000, clean: false });
    expect(ws.close?.client).toEqual({ code: 1000, reason: 'bye' });
    expect(ws.close?.server).toBeUndefined();
    // In order: the client's Close, then the close and the end, all before the hold's expiry.
    const end = exchange.timings.end!;
    expect(clientClose!.time).toBeLessThanOrEqual(ws.close!.time);
    expect(ws.close!.time).toBeLessThanOrEqual(end);
    expect(end).toBeLessThan(holdExpiry(exchange));
    expect(exchange.notes.map((n) => n.text).join('\n')).toMatch(/client closed its side/);
  }, 40_000);

  it('bad-accept: ws fails the handshake and drops TCP; the capture ends then, 1006', async () => {
    const client = new WebSocket(`ws://127.0.0.1:${port}/ws/faulty/bad-accept?hold=${HOLD_MS}`);
    client.on('error', () => undefined); // the expected 'Invalid Sec-WebSocket-Accept header'
    const id = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no 101 seen')), POLL_MS);
      client.on('upgrade', (res) => {
        clearTimeout(timer);
        resolve(String(res.headers['x-switchyard-capture']));
      });
    });
    const exchange = await ended(id);
    expect(exchange.response?.status).toBe(101);
    // RFC 6455 §7.1.5: no Close frame at all: 1006, and nobody sent a Close first.
    expect(exchange.websocket?.close).toMatchObject({
      initiator: 'transport',
      code: 1006,
      clean: false,
    });
    expect(exchange.timings.end!).toBeLessThan(holdExpiry(exchange));
  }, 40_000);

  it('slow-handshake: a client that gives up during the delay ends the capture then, no 101 sent', async () => {
    const marker = `gave-up-${process.pid}-${Date.now()}`;
    // The capture's id, from its `begin` on the app's live bus (the request has been read).
    let unsubscribe = () => {};
    const begun = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no begin event')), POLL_MS);
      const off = app.bus.subscribe((event) => {
        if (event.type === 'begin' && event.summary.target.includes(marker)) {
          clearTimeout(timer);
          resolve(event.id);
        }
      });
      unsubscribe = () => void off();
    });
    const socket = net.connect(port, '127.0.0.1');
    const closed = new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('the server did not close after the client ended'));
      }, POLL_MS * 2);
      socket.setEncoding('latin1');
      socket.on('data', (d: string) => (text += d));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(text);
      });
    });
    // Handled here (it is awaited below): a failure above must not leave it unhandled.
    closed.catch(() => undefined);
    socket.write(
      [
        `GET /ws/faulty/slow-handshake?delay=${HOLD_MS}&m=${marker} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
        '',
        '',
      ].join('\r\n'),
    );
    let id: string;
    try {
      id = await begun;
    } finally {
      unsubscribe();
    }
    // The client's handshake timeout (RFC 6455 §4.1 leaves it to the client): it gives up
    // and closes its side of the TCP connection while the server is still waiting.
    socket.end();
    try {
      const exchange = await ended(id);
      expect(exchange.response).toBeUndefined();
      expect(exchange.timings.end!).toBeLessThan(HOLD_MS * 1000);
      // The server wrote nothing: the 101 was still to come when the client left.
      expect(await closed).toBe('');
    } finally {
      socket.destroy();
    }
  }, 40_000);
});
