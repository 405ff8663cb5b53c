/**
 * Issue 8: every exchange served over HTTP/2 carries the frames seen on the socket, decoded
 * (type, flags, stream, length, HPACK-decoded fields). Independent peers: Debian's curl
 * (h2c upgrade, prior knowledge, TLS ALPN h2), nghttp (h2c upgrade) and Node's http2 client
 * (RFC 8441 extended CONNECT).
 */
import http2 from 'node:http2';
import { describe, expect, it } from 'vitest';
import { validateExchange, type Exchange, type Http2FrameJson } from '@switchyard/exchange';
import { captureIdOf, curl, listenApp, runPeer, useH2App } from './h2c-helpers.js';

const h2 = useH2App('switchyard-h2frames-');

/** Polls the capture until it has its HTTP/2 record (bounded: about 15 s). */
async function h2Exchange(id: string | undefined): Promise<Exchange> {
  expect(id).toBeTypeOf('string');
  for (let i = 0; i < 150; i++) {
    const exchange = await h2.app.captures.get(id!);
    if (exchange?.http2) return JSON.parse(JSON.stringify(exchange)) as Exchange;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no http2 record for ${id}`);
}

const field = (f: Http2FrameJson | undefined, name: string) =>
  f?.headers?.find(([n]) => n === name)?.[1];

function checkCommon(ex: Exchange, streamId: number): Http2FrameJson[] {
  expect(validateExchange(ex)).toMatchObject({ ok: true });
  const h2 = ex.http2!;
  expect(h2.streamId).toBe(streamId);
  const frames = h2.frames;
  // seq increases; only this stream and the connection's frames.
  expect(frames.map((f) => f.seq)).toEqual([...frames.map((f) => f.seq)].sort((a, b) => a - b));
  expect(new Set(frames.map((f) => f.streamId))).toEqual(new Set([0, streamId]));
  // The server's SETTINGS (RFC 9113 §3.4), with RFC 8441 §3's ENABLE_CONNECT_PROTOCOL.
  const serverSettings = frames.find(
    (f) =>
      f.direction === 'server-to-client' &&
      f.typeName === 'SETTINGS' &&
      !f.flagNames.includes('ACK'),
  );
  expect(serverSettings?.settings).toContainEqual({
    id: 8,
    name: 'SETTINGS_ENABLE_CONNECT_PROTOCOL',
    value: 1,
  });
  expect(frames.every((f) => f.findings.every((x) => x.severity !== 'error'))).toBe(true);
  return frames;
}

/**
 * The response HEADERS with :status 200 and the DATA on the stream, the last with END_STREAM
 * when the client waits for it (curl does not: see the h2c upgrade test).
 */
function checkResponse(frames: Http2FrameJson[], streamId: number, endStream = true): void {
  const response = frames.find(
    (f) =>
      f.direction === 'server-to-client' && f.typeName === 'HEADERS' && f.streamId === streamId,
  );
  expect(field(response, ':status')).toBe('200');
  expect(field(response, 'content-type')).toBe('application/json; charset=utf-8');
  const data = frames.filter(
    (f) => f.direction === 'server-to-client' && f.typeName === 'DATA' && f.streamId === streamId,
  );
  if (endStream) expect(data.at(-1)?.flagNames).toContain('END_STREAM');
  const body = Buffer.concat(data.map((f) => Buffer.from(f.payload ?? '', 'base64'))).toString();
  expect(JSON.parse(body).status.code).toBe(200);
}

describe('HTTP/2 frames in captures (issue 8)', () => {
  it('curl --http2 (h2c upgrade): the 101, SETTINGS, HEADERS :status 200, the DATA', async () => {
    const { received, body } = await curl(['--http2', `${h2.base}/api/status/200`]);
    const ex = await h2Exchange(captureIdOf(received));
    expect(ex.interim.map((r) => r.status)).toEqual([101]);
    expect(ex.http2!.mode).toBe('h2c-upgrade');
    const frames = checkCommon(ex, 1);
    const response = frames.find(
      (f) => f.direction === 'server-to-client' && f.typeName === 'HEADERS',
    );
    expect(response?.streamId).toBe(1);
    expect(field(response, ':status')).toBe('200');
    // Node sends END_STREAM in an empty DATA frame a moment after the content; curl closes
    // the connection once Content-Length is satisfied, before that frame is written, so the
    // wire (and the capture) holds the content without it. nghttp (below) waits for it.
    const data = frames.filter((f) => f.typeName === 'DATA' && f.streamId === 1);
    const bytes = Buffer.concat(data.map((f) => Buffer.from(f.payload ?? '', 'base64')));
    expect(bytes.toString()).toBe(body);
    // Stream 1 is the HTTP/1.1 request (RFC 7540 §3.2): the client sends no HEADERS for it.
    expect(frames.some((f) => f.direction === 'client-to-server' && f.streamId === 1)).toBe(false);
    expect(frames.find((f) => f.direction === 'client-to-server')?.typeName).toBe('SETTINGS');
    expect(ex.client?.address).toBe('127.0.0.1');
  });

  it('curl --http2-prior-knowledge: the decoded request fields are the ones the server read', async () => {
    const { received } = await curl([
      '--http2-prior-knowledge',
      '-H',
      'x-first: yes',
      `${h2.base}/api/status/200`,
    ]);
    const ex = await h2Exchange(captureIdOf(received));
    expect(ex.http2!.mode).toBe('prior-knowledge');
    const frames = checkCommon(ex, 1);
    const request = frames.find(
      (f) => f.direction === 'client-to-server' && f.typeName === 'HEADERS',
    );
    expect(request?.headers?.slice(0, 4)).toEqual([
      [':method', 'GET'],
      [':path', '/api/status/200'],
      [':scheme', 'http'],
      [':authority', new URL(h2.base).host],
    ]);
    expect(field(request, 'x-first')).toBe('yes');
    expect(request?.headers).toEqual(ex.request.headers);
    // The response head is an HTTP/2 one: no reason phrase, :status first (RFC 9113 §8.3).
    expect(ex.response).toMatchObject({ status: 200, reason: '', httpVersion: '2.0' });
    expect(ex.response?.headers[0]).toEqual([':status', '200']);
    const sent = frames.find((f) => f.direction === 'server-to-client' && f.typeName === 'HEADERS');
    expect(field(sent, ':status')).toBe('200');
    // The response head is the block decoded from the wire, `date` (added by nghttp2) included.
    expect(ex.response?.headers).toEqual(sent?.headers);
    expect(field(sent, 'date')).toMatch(/GMT$/);
    expect(ex.client?.address).toBe('127.0.0.1');
  });

  it('nghttp -uv (h2c upgrade): DATA with END_STREAM', async () => {
    const { stdout } = await runPeer('nghttp', ['-uv', `${h2.base}/api/status/200`]);
    const id = /x-switchyard-capture: (\S+)/i.exec(stdout)?.[1];
    const ex = await h2Exchange(id);
    expect(ex.http2!.mode).toBe('h2c-upgrade');
    checkResponse(checkCommon(ex, 1), 1);
  });

  it('nghttp, two streams on one connection: each exchange has its own stream', async () => {
    const { stdout } = await runPeer('nghttp', [
      '-v',
      '-H',
      'x-many: one',
      `${h2.base}/api/status/200`,
      `${h2.base}/api/status/200?second`,
    ]);
    const ids = [...stdout.matchAll(/recv \(stream_id=(\d+)\) x-switchyard-capture: (\S+)/g)];
    expect(ids).toHaveLength(2);
    const streams = ids.map((m) => Number(m[1]));
    const exchanges = await Promise.all(ids.map((m) => h2Exchange(m[2])));
    exchanges.forEach((ex, i) => {
      const frames = checkCommon(ex, streams[i]!);
      checkResponse(frames, streams[i]!);
      const request = frames.find(
        (f) => f.direction === 'client-to-server' && f.typeName === 'HEADERS',
      );
      // Both blocks decoded in order with one table per direction.
      expect(field(request, ':path')).toBe(i === 0 ? '/api/status/200' : '/api/status/200?second');
      expect(field(request, 'x-many')).toBe('one');
    });
  });

  it('curl -k --http2 over TLS (ALPN h2)', async () => {
    const { received } = await curl(['-k', '--http2', `${h2.tlsBase}/api/status/200`]);
    const ex = await h2Exchange(captureIdOf(received));
    expect(ex.http2!.mode).toBe('tls-alpn');
    const frames = checkCommon(ex, 1);
    checkResponse(frames, 1, false);
    expect(
      field(
        frames.find((f) => f.direction === 'client-to-server' && f.typeName === 'HEADERS'),
        ':scheme',
      ),
    ).toBe('https');
    expect(ex.client?.address).toBe('127.0.0.1');
  });

  it('RFC 8441 extended CONNECT: the CONNECT stream with :protocol websocket and :status 200', async () => {
    const client = http2.connect(h2.base);
    try {
      const id = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out')), 15_000);
        client.on('error', reject);
        client.once('remoteSettings', () => {
          const req = client.request({
            ':method': 'CONNECT',
            ':protocol': 'websocket',
            ':scheme': 'http',
            ':path': '/ws/echo',
            ':authority': new URL(h2.base).host,
            'sec-websocket-version': '13',
          });
          let capture = '';
          req.on('response', (headers) => {
            capture = String(headers['x-switchyard-capture']);
            // A masked Close 1000 (RFC 6455 §5.5.1), then the end of the stream.
            req.end(Buffer.from([0x88, 0x82, 1, 2, 3, 4, 0x03 ^ 1, 0xe8 ^ 2]));
          });
          req.resume();
          req.on('close', () => {
            clearTimeout(timer);
            resolve(capture);
          });
          req.on('error', () => undefined);
        });
      });
      const ex = await h2Exchange(id);
      expect(ex.http2!.mode).toBe('prior-knowledge');
      const streamId = ex.http2!.streamId;
      const frames = checkCommon(ex, streamId);
      const connect = frames.find(
        (f) => f.direction === 'client-to-server' && f.typeName === 'HEADERS',
      );
      expect(field(connect, ':method')).toBe('CONNECT');
      expect(field(connect, ':protocol')).toBe('websocket');
      const response = frames.find(
        (f) => f.direction === 'server-to-client' && f.typeName === 'HEADERS',
      );
      expect(field(response, ':status')).toBe('200');
      expect(frames.filter((f) => f.typeName === 'DATA').length).toBeGreaterThan(0);
    } finally {
      client.close();
    }
  });
});

describe('CAPTURE=off', () => {
  it('serves HTTP/2 untapped (no capture, no frames)', async () => {
    const off = await listenApp({ CAPTURE: 'off' });
    try {
      const { received, code } = await curl([
        '--http2-prior-knowledge',
        `${off.base}/api/status/200`,
      ]);
      expect(code).toBe(0);
      expect(received[0]).toBe('HTTP/2 200');
      expect(captureIdOf(received)).toBeUndefined();
      // An h2c upgrade runs over a JS stream: the session's socket still reports the peer.
      const upgraded = await curl(['--http2', `${off.base}/api/status/200`]);
      expect(upgraded.received[0]).toBe('HTTP/1.1 101 Switching Protocols');
      expect(JSON.parse(upgraded.body).request.remoteAddress).toBe('127.0.0.1');
    } finally {
      await off.app.close();
    }
  });
});
