/**
 * The TLS listener (issue 8): ALPN picks h2 or http/1.1 (RFC 7301, RFC 9113 §3.2), wss:// works
 * through the same WebSocket endpoints, and the development certificate is created once under
 * DATA_DIR and reused. Peers: Debian's curl and nghttp, python3-websockets 10.4, and Node's
 * http2 client for the UI's live channel over RFC 8441 (what Chromium does on an h2 page).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http2 from 'node:http2';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { curl, listenApp, runPeer, statusLines } from './h2c-helpers.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'switchyard-tls-'));
let app: FastifyInstance;
let tlsBase: string;
let tlsPort: number;

beforeAll(async () => {
  ({ app } = await listenApp({ DATA_DIR: dataDir }));
  tlsPort = (await app.listenTls(0, '127.0.0.1')).port;
  tlsBase = `https://127.0.0.1:${tlsPort}`;
});
afterAll(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ALPN', () => {
  it('h2: curl gets HTTP/2 over TLS', async () => {
    const { received, stderr, body } = await curl(['-k', '--http2', `${tlsBase}/api/status/200`]);
    expect(stderr).toMatch(/ALPN[:,] server accepted (to use )?h2/);
    expect(statusLines(received)).toEqual(['HTTP/2 200']);
    expect(JSON.parse(body).request.httpVersion).toBe('HTTP/2.0');
  });

  it('http/1.1: curl --http1.1 gets HTTP/1.1 over TLS', async () => {
    const { received, body } = await curl(['-k', '--http1.1', `${tlsBase}/api/status/201`]);
    expect(statusLines(received)).toEqual(['HTTP/1.1 201 Created']);
    expect(JSON.parse(body).request.httpVersion).toBe('HTTP/1.1');
  });

  it('nghttp sees SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 (RFC 8441 §3)', async () => {
    const { stdout, code } = await runPeer('nghttp', ['-nv', '-t', '10', `${tlsBase}/healthz`]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/SETTINGS_ENABLE_CONNECT_PROTOCOL\(0x08\):1/);
    expect(stdout).toMatch(/:status: 200/);
  });

  it('Upgrade: h2c is not switched on TLS', async () => {
    const { received } = await curl([
      '-k',
      '--http1.1',
      '-H',
      'Upgrade: h2c',
      '-H',
      'Connection: Upgrade, HTTP2-Settings',
      '-H',
      'HTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA',
      '-o',
      '/dev/null',
      `${tlsBase}/api/status/200`,
    ]);
    expect(statusLines(received)).toEqual(['HTTP/1.1 200 OK']);
  });
});

describe('wss://', () => {
  it('python3-websockets echoes over TLS', async () => {
    const script = [
      'import asyncio, ssl, sys, websockets',
      'async def main():',
      '    ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE',
      '    async with websockets.connect(sys.argv[1], ssl=ctx, open_timeout=5, close_timeout=2) as ws:',
      '        await ws.send("over tls")',
      '        print(await asyncio.wait_for(ws.recv(), 5))',
      'asyncio.run(main())',
    ].join('\n');
    const { stdout, stderr, code } = await runPeer('/usr/bin/python3', [
      '-c',
      script,
      `wss://127.0.0.1:${tlsPort}/ws/echo`,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('over tls');
  });
});

/** A masked client text or close frame (RFC 6455 §5.2, payload < 126 bytes). */
function maskedFrame(opcode: number, payload: Buffer): Buffer {
  const mask = Buffer.from([0xa1, 0xb2, 0xc3, 0xd4]);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, masked]);
}

/** Splits unmasked server frames off `bytes` (RFC 6455 §5.2 lengths: 7, 16 or 64 bits). */
function serverFrames(bytes: Buffer): {
  frames: { opcode: number; payload: Buffer }[];
  rest: Buffer;
} {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let at = 0;
  while (bytes.length - at >= 2) {
    const opcode = bytes[at]! & 0x0f;
    let length = bytes[at + 1]! & 0x7f;
    let header = 2;
    if (length === 126) {
      if (bytes.length - at < 4) break;
      length = bytes.readUInt16BE(at + 2);
      header = 4;
    } else if (length === 127) {
      if (bytes.length - at < 10) break;
      length = Number(bytes.readBigUInt64BE(at + 2));
      header = 10;
    }
    if (bytes.length - at < header + length) break;
    frames.push({ opcode, payload: bytes.subarray(at + header, at + header + length) });
    at += header + length;
  }
  return { frames, rest: bytes.subarray(at) };
}

