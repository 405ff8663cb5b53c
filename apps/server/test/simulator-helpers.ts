/**
 * Shared helpers of the simulator tests: an app on port 0 and a raw TCP client that shows the
 * exact bytes on the wire (interim responses included). Every wait is bounded.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import simulator from '../src/features/simulator/index.js';
import problem from '../src/plugins/problem.js';

/** The shared builders (support/http.ts), under the names the simulator tests use. */
export { makeApp, listenApp as listen } from './support/http.js';

/**
 * Only the simulator (and the problem handlers) on 127.0.0.1:0: no other plugin listens for
 * 'upgrade', so the tests control whether Node routes upgrade requests as ordinary requests.
 */
export async function listenBare(
  env: Record<string, string> = {},
): Promise<{ app: FastifyInstance; port: number }> {
  const app = Fastify({ logger: false });
  app.decorate('config', loadConfig({ LOG_LEVEL: 'silent', ...env }));
  await app.register(problem);
  await app.register(simulator);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, port: (app.server.address() as AddressInfo).port };
}

/** A raw TCP client: write bytes, wait for what comes back. */
export class RawClient {
  private readonly socket: net.Socket;
  private received = '';
  private ended = false;
  private waiters: (() => void)[] = [];

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.received += chunk;
      this.notify();
    });
    socket.on('close', () => {
      this.ended = true;
      this.notify();
    });
    socket.on('error', () => {
      this.ended = true;
      this.notify();
    });
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Everything received so far. */
  get text(): string {
    return this.received;
  }

  /** Whether the server closed the connection. */
  get closed(): boolean {
    return this.ended;
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Resolves with the received text once `predicate` holds; rejects after `timeoutMs`. */
  waitFor(predicate: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (predicate(this.received)) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve(this.received);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out; received so far:\n${this.received}`));
      }, timeoutMs);
      if (!check()) this.waiters.push(check);
    });
  }

  /** Waits until the server closes the connection. */
  async waitClose(timeoutMs = 15_000): Promise<string> {
    await this.waitFor(() => this.ended, timeoutMs);
    return this.received;
  }

  /** Waits for `count` complete responses framed by Content-Length (or with no content). */
  async waitResponses(
    count: number,
    noContent = false,
    timeoutMs = 15_000,
  ): Promise<HttpMessage[]> {
    const finals = (t: string) => parseResponses(t, noContent).filter((r) => r.status >= 200);
    await this.waitFor((t) => finals(t).length >= count, timeoutMs);
    return parseResponses(this.received, noContent);
  }

  destroy(): void {
    this.socket.destroy();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

export interface HttpMessage {
  status: number;
  reason: string;
  /** Header lines as received: [name, value]. */
  headers: [string, string][];
  body: string;
}

/** First value of a header (case-insensitive). */
export function header(message: HttpMessage, name: string): string | undefined {
  return message.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

/**
 * Splits received bytes into responses (interim ones included). A final response's content is
 * framed by Content-Length; none for 1xx, 204, 304 and `noContent` (HEAD).
 */
export function parseResponses(text: string, noContent = false): HttpMessage[] {
  const out: HttpMessage[] = [];
  let rest = text;
  while (rest.length > 0) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const lines = rest.slice(0, end).split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3}) ?(.*)$/.exec(lines[0] ?? '');
    if (!match) break;
    const status = Number(match[1]);
    const headers = lines.slice(1).map((line): [string, string] => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon), line.slice(colon + 1).trim()];
    });
    rest = rest.slice(end + 4);
    const length = Number(headers.find(([n]) => n.toLowerCase() === 'content-length')?.[1] ?? 0);
    const bodyless = status < 200 || status === 204 || status === 304 || noContent;
    if (!bodyless && rest.length < length) break;
    // The client reads latin1 (one char per byte) so Content-Length counts chars; decode UTF-8.
    const body = bodyless ? '' : Buffer.from(rest.slice(0, length), 'latin1').toString('utf8');
    rest = bodyless ? rest : rest.slice(length);
    out.push({ status, reason: match[2] ?? '', headers, body });
  }
  return out;
}
