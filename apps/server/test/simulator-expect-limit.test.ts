/**
 * RFC 9110 §10.1.1: to "Expect: 100-continue" a server sends either 100 or, when the header
 * fields alone decide it, the final status without reading the content. A Content-Length past
 * the body limit decides a 413 (§15.5.14): no 100 first. Raw bytes over TCP on loopback.
 */
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { listenApp, rawExchange } from './support/http.js';

let app: FastifyInstance;
let port: number;
beforeAll(async () => {
  ({ app, port } = await listenApp({ BODY_LIMIT: '1000' }));
});
afterAll(async () => {
  await app.close();
});

function request(length: number): string {
  return [
    'POST /api/status/200 HTTP/1.1',
    'Host: 127.0.0.1',
    'Content-Type: application/octet-stream',
    `Content-Length: ${length}`,
    'Expect: 100-continue',
    '',
    '',
  ].join('\r\n');
}

it('a Content-Length past the limit gets 413 at once, no 100, and the connection closes', async () => {
  // rawExchange resolves when the server closes the connection (it never sends the content).
  const text = await rawExchange(port, request(1001));
  expect(text.split('\r\n')[0]).toBe('HTTP/1.1 413 Content Too Large'); // RFC 9110 §15.5.14
  expect(text).not.toContain('100 Continue');
  expect(text.toLowerCase()).toContain('connection: close');
  expect(text).toContain('"status":413');
});

it('within the limit, 100 Continue comes first (then the content is read)', async () => {
  const text = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let sent = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`timed out; received:\n${received}`));
    }, 15_000);
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      received += d;
      if (!sent && received.includes('100 Continue\r\n\r\n')) {
        sent = true;
        socket.write('x'.repeat(1000));
      }
      if (received.includes('"interim"')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(received);
      }
    });
    socket.write(request(1000));
  });
  expect(text.startsWith('HTTP/1.1 100 Continue\r\n')).toBe(true);
  expect(text).toContain('HTTP/1.1 200 OK');
});
