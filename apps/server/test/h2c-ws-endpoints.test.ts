/**
 * Every `ws`-engine endpoint over HTTP/2 (RFC 8441), not only the echo: Chromium opens every
 * `wss://` of a page served over h2 as an extended CONNECT, so `/ws/chat/:room`, `/ws/auth` and
 * `/ws/origin` must answer it with their own checks (problem responses before anything is
 * accepted) and, accepted, 200 and their behaviour. The fault endpoints (broken HTTP/1.1
 * handshakes) reset the stream with HTTP_1_1_REQUIRED (RFC 9113 §7). The client is Node's
 * http2 with hand-written masked frames; the other chat member is the `ws` library over
 * HTTP/1.1, so the broadcast crosses protocols.
 */
import http2 from 'node:http2';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Exchange } from '@switchyard/exchange';
import { clientFrame, useH2App } from './h2c-helpers.js';

const h2 = useH2App('switchyard-8441-endpoints-', {
  WS_AUTH_TOKENS: 'letmein',
  WS_ALLOWED_ORIGINS: 'https://good.example',
});

/** Unmasked server frames with payloads < 126 bytes (all this test expects), in order. */
function serverFrames(bytes: Buffer): { opcode: number; payload: Buffer }[] {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let at = 0;
  while (at + 2 <= bytes.length) {
    const length = bytes[at + 1]! & 0x7f;
    if (length > 125 || at + 2 + length > bytes.length) break;
    frames.push({ opcode: bytes[at]! & 0x0f, payload: bytes.subarray(at + 2, at + 2 + length) });
    at += 2 + length;
  }
  return frames;
}

interface Opened {
  status: number | undefined;
  headers: http2.IncomingHttpHeaders;
  rstCode: number | undefined;
  body: Buffer;
  stream: http2.ClientHttp2Stream;
  client: http2.ClientHttp2Session;
  /** Resolves once `count` server frames have arrived (bounded: 15 s). */
  frames(count: number): Promise<{ opcode: number; payload: Buffer }[]>;
}

/** Opens `target` with an extended CONNECT and waits for the answer (bounded: 15 s). */
function open(origin: string, target: string, extra: Record<string, string> = {}): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const client = http2.connect(origin, { rejectUnauthorized: false });
    const timer = setTimeout(() => {
      client.destroy();
      reject(new Error(`no answer for ${target}`));
    }, 15_000);
    client.on('error', () => undefined);
    client.once('remoteSettings', () => {
      const url = new URL(origin);
      const stream = client.request({
        ':method': 'CONNECT',
        ':protocol': 'websocket',
        ':scheme': url.protocol.slice(0, -1),
        ':path': target,
        ':authority': url.host,
        'sec-websocket-version': '13',
        ...extra,
      });
      const opened: Opened = {
        status: undefined,
        headers: {},
        rstCode: undefined,
        body: Buffer.alloc(0),
        stream,
        client,
        frames: (count) =>
          new Promise((done, fail) => {
            const limit = setTimeout(() => fail(new Error(`fewer than ${count} frames`)), 15_000);
            const check = () => {
              const frames = serverFrames(opened.body);
              if (frames.length < count) return;
              clearTimeout(limit);
              stream.off('data', check);
              done(frames);
            };
            stream.on('data', check);
            check();
          }),
      };
      stream.on('data', (chunk: Buffer) => {
        opened.body = Buffer.concat([opened.body, chunk]);
      });
      stream.on('error', () => undefined);
      stream.once('response', (headers) => {
        clearTimeout(timer);
        opened.status = headers[':status'];
        opened.headers = headers;
        resolve(opened);
      });
      stream.once('close', () => {
        clearTimeout(timer);
        opened.rstCode = stream.rstCode;
        resolve(opened);
      });
    });
  });
}

