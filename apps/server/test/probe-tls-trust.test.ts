/**
 * The server's probe trusts the server's own TLS certificate (the self-signed development one
 * here) on top of the default roots, so the playground can probe its own `wss://` address;
 * verification stays on, so another self-signed server (another instance's development
 * certificate, with its own key) is still refused unless the user asks for `insecure`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { developmentCertificate } from '../src/features/h2c/dev-cert.js';
import { probeTrust } from '../src/features/probe/trust.js';
import { listenApp } from './support/http.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'switchyard-probe-trust-'));
let app: FastifyInstance;
let tlsPort: number;
let stranger: https.Server;
let strangerPort: number;

beforeAll(async () => {
  ({ app } = await listenApp({ DATA_DIR: dataDir }));
  tlsPort = (await app.listenTls(0, '127.0.0.1')).port;
  const otherDir = mkdtempSync(path.join(dataDir, 'other-'));
  // Another instance's development certificate: self-signed too, with a key of its own.
  stranger = https.createServer(developmentCertificate(otherDir), (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('stranger');
  });
  await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
  strangerPort = (stranger.address() as AddressInfo).port;
}, 60_000);

afterAll(async () => {
  stranger?.closeAllConnections();
  await new Promise<void>((resolve) => (stranger ? stranger.close(() => resolve()) : resolve()));
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface ProbeReply {
  id: string;
  outcome: string;
  status: number | null;
  handshake: { ok: boolean } | null;
  type?: string;
  detail?: string;
  exchange?: { probe?: { tls?: { authorized?: boolean } } };
}

async function probe(body: object) {
  const res = await app.inject({ method: 'POST', url: '/api/probe', payload: body });
  return { res, json: res.json() as ProbeReply };
}

describe("the probe's TLS trust", { timeout: 45_000 }, () => {
  it("probes the server's own wss:// address and gets the 101", async () => {
    const { res, json } = await probe({ url: `wss://127.0.0.1:${tlsPort}/ws/echo` });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    expect(json.status).toBe(101);
    expect(json.outcome).toBe('upgraded');
    expect(json.handshake?.ok).toBe(true);
    await app.inject({
      method: 'POST',
      url: `/api/probe/${json.id}/send`,
      payload: { type: 'abort' },
    });
  });

  it("probes the server's own https:// address", async () => {
    const { res, json } = await probe({ url: `https://127.0.0.1:${tlsPort}/api/status/204` });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    expect(json.status).toBe(204);
  });

  it('still refuses a different self-signed server', async () => {
    const { res, json } = await probe({ url: `https://127.0.0.1:${strangerPort}/` });
    expect(res.statusCode).toBe(502);
    expect(json.type).toMatch(/probe-unreachable/);
    expect(json.detail).toMatch(/self[- ]signed/i);
  });

  it('reaches that server only when verification is turned off on purpose (insecure)', async () => {
    // The control for the refusal above: the server is up and speaks HTTP; only trust differs.
    const { res, json } = await probe({
      url: `https://127.0.0.1:${strangerPort}/`,
      insecure: true,
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    expect(json.status).toBe(200);
  });
});

describe('probeTrust', () => {
  it('adds the server certificate to the default roots instead of replacing them', () => {
    const ca = probeTrust(app.config, app.log).ca();
    const own = readFileSync(path.join(dataDir, 'tls', 'dev-cert.pem'), 'utf8');
    expect(ca).toEqual([...tls.rootCertificates, own]);
    expect(tls.rootCertificates.length).toBeGreaterThan(50);
  });

  it('trusts nothing extra when TLS is off', () => {
    expect(probeTrust({ ...app.config, tls: false }, app.log).ca()).toBeUndefined();
  });
});
