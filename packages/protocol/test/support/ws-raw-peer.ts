/**
 * Loopback harness: drives our sans-I/O core over a real node:net socket, so that independent
 * peers (ws, python3-websockets) judge the bytes it writes.
 */
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import type {
  ConnectionEvent,
  DeflateOffer,
  DeflateServerConfig,
  ServerHandshakeOptions,
} from '../../src/index.js';
import {
  buildClientRequest,
  serializeHandshakeResponse,
  validateClientRequest,
  validateServerResponse,
  WebSocketConnection,
} from '../../src/index.js';
import { nodeZlibEngine } from './node-zlib.js';

const CRLFCRLF = Buffer.from('\r\n\r\n');

/** Minimal head reader for tests: start line plus `name: value` lines. */
export function readHead(
  buf: Buffer,
): { start: string; headers: [string, string][]; rest: Buffer } | undefined {
  const end = buf.indexOf(CRLFCRLF);
  if (end < 0) return undefined;
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const headers = lines.slice(1).map((l): [string, string] => {
    const i = l.indexOf(':');
    return [l.slice(0, i), l.slice(i + 1).trim()];
  });
  return { start: lines[0]!, headers, rest: buf.subarray(end + 4) };
}

/** A WebSocketConnection wired to a socket, collecting every event. */
export class WiredConnection {
  readonly events: ConnectionEvent[] = [];
  private waiters: (() => void)[] = [];
  ended = false;

  constructor(
    readonly socket: net.Socket,
    readonly conn: WebSocketConnection,
  ) {
    socket.on('data', (d: Buffer) => this.apply(conn.receive(d)));
    socket.on('end', () => {
      this.ended = true;
      this.apply(conn.receiveEnd());
    });
    socket.on('close', () => {
      this.ended = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  apply(events: ConnectionEvent[]): void {
    for (const e of events) {
      this.events.push(e);
      if (e.type === 'send' && !this.socket.destroyed) this.socket.write(e.bytes);
      if (e.type === 'close-transport') this.socket.end();
    }
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves with the first event matching `pred` (searching from `from`), or rejects after `ms`. */
  async waitFor<T extends ConnectionEvent>(
    pred: (e: ConnectionEvent) => e is T,
    from = 0,
    ms = 15_000,
  ): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.events.slice(from).find(pred);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`timeout; events: ${this.events.map((e) => e.type).join(',')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

/** Reads until the head is complete (bounded by `ms`). */
function readHeadFrom(
  socket: net.Socket,
  ms = 15_000,
): Promise<{ start: string; headers: [string, string][]; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => reject(new Error('head timeout')), ms);
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const head = readHead(buf);
      if (head) {
        clearTimeout(timer);
        socket.off('data', onData);
        resolve(head);
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/** Connects to a WebSocket server on loopback with our client core. */
export async function connectRawClient(
  port: number,
  options: { path?: string; protocols?: string[]; deflate?: DeflateOffer[] } = {},
) {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) =>
    socket.once('connect', resolve).once('error', reject),
  );
  const request = buildClientRequest({
    host: `127.0.0.1:${port}`,
    path: options.path ?? '/',
    random16: randomBytes(16),
    protocols: options.protocols ?? [],
    deflate: options.deflate ?? [],
  });
  socket.write(request.bytes);
  const head = await readHeadFrom(socket);
  const status = Number(head.start.split(' ')[1]);
  const validation = validateServerResponse({ status, headers: head.headers }, request.offered);
  const connOptions: ConstructorParameters<typeof WebSocketConnection>[0] = {
    role: 'client',
    randomMask: () => randomBytes(4),
  };
  if (validation.deflate)
    connOptions.deflate = { params: validation.deflate, engine: nodeZlibEngine };
  const wired = new WiredConnection(socket, new WebSocketConnection(connOptions));
  if (head.rest.length > 0) wired.apply(wired.conn.receive(head.rest));
  return { wired, validation, head, request };
}

/** A loopback server that answers handshakes with our server core. */
export async function startRawServer(
  options: ServerHandshakeOptions & {
    deflate?: DeflateServerConfig | false;
    /** Called right after the 101 is written (e.g. to send deliberately invalid frames). */
    onOpen?: (wired: WiredConnection) => void;
  } = {},
) {
  const connections: WiredConnection[] = [];
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    void readHeadFrom(socket)
      .then((head) => {
        const [method = '', , version = ''] = head.start.split(' ');
        const result = validateClientRequest({ method, version, headers: head.headers }, options);
        if (!result.ok) {
          socket.end(
            serializeHandshakeResponse(result.status, [...result.headers, ['Content-Length', '0']]),
          );
          return;
        }
        socket.write(serializeHandshakeResponse(101, result.response.headers));
        const connOptions: ConstructorParameters<typeof WebSocketConnection>[0] = {
          role: 'server',
        };
        if (result.deflate)
          connOptions.deflate = { params: result.deflate, engine: nodeZlibEngine };
        const wired = new WiredConnection(socket, new WebSocketConnection(connOptions));
        connections.push(wired);
        // Echo every message back (what the peer sends, it gets back).
        const echo = wired.apply.bind(wired);
        wired.apply = (events) => {
          echo(events);
          for (const e of events) {
            if (e.type === 'message') {
              echo(
                e.text !== undefined ? wired.conn.sendText(e.text) : wired.conn.sendBinary(e.data),
              );
            }
          }
        };
        options.onOpen?.(wired);
        if (head.rest.length > 0) wired.apply(wired.conn.receive(head.rest));
      })
      .catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of connections) c.socket.destroy();
        server.close(() => resolve());
      }),
  };
}
