/**
 * RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1
 * request message that lacks a Host header field and to any request message that contains more
 * than one Host header field line or a Host header field with an invalid field value."
 * Checked with raw bytes over TCP on loopback (a client library would not send two Host lines),
 * on the simulator, a WebSocket endpoint (no 101) and a plain route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { hostFieldProblem } from '../src/plugins/host-field.js';
import { finalHead, listenApp, rawExchange } from './support/http.js';

let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  ({ app, port } = await listenApp());
});
afterAll(async () => {
  await app.close();
});

/**
 * Sends one request with `hostLines` and `Connection: close` (unless `extra` has its own
 * Connection); returns status, fields and body once the server has closed the connection.
 */
async function send(target: string, hostLines: string[], extra: string[] = []) {
  const connection = extra.some((l) => /^connection:/i.test(l)) ? [] : ['Connection: close'];
  const head = [`GET ${target} HTTP/1.1`, ...hostLines, ...extra, ...connection, '', ''];
  const text = await rawExchange(port, head.join('\r\n'));
  const { status, headers } = finalHead(text);
  const field = (name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1];
  const body = text.slice(text.indexOf('\r\n\r\n') + 4);
  return { status, type: field('content-type'), connection: field('connection'), body };
}

describe('Host field (RFC 9112 §3.2)', () => {
  it('two Host lines get 400 problem+json, on the simulator', async () => {
    const res = await send('/api/status/308', ['Host: a.example', 'Host: b.example']);
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(res.body) as { type: string; detail: string };
    expect(problem.type).toMatch(/invalid-host$/);
    expect(problem.detail).toContain('RFC 9112'); // read as latin1: the § is two bytes
  });

  it('two Host lines on a WebSocket upgrade get 400, not 101', async () => {
    const res = await send(
      '/ws/echo',
      ['Host: 127.0.0.1', 'host: 127.0.0.1'],
      [
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
      ],
    );
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    // The socket left HTTP/1.1 parsing when Node saw the upgrade: no request can follow.
    expect(res.connection).toBe('close');
  });

  it.each(['a b', 'exa<mple', 'host:port', 'a/b', '[::1'])(
    'an invalid Host value %j gets 400',
    async (value) => {
      const res = await send('/healthz', [`Host: ${value}`]);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ status: 400, title: 'Invalid Host field' });
    },
  );

  it.each(['127.0.0.1', '127.0.0.1:8080', 'localhost', '[::1]:80', 'xn--bcher-kva.example', ''])(
    'a valid Host value %j is served',
    async (value) => {
      const res = await send('/healthz', [`Host: ${value}`]);
      expect(res.status).toBe(200);
    },
  );

  it('the check reads Node’s flat rawHeaders, any case', () => {
    expect(hostFieldProblem(['HOST', 'a', 'Accept', '*/*'])).toBeUndefined();
    expect(hostFieldProblem(['HOST', 'a', 'host', 'a'])?.title).toBe('More than one Host field');
    expect(hostFieldProblem(['Accept', '*/*'])).toBeUndefined();
  });
});
