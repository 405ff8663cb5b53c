/**
 * The `switchyard probe` CLI (built, spawned) against this server's own endpoints, as the
 * README's "Probe CLI" section shows it: exit 0 on /ws/echo, 1 on a handshake fault.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { startApp } from './support/ws-helpers.js';

const BIN = fileURLToPath(new URL('../../../packages/probe/bin/switchyard.js', import.meta.url));
const DIST = fileURLToPath(new URL('../../../packages/probe/dist/cli.js', import.meta.url));

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  if (!existsSync(DIST)) throw new Error('build @switchyard/probe first (dist/cli.js missing)');
  ({ app, base } = await startApp());
});
afterAll(async () => {
  await app.close();
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill(), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('switchyard probe against this server', { timeout: 45_000 }, () => {
  it('exits 0 on /ws/echo', async () => {
    const r = await run(['probe', `ws://${base}/ws/echo`, '--send', 'hello', '--wait', '100']);
    expect(r.stdout).toContain('< HTTP/1.1 101 Switching Protocols');
    expect(r.code, `${r.stderr}\n${r.stdout}`).toBe(0);
  });

  it('exits 1 on /ws/faulty/bad-accept and names the finding', async () => {
    const r = await run(['probe', `ws://${base}/ws/faulty/bad-accept`]);
    expect(r.code, `${r.stderr}\n${r.stdout}`).toBe(1);
    expect(r.stdout).toMatch(/Sec-WebSocket-Accept/);
  });

  it('exits 1 on a frame fault the lint rules flag', async () => {
    const r = await run(['probe', `ws://${base}/ws/faulty/masked-server-frame`, '--json']);
    expect(r.code, `${r.stderr}\n${r.stdout}`).toBe(1);
    const out = JSON.parse(r.stdout) as { findings: { severity: string }[] };
    expect(out.findings.some((f) => f.severity === 'error')).toBe(true);
  });

  it('follows a redirect hop by hop with --follow', async () => {
    const r = await run(['probe', `http://${base}/api/status/302`, '--follow', '3', '--json']);
    const out = JSON.parse(r.stdout) as {
      exchanges: { response?: { status: number }; probe: { redirect?: { next?: string } } }[];
    };
    expect(out.exchanges.map((e) => e.response?.status)).toEqual([302, 200]);
    expect(out.exchanges[0]!.probe.redirect?.next).toBe(`http://${base}/api/status/200`);
    expect(r.code, `${r.stderr}\n${r.stdout}`).toBe(0);
  });
});
