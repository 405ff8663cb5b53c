import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { REDACTED, bytesToLatin1, decodeBase64, isShareId } from '@switchyard/exchange';
import { Opcode, type FrameRecord } from '@switchyard/protocol';
import { captureHeaders } from '../src/plugins/capture.js';
import { finalHead, listenApp, makeApp, rawExchange, stored } from './support/http.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function listening(env: Record<string, string> = {}) {
  const r = await listenApp(env);
  apps.push(r.app);
  return r;
}

function header(headers: [string, string][], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

describe('capture of a simulator request over a real socket', () => {
  it('keeps header order, case and duplicates; names the share link; redacts credentials', async () => {
    const { app, port } = await listening();
    const request =
      'POST /api/status/201?token=s3cret&x=1 HTTP/1.1\r\n' +
      'host: 127.0.0.1\r\n' +
      'X-Dup: one\r\n' +
      'AUTHORIZATION: Bearer hunter2\r\n' +
      'x-dup: two\r\n' +
      'Cookie: a=1\r\n' +
      'Content-Type: text/plain\r\n' +
      'Content-Length: 11\r\n' +
      'Connection: close\r\n' +
      '\r\n' +
      'hello world';
    const text = await rawExchange(port, request);
    const head = finalHead(text);
    expect(head.status).toBe(201);
    const id = header(head.headers, 'X-Switchyard-Capture')!;
    expect(isShareId(id)).toBe(true);
    expect(header(head.headers, 'Link')).toBe(`</x/${id}>; rel="capture"`);

    const ex = await stored(app, id);
    expect(ex.id).toBe(id);
    expect(ex.kind).toBe('http');
    expect(ex.endpoint).toBe('/api/status/:code');
    expect(ex.request.method).toBe('POST');
    expect(ex.request.httpVersion).toBe('1.1');
    expect(ex.request.target).toBe(`/api/status/201?token=${REDACTED}&x=1`);
    expect(ex.request.headers).toEqual([
      ['host', '127.0.0.1'],
      ['X-Dup', 'one'],
      ['AUTHORIZATION', REDACTED],
      ['x-dup', 'two'],
      ['Cookie', REDACTED],
      ['Content-Type', 'text/plain'],
      ['Content-Length', '11'],
      ['Connection', 'close'],
    ]);
    expect(ex.redactions).toEqual(
      expect.arrayContaining([
        { location: 'query', name: 'token' },
        { location: 'request-header', name: 'AUTHORIZATION', index: 2 },
        { location: 'request-header', name: 'Cookie', index: 4 },
      ]),
    );
    expect(JSON.stringify(ex)).not.toContain('hunter2');
    expect(JSON.stringify(ex)).not.toContain('s3cret');
    expect(ex.requestBody).toMatchObject({ size: 11, preview: 'hello world', truncated: false });
    expect(ex.client?.address).toBe('127.0.0.1');
    // Listening on one address: the local end of every connection is that address and port.
    expect(ex.server).toEqual({ address: '127.0.0.1', port, family: 'IPv4' });

    // The response head is the one on the wire: same fields, same order, same case.
    const wireHead = text.slice(text.indexOf('HTTP/1.1 201'), text.indexOf('\r\n\r\n') + 4);
    expect(ex.response!.status).toBe(201);
    expect(bytesToLatin1(decodeBase64(ex.response!.raw!)!)).toBe(wireHead);
    expect(ex.response!.headers).toEqual(head.headers);
    expect(ex.responseBody.size).toBe(Number(header(head.headers, 'content-length')));
    expect(ex.timings.start).toBeGreaterThan(1.7e15);
    expect(ex.timings.end).toBeGreaterThanOrEqual(ex.timings.firstByte!);
  });

  it('records interim responses the route reports (100 Continue before the final)', async () => {
    const { app, port } = await listening();
    const text = await rawExchange(
      port,
      'POST /api/status/200 HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n' +
        'Content-Length: 2\r\nConnection: close\r\n\r\nok',
    );
    const id = header(finalHead(text).headers, 'x-switchyard-capture')!;
    const ex = await stored(app, id);
    // RFC 9110 §10.1.1: the 100 comes first on the wire, and is recorded as interim.
    expect(text.startsWith('HTTP/1.1 100 Continue\r\n')).toBe(true);
    expect(ex.interim.map((i) => [i.status, i.reason])).toEqual([[100, 'Continue']]);
    expect(ex.timings.interim).toEqual([ex.interim[0]!.time]);
    expect(ex.requestBody).toMatchObject({ size: 2, preview: 'ok' });
    expect(ex.response!.status).toBe(200);
  });

  it('counts a HEAD response as having no content', async () => {
    const { app, port } = await listening();
    const text = await rawExchange(
      port,
      'HEAD /api/status/200 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    const id = header(finalHead(text).headers, 'x-switchyard-capture')!;
    const ex = await stored(app, id);
    expect(ex.request.method).toBe('HEAD');
    expect(ex.responseBody.size).toBe(0);
  });

  it('does not capture routes without config.capture, nor anything with CAPTURE=off', async () => {
    const { port } = await listening();
    const health = await rawExchange(
      port,
      'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(header(finalHead(health).headers, 'x-switchyard-capture')).toBeUndefined();
    const off = await listening({ CAPTURE: 'off' });
    const sim = await rawExchange(
      off.port,
      'GET /api/status/200 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(finalHead(sim).status).toBe(200);
    expect(header(finalHead(sim).headers, 'x-switchyard-capture')).toBeUndefined();
    expect(
      off.app.captures.begin({
        kind: 'probe',
        endpoint: '/',
        method: 'GET',
        target: '/',
        httpVersion: '1.1',
        headers: [],
      }),
    ).toBeUndefined();
  });
});

function frame(seq: number, payload: Uint8Array, extra: Partial<FrameRecord> = {}): FrameRecord {
  return {
    seq,
    direction: seq % 2 === 0 ? 'client-to-server' : 'server-to-client',
    fin: true,
    rsv1: false,
    rsv2: false,
    rsv3: false,
    opcode: Opcode.Binary,
    masked: seq % 2 === 0,
    payloadLength: payload.length,
    lengthEncoding: 7,
    headerOffset: 0,
    headerLength: 2,
    payloadOffset: 2,
    payload,
    time: 0,
    findings: [],
    ...extra,
  };
}

describe('programmatic capture API (for WebSocket, fault and probe features)', () => {
  it('records a WebSocket conversation with caps and truncation counted', async () => {
    const app = await makeApp({ CAPTURE_MAX_FRAMES: '3', CAPTURE_MAX_BYTES: '10' });
    apps.push(app);
    await app.ready();
    const seen: string[] = [];
    const unsubscribe = app.bus.subscribe((e) => seen.push(e.type));
    const cap = app.captures.begin({
      kind: 'websocket',
      endpoint: '/ws/echo',
      method: 'GET',
      target: '/ws/echo',
      httpVersion: '1.1',
      headers: ['Host', 'x', 'Upgrade', 'websocket', 'Authorization', 'Basic Zm9vOmJhcg=='],
      raw: Buffer.from(
        'GET /ws/echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nAuthorization: Basic Zm9vOmJhcg==\r\n\r\n',
        'latin1',
      ),
    })!;
    expect(captureHeaders(cap.id)).toEqual([
      ['Link', `</x/${cap.id}>; rel="capture"`],
      ['X-Switchyard-Capture', cap.id],
    ]);
    cap.response({
      status: 101,
      reason: 'Switching Protocols',
      headers: [['Upgrade', 'websocket'], ...captureHeaders(cap.id)],
    });
    cap.upgraded({ subprotocol: 'echo.v1', extensions: '' });
    cap.frame(frame(0, new Uint8Array(6).fill(1))); // 6 bytes: kept
    cap.frame(frame(1, new Uint8Array(6).fill(2))); // 4 kept, 2 cut
    cap.frame(frame(2, new Uint8Array(3).fill(3))); // 0 kept, 3 cut
    cap.frame(frame(3, new Uint8Array(5).fill(4))); // frame cap: dropped
    cap.frame(frame(4, new Uint8Array(1), { opcode: Opcode.Close, close: { code: 1000 } })); // dropped
    // Visible while in progress.
    expect((await app.captures.get(cap.id))?.websocket?.frames).toHaveLength(3);
    cap.close({ initiator: 'client', code: 1000, reason: '', clean: true });
    cap.finish();
    cap.finish(); // idempotent
    unsubscribe();
    const ex = await stored(app, cap.id);
    const ws = ex.websocket!;
    expect(ex.kind).toBe('websocket');
    expect(ex.response!.status).toBe(101);
    expect(ex.timings.upgrade).toBeDefined();
    expect(ws.subprotocol).toBe('echo.v1');
    expect(ws.frames.map((f) => decodeBase64(f.payload)!.length)).toEqual([6, 4, 0]);
    expect(ws.frames.map((f) => f.payloadTruncated ?? false)).toEqual([false, true, true]);
    expect(ws.framesSeen).toEqual({ clientToServer: 3, serverToClient: 2 });
    expect(ws.truncation).toEqual({
      maxFrames: 3,
      maxBytes: 10,
      framesDropped: 2,
      bytesDropped: 2 + 3 + 5 + 1,
      framesCut: 2,
      firstDroppedSeq: 3,
    });
    expect(ex.notes.some((n) => n.text.includes('cap reached'))).toBe(true);
    expect(ws.close).toMatchObject({ initiator: 'client', code: 1000, clean: true });
    const raw = bytesToLatin1(decodeBase64(ex.request.raw!)!);
    expect(raw).toContain(`Authorization: ${REDACTED}\r\n`);
    expect(raw).not.toContain('Zm9v');
    expect(seen[0]).toBe('begin');
    expect(seen).toEqual(
      expect.arrayContaining(['response', 'upgrade', 'frame', 'truncated', 'close', 'end']),
    );
    expect(seen.at(-1)).toBe('end');
  });

  it('ends exchanges still open when the app closes', async () => {
    const app = await makeApp();
    await app.ready();
    const cap = app.captures.begin({
      kind: 'probe',
      endpoint: '/',
      method: 'GET',
      target: '/',
      httpVersion: '1.1',
      headers: [],
    })!;
    const store = app.exchangeStore;
    const put = store.put.bind(store);
    const puts: string[] = [];
    store.put = (ex) => {
      puts.push(ex.id);
      return put(ex);
    };
    await app.close();
    expect(puts).toEqual([cap.id]);
    expect(cap.finished).toBe(true);
  });
});

describe('body preview', () => {
  it('keeps the first bytes as text, or base64 for binary, and flags truncation', async () => {
    const { BodyTap } = await import('../src/plugins/capture/preview.js');
    const text = new BodyTap(5);
    text.add(Buffer.from('héllo world'));
    // 5 bytes = "h", "é" (2 bytes), "l", "l": a cut inside a sequence would not fail either.
    expect(text.result('text/plain')).toEqual({
      size: 12,
      truncated: true,
      preview: 'héll',
      previewEncoding: 'text',
      mimeType: 'text/plain',
    });
    const binary = new BodyTap(16);
    binary.add(new Uint8Array([0, 1, 2, 255]));
    expect(binary.result()).toEqual({
      size: 4,
      truncated: false,
      preview: 'AAEC/w==',
      previewEncoding: 'base64',
    });
    const empty = new BodyTap(16);
    expect(empty.result()).toEqual({ size: 0, truncated: false });
  });
});

describe('addresses of a captured connection', () => {
  it('records both ends as the client socket sees them (peer = server, local = client)', async () => {
    const { app, port } = await listening();
    const socket = net.connect(port, '127.0.0.1');
    const seen = await new Promise<{ text: string; local: number; peer: string; peerPort: number }>(
      (resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error('no response in 15 s')), 15_000);
        socket.once('connect', () => {
          socket.write('GET /api/status/204 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
        });
        socket.setEncoding('latin1');
        socket.on('data', (chunk: string) => (text += chunk));
        socket.once('error', reject);
        socket.once('end', () => {
          clearTimeout(timer);
          resolve({
            text,
            local: socket.localPort!,
            peer: socket.remoteAddress!,
            peerPort: socket.remotePort!,
          });
        });
      },
    );
    socket.destroy();
    const id = header(finalHead(seen.text).headers, 'X-Switchyard-Capture')!;
    const ex = await stored(app, id);
    expect(ex.server).toEqual({ address: seen.peer, port: seen.peerPort, family: 'IPv4' });
    expect(ex.client).toEqual({ address: '127.0.0.1', port: seen.local, family: 'IPv4' });
  });
});
