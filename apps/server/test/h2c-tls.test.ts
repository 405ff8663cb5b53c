/**
 * The TLS listener (issue 8): ALPN picks h2 or http/1.1 (RFC 7301, RFC 9113 §3.2), wss:// works
 * through the same WebSocket endpoints, and the development certificate is created once under
 * DATA_DIR and reused. Peers: Debian's curl and nghttp, python3-websockets 10.4.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