describe('the live channel over RFC 8441 (a page served over h2 opens wss:// this way)', () => {
  it('extended CONNECT to /api/live is answered 200 and delivers capture events', async () => {
    const client = http2.connect(tlsBase, { rejectUnauthorized: false });
    try {
      const outcome = await new Promise<{
        settings: boolean | undefined;
        status: number | undefined;
        accept: unknown;
        messages: { type?: string; id?: string }[];
        captureId: string | undefined;
      }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out')), 15_000);
        const out = {
          settings: undefined as boolean | undefined,
          status: undefined as number | undefined,
          accept: undefined as unknown,
          messages: [] as { type?: string; id?: string }[],
          captureId: undefined as string | undefined,
        };
        client.on('error', reject);
        client.once('remoteSettings', (settings) => {
          // RFC 8441 §3: a client may only use extended CONNECT once the server allowed it.
          out.settings = settings.enableConnectProtocol;
          const live = client.request({
            ':method': 'CONNECT',
            ':protocol': 'websocket',
            ':scheme': 'https',
            ':path': '/api/live',
            ':authority': `127.0.0.1:${tlsPort}`,
            'sec-websocket-version': '13',
          });
          let pending: Buffer = Buffer.alloc(0);
          let closing = false;
          live.on('response', (headers) => {
            out.status = headers[':status'];
            out.accept = headers['sec-websocket-accept'];
            if (out.status === 200)
              live.write(maskedFrame(0x1, Buffer.from('{"subscribe":"all"}')));
          });
          live.on('data', (chunk: Buffer) => {
            const { frames, rest } = serverFrames(Buffer.concat([pending, chunk]));
            pending = rest;
            for (const frame of frames) {
              if (frame.opcode !== 0x1) continue;
              const message = JSON.parse(frame.payload.toString('utf8')) as {
                type?: string;
                id?: string;
              };
              out.messages.push(message);
              if (message.type === 'subscribed') {
                // A captured request on the same connection; its events must arrive here.
                const probe = client.request({ ':path': '/api/status/204' });
                probe.on('response', (headers) => {
                  out.captureId = headers['x-switchyard-capture'] as string | undefined;
                });
                probe.resume();
              }
              if (
                !closing &&
                out.captureId !== undefined &&
                out.messages.some((m) => m.id === out.captureId && m.type === 'end')
              ) {
                closing = true;
                live.write(maskedFrame(0x8, Buffer.from([0x03, 0xe8])));
              }
            }
          });
          live.on('close', () => {
            clearTimeout(timer);
            resolve(out);
          });
          live.on('error', () => undefined);
        });
      });
      expect(outcome.settings).toBe(true);
      // RFC 8441 §5: 2xx, not 101, and no Sec-WebSocket-Accept.
      expect(outcome.status).toBe(200);
      expect(outcome.accept).toBeUndefined();
      expect(outcome.messages[0]).toEqual({ type: 'subscribed', id: 'all' });
      expect(outcome.captureId).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      const ofCapture = outcome.messages.filter((m) => m.id === outcome.captureId);
      expect(ofCapture.map((m) => m.type)).toContain('response');
      expect(ofCapture.at(-1)?.type).toBe('end');
    } finally {
      client.close();
    }
  });
});

describe('certificates', () => {
  it('the development certificate is created once under DATA_DIR and reused', async () => {
    const certFile = path.join(dataDir, 'tls', 'dev-cert.pem');
    const first = readFileSync(certFile, 'utf8');
    expect(first).toContain('BEGIN CERTIFICATE');
    const again = await listenApp({ DATA_DIR: dataDir });
    try {
      const port = (await again.app.listenTls(0, '127.0.0.1')).port;
      const { received } = await curl([
        '-k',
        '-o',
        '/dev/null',
        `https://127.0.0.1:${port}/healthz`,
      ]);
      expect(statusLines(received)).toEqual(['HTTP/2 200']);
    } finally {
      await again.app.close();
    }
    expect(readFileSync(certFile, 'utf8')).toBe(first);
  });

  it('TLS_CERT and TLS_KEY are served when configured', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'switchyard-tls-own-'));
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    // A certificate of our own, told apart from the development one by its subject.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
      ].concat(['-days', '1', '-subj', '/CN=configured.test', '-keyout', key, '-out', cert]),
      { stdio: 'ignore', timeout: 30_000 },
    );
    const own = await listenApp({ DATA_DIR: dir, TLS_CERT: cert, TLS_KEY: key });
    try {
      const port = (await own.app.listenTls(0, '127.0.0.1')).port;
      const { stderr, received } = await curl([
        '-k',
        '-o',
        '/dev/null',
        `https://127.0.0.1:${port}/healthz`,
      ]);
      expect(stderr).toMatch(/subject: CN\s?=\s?configured\.test/);
      expect(statusLines(received)).toEqual(['HTTP/2 200']);
    } finally {
      await own.app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
