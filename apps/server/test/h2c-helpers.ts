/**
 * Shared helpers of the h2c tests: the whole app on 127.0.0.1:0 (memory storage), the
 * independent peers (Debian's curl, nghttp, h2load) run with bounded time, and a bounded poll
 * for a stored capture.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { listenApp as listenShared } from './support/http.js';

/**
 * Builds the app and listens on 127.0.0.1:0 (a temporary DATA_DIR for the TLS certificate, one
 * per test process: files run in parallel must not create one certificate pair at once).
 */
export async function listenApp(
  env: Record<string, string> = {},
): Promise<{ app: FastifyInstance; port: number; base: string }> {
  const { app, port } = await listenShared({
    DATA_DIR: path.join(os.tmpdir(), `switchyard-h2c-test-${process.pid}`),
    ...env,
  });
  return { app, port, base: `http://127.0.0.1:${port}` };
}

/** Runs a peer; resolves with its output even when it exits non-zero (the test decides). */
export function runPeer(
  file: string,
  args: string[],
  timeoutMs = 15_000,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ stdout, stderr, code });
      },
    );
  });
}

/** curl -v with a bounded time; `received` holds the "< " lines (response heads). */
export async function curl(
  args: string[],
): Promise<{ received: string[]; stderr: string; body: string; code: number | null }> {
  const { stdout, stderr, code } = await runPeer('curl', [
    '-sS',
    '-v',
    '--max-time',
    '10',
    ...args,
  ]);
  const received = stderr
    .split(/\r?\n/)
    .filter((line) => line.startsWith('< '))
    .map((line) => line.slice(2).trimEnd());
  return { received, stderr, body: stdout, code };
}

/** Status lines among curl's received lines. */
export function statusLines(received: string[]): string[] {
  return received.filter((line) => line.startsWith('HTTP/'));
}

/** The capture id a response names (X-Switchyard-Capture), from curl's received lines. */
export function captureIdOf(received: string[]): string | undefined {
  const line = received.find((l) => /^x-switchyard-capture:/i.test(l));
  return line?.split(':')[1]?.trim();
}

/** Polls `app.captures.get(id)` until it holds `text` (bounded: 15 s). */
export async function captureText(app: FastifyInstance, id: string, text: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const exchange = await app.captures.get(id);
    const json = JSON.stringify(exchange ?? null);
    if (json.includes(text) || Date.now() > deadline) return json;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A masked client WebSocket frame written by hand (RFC 6455 §5.2: FIN set, payload < 126
 * bytes), for the RFC 8441 tests: independent of our frame writer and of `ws`.
 */
export function clientFrame(opcode: number, payload: Buffer): Buffer {
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, masked]);
}

/**
 * The whole app for one test file: listening on 127.0.0.1:0 (cleartext: HTTP/1.1 and h2c) and
 * on a TLS port (ALPN h2 and http/1.1), with a temporary DATA_DIR (the TLS certificate, the
 * SQLite file) removed afterwards; started before the file's tests and closed after them. Read
 * its fields inside tests.
 */
export function useH2App(
  prefix: string,
  env: Record<string, string> = {},
): { app: FastifyInstance; port: number; base: string; tlsBase: string } {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const state = { app: undefined as unknown as FastifyInstance, port: 0, base: '', tlsBase: '' };
  beforeAll(async () => {
    const started = await listenApp({ DATA_DIR: dataDir, ...env });
    state.app = started.app;
    state.port = started.port;
    state.base = started.base;
    state.tlsBase = `https://127.0.0.1:${(await started.app.listenTls(0, '127.0.0.1')).port}`;
  });
  afterAll(async () => {
    await state.app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return state;
}
