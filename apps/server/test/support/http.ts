/**
 * Test helpers for the capture and exchanges tests: an app with in-memory storage on port 0,
 * a raw HTTP/1.1 exchange over TCP (bounded by a timeout), a bounded curl, and a bounded wait for
 * an exchange to reach the store.
 */
import { execFile } from 'node:child_process';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Exchange } from '@switchyard/exchange';
import { buildApp, type AppOptions } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

/**
 * Builds the app (silent logger; memory storage unless overridden, so no test writes a SQLite
 * file under ./data). Every server test builds its app through this.
 */
export async function makeApp(
  env: Record<string, string> = {},
  options: AppOptions = {},
): Promise<FastifyInstance> {
  return buildApp(loadConfig({ LOG_LEVEL: 'silent', STORAGE: 'memory', ...env }), options);
}

/** Builds the app and listens on 127.0.0.1:0. */
export async function listenApp(
  env: Record<string, string> = {},
  options: AppOptions = {},
): Promise<{ app: FastifyInstance; port: number }> {
  const app = await makeApp(env, options);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, port: (app.server.address() as AddressInfo).port };
}

/** Sends `request` as is and returns everything received until the server closes. */
export function rawExchange(
  port: number,
  request: string | Buffer,
  timeoutMs = 15_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`timed out; received:\n${received}`));
    }, timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (received += d));
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.write(request);
  });
}

/** Header lines of the first response head in `text` whose status is >= 200. */
export function finalHead(text: string): { status: number; headers: [string, string][] } {
  for (const block of text.split('\r\n\r\n')) {
    const lines = block.split('\r\n');
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
    if (!m || Number(m[1]) < 200) continue;
    const headers = lines.slice(1).map((l): [string, string] => {
      const i = l.indexOf(':');
      return [l.slice(0, i), l.slice(i + 1).trim()];
    });
    return { status: Number(m[1]), headers };
  }
  throw new Error(`no final response in:\n${text}`);
}

/** Waits (bounded) until the store holds exchange `id`. */
export async function stored(
  app: FastifyInstance,
  id: string,
  timeoutMs = 15_000,
): Promise<Exchange> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const exchange = await app.exchangeStore.get(id);
    if (exchange) return exchange;
    if (Date.now() > until) throw new Error(`exchange ${id} never stored`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Runs curl (15 s per transfer, 30 s in all); resolves with stdout, rejects when curl fails. */
export function curlStdout(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'curl',
      ['-sS', '--max-time', '15', ...args],
      { timeout: 30_000, killSignal: 'SIGKILL' },
      (error, stdout, stderr) =>
        error ? reject(new Error(`curl failed: ${error.message} ${stderr}`)) : resolve(stdout),
    );
  });
}
