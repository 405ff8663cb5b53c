/**
 * `POST /api/lab/echo-paths` (issue 8): the real server reaches its own /ws/echo three ways
 * over loopback. Checked against what the server itself captured (the capture store), and the
 * client records against the RFCs: 101 for HTTP/1.1, 101 then 200 for h2c + RFC 8441, 200 for
 * prior knowledge + RFC 8441; Key/Accept only on path 1; masking on every client frame.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { captureText, listenApp } from './h2c-helpers.js';
import { makeApp } from './support/http.js';

interface Path {
  key: string;
  ok: boolean;
  error?: string;
  statuses: number[];
  captures: { id: string; link: string; what: string }[];
  http1?: { request: { headers: [string, string][] }; response?: { headers: [string, string][] } };
  h2?: {
    enableConnectProtocol?: number;
    streams: {
      id: number;
      role: string;
      request: [string, string][];
      response?: [string, string][];
      status?: number;
    }[];
    frames: { direction: string; typeName: string; streamId: number }[];
  };
  websocket: {
    carriedIn: string;
    streamId?: number;
    frames: { direction: string; opcode: number; masked: boolean }[];
    close?: { clean: boolean; code: number };
    receivedText?: string;
  };
  wire: { sentBytes: number; sentBase64: string };
}

const names = (h: [string, string][] | undefined) => (h ?? []).map(([n]) => n.toLowerCase());

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  ({ app, base } = await listenApp());
});
afterAll(async () => {
  await app.close();
});

async function run(body: unknown = { message: 'lab says hi' }) {
  const res = await fetch(`${base}/api/lab/echo-paths`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { res, json: (await res.json()) as { ok: boolean; paths: Path[]; message: string } };
}

describe('POST /api/lab/echo-paths', () => {
  it('reaches the echo three ways: 101, 101 then 200, 200', async () => {
    const { res, json } = await run();
    expect(res.status).toBe(200);
    const errors = json.paths.map((p) => p.error);
    expect(errors).toEqual([undefined, undefined, undefined]);
    expect(json.ok).toBe(true);
    const [h1, h2c, pk] = json.paths as [Path, Path, Path];
    expect(json.paths.map((p) => p.key)).toEqual([
      'http1-upgrade',
      'h2c-upgrade',
      'h2-prior-knowledge',
    ]);
    expect(h1.statuses).toEqual([101]);
    expect(h2c.statuses).toEqual([101, 200]);
    expect(pk.statuses).toEqual([200]);
    for (const p of json.paths) {
      expect(p.websocket.receivedText).toBe('lab says hi');
      expect(p.websocket.close).toMatchObject({ clean: true, code: 1000 });
      // RFC 6455 §5.1: every client frame masked, no server frame masked, on every path.
      for (const f of p.websocket.frames) {
        expect(f.masked).toBe(f.direction === 'client-to-server');
      }
    }

    // Path 1: Key/Accept and Upgrade: websocket; the frames ride on TCP.
    expect(names(h1.http1!.request.headers)).toContain('sec-websocket-key');
    expect(names(h1.http1!.response!.headers)).toContain('sec-websocket-accept');
    expect(h1.websocket.carriedIn).toBe('tcp');

    // Path 2: Upgrade: h2c with HTTP2-Settings, 101, stream 1 answered, CONNECT on stream 3.
    const upgrade = h2c.http1!.request.headers;
    expect(upgrade).toContainEqual(['Upgrade', 'h2c']);
    expect(names(upgrade)).toContain('http2-settings');
    expect(h2c.h2!.streams.map((s) => [s.id, s.role, s.status])).toEqual([
      [1, 'upgraded-request', 204],
      [3, 'extended-connect', 200],
    ]);
    expect(h2c.websocket.streamId).toBe(3);

    // Path 3: the CONNECT is stream 1; no HTTP/1.1 at all.
    expect(pk.http1).toBeUndefined();
    expect(Buffer.from(pk.wire.sentBase64, 'base64').subarray(0, 24).toString('latin1')).toBe(
      'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
    );
    for (const p of [h2c, pk]) {
      expect(p.h2!.enableConnectProtocol).toBe(1);
      const connect = p.h2!.streams.find((s) => s.role === 'extended-connect')!;
      expect(connect.request).toContainEqual([':protocol', 'websocket']);
      expect(connect.request).toContainEqual([':method', 'CONNECT']);
      // RFC 8441 §5: no Sec-WebSocket-Key or Accept, and no Upgrade/Connection (RFC 9113 §8.2.2).
      for (const absent of ['sec-websocket-key', 'upgrade', 'connection']) {
        expect(names(connect.request)).not.toContain(absent);
      }
      expect(names(connect.response)).not.toContain('sec-websocket-accept');
      expect(p.websocket.carriedIn).toBe('http2-data');
      expect(p.h2!.frames.some((f) => f.typeName === 'DATA' && f.streamId === connect.id)).toBe(
        true,
      );
    }
  });

  it("links each path to the server's own capture of it", async () => {
    const { json } = await run();
    const [h1, h2c, pk] = json.paths as [Path, Path, Path];
    expect(h1.captures.map((c) => c.what)).toEqual(['websocket']);
    expect(h2c.captures.map((c) => c.what)).toEqual(['upgraded-request', 'websocket']);
    expect(pk.captures.map((c) => c.what)).toEqual(['websocket']);
    for (const p of [h1, h2c, pk]) {
      const ws = p.captures.find((c) => c.what === 'websocket')!;
      expect(ws.link).toBe(`/x/${ws.id}`);
      // The server's capture holds the same message and a clean close.
      const captured = JSON.parse(await captureText(app, ws.id, '"clean":true'));
      expect(captured.websocket.close).toMatchObject({ clean: true, code: 1000 });
      const texts = (captured.websocket.frames as { opcode: number; payload: string }[])
        .filter((f) => f.opcode === 1)
        .map((f) => Buffer.from(f.payload, 'base64').toString('utf8'));
      expect(texts).toEqual(['lab says hi', 'lab says hi']);
    }
    const pkCapture = JSON.parse(await captureText(app, pk.captures[0]!.id, 'CONNECT'));
    expect(pkCapture.request.method).toBe('CONNECT');
    expect(pkCapture.response.status).toBe(200);
    const h1Capture = JSON.parse(await captureText(app, h1.captures[0]!.id, 'GET'));
    expect(h1Capture.response.status).toBe(101);
  });

  it('answers problem+json to a bad body', async () => {
    const { res, json } = await run({ message: '' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(json).toMatchObject({ status: 400 });
  });

  it('is described in the OpenAPI document', async () => {
    const res = await fetch(`${base}/api/openapi.json`);
    const doc = (await res.json()) as { paths: Record<string, { post?: { tags?: string[] } }> };
    expect(doc.paths['/api/lab/echo-paths']?.post?.tags).toEqual(['lab']);
  });
});

describe('without a listener', () => {
  it('answers 503 problem+json instead of connecting anywhere', async () => {
    const idle = await makeApp();
    try {
      const res = await idle.inject({ method: 'POST', url: '/api/lab/echo-paths', payload: {} });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().detail).toContain('not listening');
    } finally {
      await idle.close();
    }
  });
});
