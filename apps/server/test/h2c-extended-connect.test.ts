/**
 * WebSocket over HTTP/2 (RFC 8441) on the prior-knowledge port and the TLS port: extended
 * CONNECT reaches the echo, answered 200 (not 101), with frames captured. The client is Node's
 * http2 (no Debian tool speaks RFC 8441; Chromium is the e2e peer); the WebSocket frames are
 * written by hand here, and the server side is the `ws` engine, so both ends of the framing
 * are independent of our code.
 */
import http2 from 'node:http2';
import { describe, expect, it } from 'vitest';
import { captureText, clientFrame, useH2App } from './h2c-helpers.js';

const h2 = useH2App('switchyard-8441-');

interface Outcome {
  enableConnectProtocol: boolean | undefined;
  status: number | undefined;
  headers: http2.IncomingHttpHeaders;
  received: Buffer;
}

/** Opens `path` with extended CONNECT, sends "hello" then a close 1000; bounded by 8 s. */
function extendedConnect(
  origin: string,
  target: string,
  extra: Record<string, string> = {},
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const client = http2.connect(origin, { rejectUnauthorized: false });
    const outcome: Outcome = {
      enableConnectProtocol: undefined,
      status: undefined,
      headers: {},
      received: Buffer.alloc(0),
    };
    const timer = setTimeout(() => {
      client.destroy();
      reject(new Error('timed out'));
    }, 15_000);
    client.on('error', reject);
    client.once('remoteSettings', (settings) => {
      outcome.enableConnectProtocol = settings.enableConnectProtocol;
      const url = new URL(origin);
      const req = client.request({
        ':method': 'CONNECT',
        ':protocol': 'websocket',
        ':scheme': url.protocol.slice(0, -1),
        ':path': target,
        ':authority': url.host,
        'sec-websocket-version': '13',
        ...extra,
      });
      let closing = false;
      req.on('response', (headers) => {
        outcome.status = headers[':status'];
        outcome.headers = headers;
        if (outcome.status === 200) req.write(clientFrame(0x1, Buffer.from('hello')));
      });
      req.on('data', (chunk: Buffer) => {
        outcome.received = Buffer.concat([outcome.received, chunk]);
        if (outcome.status === 200 && !closing && outcome.received.length >= 7) {
          closing = true;
          req.write(clientFrame(0x8, Buffer.from([0x03, 0xe8])));
        }
      });
      req.on('close', () => {
        clearTimeout(timer);
        client.close();
        resolve(outcome);
      });
      req.on('error', () => undefined);
    });
  });
}

describe.each([
  ['prior-knowledge h2c', () => h2.base],
  ['TLS with ALPN h2', () => h2.tlsBase],
])('RFC 8441 over %s', (_name, origin) => {
  it('advertises SETTINGS_ENABLE_CONNECT_PROTOCOL and echoes over a 200 stream', async () => {
    const out = await extendedConnect(origin(), '/ws/echo', {
      'sec-websocket-protocol': 'echo.v1',
    });
    expect(out.enableConnectProtocol).toBe(true);
    expect(out.status).toBe(200);
    expect(out.headers['sec-websocket-protocol']).toBe('echo.v1');
    // RFC 8441 §5: no Sec-WebSocket-Accept.
    expect(out.headers['sec-websocket-accept']).toBeUndefined();
    // Unmasked text "hello" (RFC 6455 §5.1), then the server's Close 1000.
    expect(out.received.toString('hex')).toBe('810568656c6c6f' + '880203e8');
  });

  it('captures the exchange with its frames and the RFC 8441 note', async () => {
    const out = await extendedConnect(origin(), '/ws/echo');
    const id = out.headers['x-switchyard-capture'];
    expect(typeof id).toBe('string');
    const json = await captureText(h2.app, id as string, '"clean":true');
    const exchange = JSON.parse(json);
    expect(exchange.request.method).toBe('CONNECT');
    expect(exchange.response.status).toBe(200);
    expect(json).toContain('RFC 8441');
    const frames = exchange.websocket.frames.map((f: { direction: string; opcode: number }) => [
      f.direction,
      f.opcode,
    ]);
    expect(frames).toEqual([
      ['client-to-server', 1],
      ['server-to-client', 1],
      ['client-to-server', 8],
      ['server-to-client', 8],
    ]);
    expect(exchange.websocket.close).toMatchObject({
      initiator: 'client',
      code: 1000,
      clean: true,
    });
  });

  it('refuses other endpoints and other WebSocket versions', async () => {
    expect((await extendedConnect(origin(), '/ws/nowhere')).status).toBe(404);
    const wrongVersion = await extendedConnect(origin(), '/ws/echo', {
      'sec-websocket-version': '8',
    });
    expect(wrongVersion.status).toBe(400);
    expect(wrongVersion.headers['sec-websocket-version']).toBe('13');
  });
});
