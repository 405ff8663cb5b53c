/**
 * wss through TLS with an injected resolver: the probe connects to the resolved loopback
 * address, sends the original Host and the name as SNI (RFC 6066 §3), verifies the certificate
 * for that name, and records the TLS version and ALPN.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocketServer } from 'ws';
import { ProbeConnectError, defaultConnect, startProbe, type ConnectFn } from '../src/index.js';

let cert: string;
let server: https.Server;
let port: number;
const sniSeen: string[] = [];
const hostSeen: string[] = [];

beforeAll(async () => {
  const key = fileURLToPath(new URL('./support/tls/probe-test.key', import.meta.url));
  const crt = fileURLToPath(new URL('./support/tls/probe-test.crt', import.meta.url));
  cert = readFileSync(crt, 'utf8');
  server = https.createServer({ key: readFileSync(key), cert, ALPNProtocols: ['http/1.1'] });
  server.on('secureConnection', (s: TLSSocket) => {
    if (typeof s.servername === 'string') sniSeen.push(s.servername);
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws, req) => {
    hostSeen.push(req.headers.host ?? '');
    ws.on('message', (d) => ws.send(d));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const resolver = async () => [{ address: '127.0.0.1', family: 4 as const }];

describe('wss', () => {
  it('connects to the checked IP with the name as Host and SNI, and records TLS facts', async () => {
    const connect = vi.fn<ConnectFn>((r) => defaultConnect(r));
    const probe = await startProbe(
      { url: `wss://probe.test:${port}/` },
      { resolver, connect, tls: { ca: cert } },
    );
    await probe.ready;
    probe.close(1000);
    const { exchange } = await probe.result;
    expect(connect).toHaveBeenCalledTimes(1);
    expect(connect.mock.calls[0]![0]).toMatchObject({
      address: '127.0.0.1',
      tls: { servername: 'probe.test' },
    });
    expect(exchange.probe.outcome).toBe('upgraded');
    expect(exchange.probe.tls).toMatchObject({ authorized: true, alpn: 'http/1.1' });
    expect(exchange.probe.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(exchange.probe.timings.tls).toBeGreaterThanOrEqual(exchange.probe.timings.connect!);
    expect(exchange.probe.timings.dns).toBeDefined();
    expect(sniSeen).toContain('probe.test');
    expect(hostSeen).toContain(`probe.test:${port}`);
  });

  it('refuses an untrusted certificate (TLS phase error)', async () => {
    await expect(startProbe({ url: `wss://probe.test:${port}/` }, { resolver })).rejects.toSatisfy(
      (e) => e instanceof ProbeConnectError && e.phase === 'tls',
    );
  });
});
