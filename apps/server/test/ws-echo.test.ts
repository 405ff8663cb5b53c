/**
 * `/ws/echo` against the `ws` client over real sockets: echo of text and binary, ping/pong,
 * the close handshake, subprotocol choice, permessage-deflate, the 1009 past the maximum
 * message size, and the capture link on the 101.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import { nextMessage, once, openWs, startApp, wsOutcome } from './support/ws-helpers.js';

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  ({ app, base } = await startApp({ WS_MAX_MESSAGE_BYTES: '1024' }));
});
afterAll(async () => {
  await app.close();
});

describe('/ws/echo', () => {
  it('echoes text and binary messages', async () => {
    const ws = await openWs(`ws://${base}/ws/echo`);
    try {
      ws.send('hello, switchyard');
      const text = await nextMessage(ws);
      expect(text.isBinary).toBe(false);
      expect(text.data.toString()).toBe('hello, switchyard');
      ws.send(Buffer.from([0, 1, 2, 255]));
      const binary = await nextMessage(ws);
      expect(binary.isBinary).toBe(true);
      expect([...binary.data]).toEqual([0, 1, 2, 255]);
    } finally {
      ws.terminate();
    }
  });

  it('answers a ping with a pong carrying the same data (RFC 6455 §5.5.3)', async () => {
    const ws = await openWs(`ws://${base}/ws/echo`);
    try {
      ws.ping(Buffer.from('are you there'));
      const [data] = await once<[Buffer]>(ws, 'pong');
      expect(data.toString()).toBe('are you there');
    } finally {
      ws.terminate();
    }
  });

  it('completes the close handshake, echoing the code (RFC 6455 §5.5.1)', async () => {
    const ws = await openWs(`ws://${base}/ws/echo`);
    ws.close(4000, 'bye');
    const [code, reason] = await once<[number, Buffer]>(ws, 'close');
    expect(code).toBe(4000);
    expect(reason.toString()).toBe('bye');
  });

  it('names its capture in the 101 (Link and X-Switchyard-Capture)', async () => {
    const ws = new WebSocket(`ws://${base}/ws/echo`);
    const [response] = await once<[IncomingMessage]>(ws, 'upgrade');
    ws.terminate();
    const id = response.headers['x-switchyard-capture'];
    expect(typeof id).toBe('string');
    expect(response.headers.link).toBe(`</x/${id}>; rel="capture"`);
  });

  it('picks the first offered subprotocol it supports', async () => {
    const ws = await openWs(`ws://${base}/ws/echo`, ['x-unknown', 'json.v1', 'echo.v1']);
    try {
      expect(ws.protocol).toBe('json.v1');
      ws.send('{"a":1}');
      expect(JSON.parse((await nextMessage(ws)).data.toString())).toEqual({ echo: { a: 1 } });
    } finally {
      ws.terminate();
    }
    const v1 = await openWs(`ws://${base}/ws/echo`, ['echo.v1']);
    expect(v1.protocol).toBe('echo.v1');
    v1.terminate();
  });

  it('json.v1 answers text that is not JSON with an error, and closes on binary with 1003', async () => {
    const ws = await openWs(`ws://${base}/ws/echo`, ['json.v1']);
    ws.send('not json');
    expect(JSON.parse((await nextMessage(ws)).data.toString())).toHaveProperty('error');
    ws.send(Buffer.from([1, 2, 3]));
    const [code] = await once<[number]>(ws, 'close');
    expect(code).toBe(1003);
  });

  it('chooses no subprotocol when none offered is supported, and ws then fails', async () => {
    // RFC 6455 §4.1: a client that offered subprotocols may fail when none is chosen.
    const outcome = await wsOutcome(`ws://${base}/ws/echo`, { protocols: ['x-unknown'] });
    expect(outcome.error).toBe('Server sent no subprotocol');
  });

  it('negotiates permessage-deflate with the offered parameters (RFC 7692)', async () => {
    const ws = new WebSocket(`ws://${base}/ws/echo`, {
      perMessageDeflate: { clientNoContextTakeover: true, serverNoContextTakeover: true },
    });
    const upgraded = once<[IncomingMessage]>(ws, 'upgrade');
    await once(ws, 'open');
    const [response] = await upgraded;
    try {
      expect(ws.extensions).toBe('permessage-deflate');
      // The parameters the client offered come back accepted (RFC 7692 §7.1.1, §7.1.2).
      const accepted = String(response.headers['sec-websocket-extensions']);
      expect(accepted).toMatch(/^permessage-deflate/);
      expect(accepted).toMatch(/server_no_context_takeover/);
      expect(accepted).toMatch(/client_no_context_takeover/);
      ws.send('compress me '.repeat(20));
      expect((await nextMessage(ws)).data.toString()).toBe('compress me '.repeat(20));
    } finally {
      ws.terminate();
    }
    const plain = await openWs(`ws://${base}/ws/echo`, [], { perMessageDeflate: false });
    expect(plain.extensions).toBe('');
    plain.terminate();
  });

  it('closes with 1009 past the maximum message size (RFC 6455 §7.4.1)', async () => {
    const ws = await openWs(`ws://${base}/ws/echo`, [], { perMessageDeflate: false });
    ws.send(Buffer.alloc(1025, 0x61));
    const [code] = await once<[number]>(ws, 'close');
    expect(code).toBe(1009);
  });
});