/** Sends a close 1000 and waits for the stream to end (bounded), then closes the session. */
async function finish(opened: Opened): Promise<void> {
  if (!opened.stream.closed) {
    opened.stream.write(clientFrame(0x8, Buffer.from([0x03, 0xe8])));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      opened.stream.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  opened.client.close();
}

/** The stored exchange of a capture id (bounded poll: about 15 s). */
async function stored(id: unknown): Promise<Exchange> {
  expect(id).toBeTypeOf('string');
  for (let i = 0; i < 150; i++) {
    const exchange = await h2.app.exchangeStore.get(id as string);
    if (exchange) return exchange;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`exchange ${String(id)} was not stored`);
}

describe.each([
  ['prior-knowledge h2c', () => h2.base],
  ['TLS with ALPN h2', () => h2.tlsBase],
])('RFC 8441 endpoints over %s', (_name, origin) => {
  it('chat: a message sent over HTTP/2 reaches a member on HTTP/1.1, and back', async () => {
    const room = `r${Math.random().toString(36).slice(2, 8)}`;
    const member = new WebSocket(`ws://127.0.0.1:${h2.port}/ws/chat/${room}`);
    const heard: string[] = [];
    member.on('message', (data) => heard.push(String(data)));
    await new Promise<void>((resolve, reject) => {
      member.once('open', () => resolve());
      member.once('error', reject);
    });
    const opened = await open(origin(), `/ws/chat/${room}`);
    expect(opened.status).toBe(200);
    expect(opened.headers['sec-websocket-accept']).toBeUndefined();
    opened.stream.write(clientFrame(0x1, Buffer.from('over h2')));
    const [echoed] = await opened.frames(1);
    expect(echoed?.payload.toString()).toBe('over h2');
    await expect.poll(() => heard, { timeout: 15_000 }).toEqual(['over h2']);
    member.send('over h1');
    const frames = await opened.frames(2);
    expect(frames[1]?.payload.toString()).toBe('over h1');
    member.close();
    await finish(opened);

    const exchange = await stored(opened.headers['x-switchyard-capture']);
    expect(exchange.request.method).toBe('CONNECT');
    expect(exchange.endpoint).toBe('/ws/chat/:room');
    expect(exchange.response?.status).toBe(200);
    expect(exchange.websocket?.close?.clean).toBe(true);
    const payloads = exchange
      .websocket!.frames.filter((f) => f.opcode === 1)
      .map((f) => Buffer.from(f.payload, 'base64').toString());
    expect(payloads).toEqual(['over h2', 'over h2', 'over h1']);
    expect(exchange.http2?.streamId).toBeGreaterThan(0);
  });

  it('chat: a bad room name is a 400 problem, before anything is accepted', async () => {
    const opened = await open(origin(), '/ws/chat/bad%20room');
    expect(opened.status).toBe(400);
    expect(opened.headers['content-type']).toMatch(/^application\/problem\+json/);
    opened.client.close();
  });

  it('auth: 401 without credentials; with a token, 200 and the greeting', async () => {
    const refused = await open(origin(), '/ws/auth');
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    refused.client.close();
    const byCookie = await open(origin(), '/ws/auth', { cookie: 'switchyard_token=letmein' });
    expect(byCookie.status).toBe(200);
    const [greeting] = await byCookie.frames(1);
    expect(JSON.parse(greeting!.payload.toString())).toEqual({
      authenticated: true,
      method: 'cookie',
    });
    await finish(byCookie);
  });

  it('origin: 403 for an origin not on the list, 200 for one on it', async () => {
    const refused = await open(origin(), '/ws/origin', { origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
    refused.client.close();
    const allowed = await open(origin(), '/ws/origin', { origin: 'https://good.example' });
    expect(allowed.status).toBe(200);
    allowed.stream.write(clientFrame(0x1, Buffer.from('hi')));
    const [echo] = await allowed.frames(1);
    expect(echo?.payload.toString()).toBe('hi');
    await finish(allowed);
  });

  it('echo: the subprotocol is chosen among those offered; a wrong version is a 400', async () => {
    const opened = await open(origin(), '/ws/echo', { 'sec-websocket-protocol': 'x, json.v1' });
    expect(opened.status).toBe(200);
    expect(opened.headers['sec-websocket-protocol']).toBe('json.v1');
    await finish(opened);
    const wrong = await open(origin(), '/ws/echo', { 'sec-websocket-version': '8' });
    expect(wrong.status).toBe(400);
    expect(wrong.headers['sec-websocket-version']).toBe('13');
    wrong.client.close();
  });

  it('faults: the stream is reset with HTTP_1_1_REQUIRED; an unknown fault is a 404', async () => {
    const fault = await open(origin(), '/ws/faulty/bad-accept');
    expect(fault.status).toBeUndefined();
    expect(fault.rstCode).toBe(http2.constants.NGHTTP2_HTTP_1_1_REQUIRED);
    fault.client.close();
    const unknown = await open(origin(), '/ws/faulty/nope');
    expect(unknown.status).toBe(404);
    unknown.client.close();
  });

  it('a GET or POST to a WebSocket endpoint over HTTP/2 is a 400 naming extended CONNECT', async () => {
    const client = http2.connect(origin(), { rejectUnauthorized: false });
    client.on('error', () => undefined);
    try {
      for (const [method, target] of [
        ['GET', '/ws/echo'],
        ['GET', '/ws/chat/room'],
        ['POST', '/ws/auth'],
        ['GET', '/ws/faulty/bad-accept'],
      ] as const) {
        const answer = await new Promise<{ status: unknown; body: string }>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`${method} ${target}: no answer`)),
            15_000,
          );
          const stream = client.request({ ':method': method, ':path': target });
          let body = '';
          let status: unknown;
          stream.on('response', (headers) => (status = headers[':status']));
          stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
          stream.on('error', () => undefined);
          stream.on('close', () => {
            clearTimeout(timer);
            resolve({ status, body });
          });
          stream.end();
        });
        expect(answer.status, `${method} ${target}`).toBe(400);
        const problem = JSON.parse(answer.body) as { rule: string; detail: string };
        expect(problem.rule).toBe('handshake-http2-not-extended-connect');
        expect(problem.detail).toContain('RFC 8441 §4');
      }
    } finally {
      client.close();
    }
  });

  it('the simulator (its 101 exists only in HTTP/1.1) asks for HTTP/1.1 the same way', async () => {
    const opened = await open(origin(), '/api/status/101');
    expect(opened.status).toBeUndefined();
    expect(opened.rstCode).toBe(http2.constants.NGHTTP2_HTTP_1_1_REQUIRED);
    opened.client.close();
  });
});
