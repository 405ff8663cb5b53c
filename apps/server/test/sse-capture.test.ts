/**
 * `/sse` is captured like every endpoint of issue 4 ("Endpoints (all captured)"): its response
 * names the share link, the Exchange holds the request head as received, the response head as
 * sent (`text/event-stream`), the events as the bounded body preview (truncation recorded), and
 * an end once the client went away; the HAR export is valid and `/api/live` shows the exchange
 * begin and end. Peers: Node's http client and curl, on 127.0.0.1.
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import harValidator from 'har-validator';
import { afterEach, describe, expect, it } from 'vitest';
import type { Exchange, Har } from '@switchyard/exchange';
import { listenApp } from './support/http.js';
import { liveClient } from './support/live-client.js';
import { openWs, WAIT_MS } from './support/ws-helpers.js';

const apps: FastifyInstance[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  for (const app of apps.splice(0)) await app.close();
});

async function start(env: Record<string, string> = {}) {
  const { app, port } = await listenApp(env);
  apps.push(app);
  return port;
}

/** Polls `check` every 20 ms until it returns a value, bounded by `WAIT_MS`. */
async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function getExchange(port: number, id: string): Promise<Exchange> {
  const res = await fetch(`http://127.0.0.1:${port}/api/exchanges/${id}`, {
    signal: AbortSignal.timeout(WAIT_MS),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Exchange;
}

/** The exchange once it has ended (bounded poll). */
function ended(port: number, id: string): Promise<Exchange> {
  return until(`exchange ${id} to end`, async () => {
    const exchange = await getExchange(port, id);
    return exchange.timings.end === undefined ? undefined : exchange;
  });
}

function header(headers: [string, string][] | undefined, name: string): string | undefined {
  return headers?.find(([n]) => n.toLowerCase() === name)?.[1];
}

/** An SSE client (Node's http client) that collects the stream's text as it arrives. */
async function openStream(port: number, path: string, headers: Record<string, string> = {}) {
  const req = http.get({ host: '127.0.0.1', port, path, headers });
  cleanups.push(() => req.destroy());
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no SSE response head')), WAIT_MS);
    req.once('response', (r) => {
      clearTimeout(timer);
      resolve(r);
    });
    req.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  return {
    req,
    res,
    text: () => text,
    /** Waits (bounded) until the received text holds `needle`. */
    waitFor: (needle: string) =>
      until(`"${needle}" on the stream`, async () => (text.includes(needle) ? true : undefined)),
  };
}

describe('/sse capture', () => {
  it('names its share link, and the exchange holds heads, events, HAR and an end after the client left', async () => {
    const port = await start();
    const live = await liveClient(port);
    cleanups.push(() => live.ws.terminate());
    live.send({ subscribe: 'all' });
    await live.waitFor((m) => m.type === 'subscribed' && m.id === 'all');

    const stream = await openStream(port, '/sse?room=sse-capture', {
      'X-Review-Case': 'Kept-As-Sent',
    });
    const { res } = stream;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const id = res.headers['x-switchyard-capture'];
    expect(typeof id).toBe('string');
    expect(id).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(res.headers.link).toBe(`</x/${String(id)}>; rel="capture"`);
    const shareId = String(id);

    // Events: the hello, then a chat member's join and message (a `ws` client in the room).
    await stream.waitFor('event: hello');
    const member = await openWs(`ws://127.0.0.1:${port}/ws/chat/sse-capture`);
    cleanups.push(() => member.terminate());
    member.send('seen over SSE');
    await stream.waitFor('seen over SSE');

    // While the client is connected the exchange is open: no end yet, but the head that went
    // out and the events so far are there (a stream may stay open for hours).
    const open = await getExchange(port, shareId);
    expect(open.timings.end).toBeUndefined();
    expect(open.response?.status).toBe(200);
    expect(header(open.response?.headers, 'content-type')).toMatch(/^text\/event-stream/);
    expect(open.responseBody.preview).toContain('event: hello');
    await live.waitFor((m) => m.type === 'response' && m.id === shareId);

    // The client leaves; the exchange ends after that (same monotonic clock as the recorder).
    const leftAtUs = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    stream.req.destroy();
    const exchange = await ended(port, shareId);

    expect(exchange.endpoint).toBe('/sse');
    expect(exchange.request).toMatchObject({
      method: 'GET',
      target: '/sse?room=sse-capture',
      httpVersion: '1.1',
    });
    // Request head as received: the name's case as the client sent it.
    expect(exchange.request.headers).toContainEqual(['X-Review-Case', 'Kept-As-Sent']);

    const response = exchange.response!;
    expect(response.status).toBe(200);
    expect(header(response.headers, 'content-type')).toMatch(/^text\/event-stream/);
    expect(header(response.headers, 'x-switchyard-capture')).toBe(shareId);
    expect(header(response.headers, 'link')).toBe(`</x/${shareId}>; rel="capture"`);
    // The head as Node wrote it (exact bytes kept), not rebuilt.
    expect(response.raw).toBeDefined();
    expect(Buffer.from(response.raw!, 'base64').toString('latin1')).toMatch(
      /^HTTP\/1\.1 200 OK\r\n[\s\S]*Content-Type: text\/event-stream/,
    );

    // The body: what the client received is the start of the preview (the server may have
    // written a `leave` event after the client's last read), under the default 4 KiB cap.
    const body = exchange.responseBody;
    expect(body.mimeType).toMatch(/^text\/event-stream/);
    expect(body.previewEncoding).toBe('text');
    expect(body.preview!.startsWith(stream.text())).toBe(true);
    expect(body.preview).toMatch(/^retry: 3000\n\nid: 1\nevent: hello\n/);
    expect(body.preview).toContain('event: join');
    expect(body.preview).toContain('"data":"seen over SSE"');
    expect(body.truncated).toBe(false);
    expect(body.size).toBe(Buffer.byteLength(body.preview!));

    const t = exchange.timings;
    expect(t.firstByte).toBeDefined();
    expect(t.end!).toBeGreaterThanOrEqual(t.firstByte!);
    expect(t.start + t.end!).toBeGreaterThanOrEqual(leftAtUs - 2);
    expect(exchange.notes.map((n) => n.text).join('\n')).toMatch(/Server-Sent Events/);

    // /api/live: begin and end of this exchange, like any captured HTTP exchange.
    const begin = await live.waitFor((m) => m.type === 'begin' && m.id === shareId);
    expect(begin.summary).toMatchObject({ id: shareId, method: 'GET' });
    const end = await live.waitFor((m) => m.type === 'end' && m.id === shareId);
    expect(end.summary).toMatchObject({ id: shareId, status: 200 });
    const types = live.messages.filter((m) => m.id === shareId).map((m) => m.type);
    expect(types.indexOf('begin')).toBeLessThan(types.indexOf('response'));
    expect(types.indexOf('response')).toBeLessThan(types.indexOf('end'));

    // HAR 1.2: valid per har-validator, with the stream as the response content.
    const harRes = await fetch(`http://127.0.0.1:${port}/api/exchanges/${shareId}/har`, {
      signal: AbortSignal.timeout(WAIT_MS),
    });
    expect(harRes.status).toBe(200);
    const har = (await harRes.json()) as Har;
    // har-validator rejects with the schema errors of an invalid HAR.
    const harErrors = await harValidator.har(har).then(
      () => [],
      (err: { errors?: unknown[] }) => err.errors ?? [err],
    );
    expect(harErrors).toEqual([]);
    const entry = har.log.entries[0]!;
    expect(entry.request.url).toBe(`http://127.0.0.1:${port}/sse?room=sse-capture`);
    expect(entry.response.status).toBe(200);
    expect(entry.response.content.mimeType).toMatch(/^text\/event-stream/);
    expect(entry.response.content.text).toContain('event: hello');

    // And it is listed.
    const listRes = await fetch(`http://127.0.0.1:${port}/api/exchanges?limit=20`, {
      signal: AbortSignal.timeout(WAIT_MS),
    });
    expect(JSON.stringify(await listRes.json())).toContain(shareId);
  });

  it('keeps a bounded preview past the cap and records the truncation', async () => {
    const port = await start({ CAPTURE_PREVIEW_BYTES: '64' });
    const stream = await openStream(port, '/sse?room=sse-cap');
    const id = String(stream.res.headers['x-switchyard-capture']);
    await stream.waitFor('event: hello');
    const member = await openWs(`ws://127.0.0.1:${port}/ws/chat/sse-cap`);
    cleanups.push(() => member.terminate());
    member.send('past the preview');
    await stream.waitFor('past the preview');
    stream.req.destroy();
    const received = stream.text();
    expect(Buffer.byteLength(received)).toBeGreaterThan(64);

    const body = (await ended(port, id)).responseBody;
    expect(body.truncated).toBe(true);
    expect(body.preview).toBe(received.slice(0, 64));
    // Every byte counted, the ones past the preview too.
    expect(body.size).toBeGreaterThanOrEqual(Buffer.byteLength(received));
  });

  it('ends open streams at shutdown, and their exchanges are stored with the end', async () => {
    const { app, port } = await listenApp();
    const stream = await openStream(port, '/sse?room=sse-shutdown');
    const id = String(stream.res.headers['x-switchyard-capture']);
    await stream.waitFor('event: hello');
    const streamEnded = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), WAIT_MS);
      stream.res.once('end', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    // Without the stream ended by the server, close() waits for the client to leave.
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([
      app.close().then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), WAIT_MS))),
    ]);
    clearTimeout(timer);
    if (!closed) apps.push(app);
    expect(closed).toBe(true);
    // A clean end of the chunked body (the last chunk), not a reset.
    expect(await streamEnded).toBe(true);
    expect(stream.res.complete).toBe(true);
    const exchange = await app.exchangeStore.get(id);
    expect(exchange?.timings.end).toBeDefined();
    expect(exchange?.responseBody.preview).toContain('event: hello');
  });

  it('captures a curl stream that curl ends (--max-time), and HEAD /sse at once', async () => {
    const port = await start();
    const url = `http://127.0.0.1:${port}/sse?room=sse-curl`;
    // curl ends the stream itself after 3 s (exit 28): the server sees the client leave.
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(
        'curl',
        ['-sS', '-i', '-N', '--max-time', '3', url],
        { timeout: WAIT_MS, killSignal: 'SIGKILL' },
        (error, out) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out }),
      );
    });
    expect(code).toBe(28);
    expect(stdout).toMatch(/^HTTP\/1\.1 200 /);
    const id = /^x-switchyard-capture: (\S+)\r$/im.exec(stdout)?.[1];
    expect(id).toBeDefined();
    // RFC 9110 §5.1: field names are case-insensitive (Fastify sends them lower-case).
    expect(stdout).toMatch(new RegExp(`^link: </x/${id!}>; rel="capture"\r$`, 'im'));
    expect(stdout).toContain('event: hello');
    const exchange = await ended(port, id!);
    expect(exchange.request.headers).toContainEqual(['User-Agent', expect.stringMatching(/^curl/)]);
    expect(exchange.responseBody.preview).toContain('event: hello');
    expect(exchange.notes.map((n) => n.text).join('\n')).toMatch(/connection closed/);

    // HEAD: GET's head, no content, answered and captured at once (RFC 9110 §9.3.2).
    const head = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(WAIT_MS) });
    expect(head.status).toBe(200);
    const headId = head.headers.get('x-switchyard-capture');
    expect(headId).toBeTruthy();
    const headExchange = await ended(port, headId!);
    expect(headExchange.request.method).toBe('HEAD');
    expect(header(headExchange.response!.headers, 'content-type')).toMatch(/^text\/event-stream/);
    expect(headExchange.responseBody.size).toBe(0);
  });
});
