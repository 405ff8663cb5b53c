/**
 * Bad opening handshakes get the RFC 6455 §4.2.1 answer decided by the protocol core, over a
 * raw TCP client (so nothing normalises the request): 400, 426 + Sec-WebSocket-Version: 13,
 * 405 + Allow: GET, each with a problem+json body naming the rule and its section, and no 101.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { handshake, parseRaw, rawExchange, responseHead, startApp } from './support/ws-helpers.js';

let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  ({ app, port } = await startApp());
});
afterAll(async () => {
  await app.close();
});

async function answer(request: string) {
  const response = parseRaw(await rawExchange(port, request));
  return { ...response, problem: JSON.parse(response.body) as Record<string, unknown> };
}

describe.each(['/ws/echo', '/ws/chat/lobby', '/ws/origin', '/ws/faulty/bad-accept'])(
  'bad handshakes on %s',
  (path) => {
    it('400 for a key that is not base64 of 16 bytes', async () => {
      const r = await answer(handshake(path).replace('dGhlIHNhbXBsZSBub25jZQ==', 'c2hvcnQ='));
      expect(r.status).toBe(400);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.problem).toMatchObject({
        status: 400,
        rule: 'handshake-key-invalid',
        section: '4.2.1',
      });
    });

    it('426 with Sec-WebSocket-Version: 13 for another version (RFC 6455 §4.2.2, §4.4)', async () => {
      const r = await answer(
        handshake(path).replace('Sec-WebSocket-Version: 13', 'Sec-WebSocket-Version: 8'),
      );
      expect(r.status).toBe(426);
      expect(r.headers['sec-websocket-version']).toBe('13');
      expect(r.headers.upgrade).toBe('websocket');
      expect(r.problem).toMatchObject({ rule: 'handshake-version', section: '4.4' });
    });

    it('405 with Allow: GET for another method', async () => {
      const r = await answer(handshake(path, [], 'POST'));
      expect(r.status).toBe(405);
      expect(r.headers.allow).toBe('GET');
      expect(r.problem).toMatchObject({ rule: 'handshake-method-not-get', section: '4.2.1' });
    });

    it('426 for a plain GET that asks for no upgrade', async () => {
      const r = await answer(`GET ${path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`);
      expect(r.status).toBe(426);
      expect(r.headers.upgrade).toBe('websocket');
      expect(r.problem).toMatchObject({ rule: 'handshake-upgrade-not-websocket' });
    });
  },
);

describe('other handshake rules', () => {
  it('405 for HEAD too', async () => {
    const r = parseRaw(await rawExchange(port, handshake('/ws/echo', [], 'HEAD')));
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET');
  });

  it('400 for an HTTP/1.0 request (RFC 9110 §7.8: Upgrade is ignored in 1.0)', async () => {
    const r = await answer(handshake('/ws/echo', [], 'GET', '1.0'));
    expect(r.status).toBe(400);
    expect(r.problem).toMatchObject({ rule: 'handshake-http-version' });
  });

  it('400 without Host', async () => {
    const r = await answer(handshake('/ws/echo').replace('Host: 127.0.0.1\r\n', ''));
    expect(r.status).toBe(400);
    expect(r.problem).toMatchObject({ rule: 'handshake-host' });
  });

  it('400 for a malformed Sec-WebSocket-Extensions', async () => {
    const r = await answer(handshake('/ws/echo', ['Sec-WebSocket-Extensions: ;;']));
    expect(r.status).toBe(400);
    expect(r.statusLine).not.toMatch(/101/);
  });

  it('a valid handshake over the raw socket gets the 101 with the RFC 6455 §1.3 accept', async () => {
    const r = parseRaw(await responseHead(port, handshake('/ws/echo')));
    expect(r.statusLine).toBe('HTTP/1.1 101 Switching Protocols');
    // The RFC's own example: key dGhlIHNhbXBsZSBub25jZQ== gives s3pPLMBiTxaQ9kYGzzhZRbK+xOo=.
    expect(r.headers['sec-websocket-accept']).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });
});
