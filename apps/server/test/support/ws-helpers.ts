/**
 * Helpers of the WebSocket and fault tests: the whole app on 127.0.0.1:0, a `ws` client whose
 * every wait is bounded, and a raw TCP client that shows the exact bytes on the wire.
 */
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { WebSocket, type ClientOptions } from 'ws';
import { listenApp } from './http.js';

/**
 * Default bound of every wait in these tests, ms: generous, since a loaded CI machine can stall
 * a healthy exchange for seconds (a bound only matters when something is broken).
 */
export const WAIT_MS = 15_000;

/** The app with in-memory storage and a silent logger, listening on 127.0.0.1:0. */
export async function startApp(
  env: Record<string, string> = {},
): Promise<{ app: FastifyInstance; port: number; base: string }> {
  const { app, port } = await listenApp(env);
  return { app, port, base: `127.0.0.1:${port}` };
}

/** Resolves with the first emission of `event`, rejects after `ms`. */
export function once<T = unknown[]>(
  emitter: NodeJS.EventEmitter,
  event: string,
  ms = WAIT_MS,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`timed out after ${ms} ms waiting for '${event}'`));
    }, ms);
    const listener = (...args: unknown[]) => {
      clearTimeout(timer);
      resolve(args as T);
    };
    emitter.once(event, listener);
  });
}

/** Opens a `ws` client and waits for 'open' (or rejects with its error). */
export async function openWs(url: string, protocols?: string[], options: ClientOptions = {}) {
  const ws = new WebSocket(url, protocols, { handshakeTimeout: WAIT_MS, ...options });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('open timed out')), WAIT_MS);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return ws;
}

/** The next message of a `ws` client: data and whether it was binary. */
export async function nextMessage(ws: WebSocket, ms = WAIT_MS) {
  const [data, isBinary] = await once<[Buffer, boolean]>(ws, 'message', ms);
  return { data, isBinary };
}

/** What a `ws` client that was refused or failed ends with. */
export interface WsOutcome {
  error?: string;
  /** Status of a refused handshake ('unexpected-response'). */
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  body?: string;
  closeCode?: number;
  closeReason?: string;
  opened: boolean;
}

/**
 * Connects and records how it ends: error message, unexpected response (status, headers,
 * body), or close code. `whenOpen` runs once open (e.g. send a ping). Bounded by `ms`.
 */
export function wsOutcome(
  url: string,
  options: ClientOptions & {
    protocols?: string[];
    whenOpen?: (ws: WebSocket) => void;
    /** Leave a non-101 answer to `ws` itself (it then errors "Unexpected server response"). */
    rawErrors?: boolean;
    /** ws >= 8.17 option (missing from @types/ws): wait for the peer's Close this long, ms. */
    closeTimeout?: number;
  } = {},
  ms = WAIT_MS,
): Promise<WsOutcome> {
  const { protocols, whenOpen, rawErrors, ...clientOptions } = options;
  return new Promise((resolve) => {
    const outcome: WsOutcome = { opened: false };
    const ws = new WebSocket(url, protocols, { handshakeTimeout: ms, ...clientOptions });
    const timer = setTimeout(() => {
      outcome.error ??= 'test timeout';
      ws.terminate();
      resolve(outcome);
    }, ms + 1000);
    if (!rawErrors)
      ws.on('unexpected-response', (_req, res) => {
        outcome.status = res.statusCode;
        outcome.headers = res.headers;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          outcome.body = body;
          clearTimeout(timer);
          ws.terminate();
          resolve(outcome);
        });
      });
    ws.on('open', () => {
      outcome.opened = true;
      whenOpen?.(ws);
    });
    ws.on('error', (err) => {
      outcome.error ??= err.message;
    });
    ws.on('close', (code, reason) => {
      outcome.closeCode = code;
      outcome.closeReason = reason.toString();
      clearTimeout(timer);
      resolve(outcome);
    });
  });
}

/** Sends `request` on a raw TCP connection; resolves with everything until the server closes. */
export function rawExchange(port: number, request: string | Buffer, ms = WAIT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`raw exchange timed out; got ${JSON.stringify(text.slice(0, 200))}`));
    }, ms);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
    socket.write(request);
  });
}

/**
 * Sends `request` on a new loopback connection and resolves with what arrived up to and
 * including the end of the response head (for a 101, the connection then stays open: it is
 * destroyed here). Bounded by `ms`.
 */
export function responseHead(port: number, request: string, ms = WAIT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no response head within ${ms} ms; got ${JSON.stringify(text)}`));
    }, ms);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (!text.includes('\r\n\r\n')) return;
      clearTimeout(timer);
      socket.destroy();
      resolve(text);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.write(request);
  });
}

/** Splits a raw HTTP/1.1 response into status, lowercased headers and body. */
export function parseRaw(text: string) {
  const end = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return {
    statusLine,
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: text.slice(end + 4),
  };
}

/** A well-formed handshake request for `path` (RFC 6455 §4.1), with extra lines. */
export function handshake(path: string, extra: string[] = [], method = 'GET', version = '1.1') {
  return [
    `${method} ${path} HTTP/${version}`,
    'Host: 127.0.0.1',
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...extra,
    '',
    '',
  ].join('\r\n');
}
