/**
 * The TLS listener (issue 8): one port where ALPN (RFC 7301) picks `h2` (RFC 9113 §3.2) or
 * `http/1.1`, served by the same Fastify router as the cleartext port. HTTP/1.1 upgrades
 * (`wss://`) go to the same 'upgrade' listeners as on the cleartext port. h2c is not offered
 * here: it names HTTP/2 over cleartext TCP (RFC 9113 §3.1); on TLS, HTTP/2 is chosen by ALPN.
 */
import http2 from 'node:http2';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import type { TlsMaterial } from './dev-cert.js';
import { offeredNames } from './qualify.js';
import type { H2ConnectionTap } from './h2-frame-tap.js';
import type { TappedSocket } from './tapped-socket.js';
import { simulatorDecidesContinue } from '../simulator/index.js';

/** What the listener needs from the h2c plugin. */
export interface TlsListenerDeps {
  app: FastifyInstance;
  /** Serves one HTTP/2 request (through the Fastify router). */
  onH2Request(req: http2.Http2ServerRequest, res: http2.Http2ServerResponse): void;
  /** Answers CONNECT requests (RFC 8441 extended CONNECT). */
  onConnect(req: http2.Http2ServerRequest, res: http2.Http2ServerResponse): void;
  /** Emits on the cleartext server, past the h2c interception (upgrade, checkContinue). */
  emitToHttp1(event: string, ...args: unknown[]): boolean;
  /** Notes for the capture of a declined upgrade request. */
  declined: WeakMap<IncomingMessage, string[]>;
  /** The response class that keeps connection-specific fields off (response-guard.ts). */
  Http2ServerResponse: typeof http2.Http2ServerResponse;
  /** Called with every HTTP/2 session, to be closed with the app. */
  trackSession(session: http2.ServerHttp2Session): void;
  /** CAPTURE on (issue 8): the tapped socket to hand to the HTTP/2 server instead. */
  tapH2?: ((socket: TLSSocket) => { socket: TappedSocket; tap: H2ConnectionTap }) | undefined;
  /** The session made of a tapped socket. */
  onTappedSession?(
    session: http2.ServerHttp2Session,
    tap: H2ConnectionTap,
    socket: TLSSocket,
  ): void;
}

/** A started TLS listener. */
export interface TlsListener {
  server: http2.Http2SecureServer;
  address: AddressInfo;
  close(): Promise<void>;
}

/** Creates the TLS server and listens on `port` (0 = any) at `host`. */
export async function startTlsListener(
  material: TlsMaterial,
  port: number,
  host: string,
  deps: TlsListenerDeps,
): Promise<TlsListener> {
  const server = http2.createSecureServer({
    cert: material.cert,
    key: material.key,
    allowHTTP1: true,
    ALPNProtocols: ['h2', 'http/1.1'],
    // RFC 8441 §3: extended CONNECT (WebSocket over HTTP/2).
    settings: { enableConnectProtocol: true },
    Http2ServerResponse: deps.Http2ServerResponse,
  });
  const sockets = new Set<TLSSocket>();
  server.on('secureConnection', (socket: TLSSocket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  let tapping: { tap: H2ConnectionTap; socket: TLSSocket } | undefined;
  server.on('session', (session) => {
    deps.trackSession(session);
    if (tapping) deps.onTappedSession?.(session, tapping.tap, tapping.socket);
  });
  const tapH2 = deps.tapH2;
  if (tapH2) {
    // The secure server's own listener would hand the TLS socket to nghttp2, which reads it
    // natively; h2 connections get the tapped socket instead (see tapped-socket.ts).
    const emit = server.emit.bind(server) as (
      event: string | symbol,
      ...args: unknown[]
    ) => boolean;
    server.emit = function (event: string | symbol, ...args: unknown[]): boolean {
      const socket = args[0] as TLSSocket;
      if (event !== 'secureConnection' || socket.alpnProtocol !== 'h2') return emit(event, ...args);
      const { socket: tapped, tap } = tapH2(socket);
      tapping = { tap, socket };
      try {
        return emit(event, tapped);
      } finally {
        tapping = undefined;
      }
    } as typeof server.emit;
  }
  const isH2 = (req: { httpVersionMajor: number }) => req.httpVersionMajor === 2;
  server.on('request', (req, res) => {
    if (isH2(req)) deps.onH2Request(req, res);
    else deps.app.routing(req as unknown as IncomingMessage, res as unknown as ServerResponse);
  });
  server.on('connect', (req, res) => deps.onConnect(req, res));
  server.on('checkContinue', (req, res) => {
    if (isH2(req)) {
      // The simulator answers Expect itself (RFC 9110 §10.1.1); elsewhere 100 goes at once.
      if (!simulatorDecidesContinue(req.url)) res.writeContinue();
      deps.onH2Request(req, res);
    } else {
      deps.emitToHttp1('checkContinue', req, res);
    }
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (offeredNames(req.headers.upgrade).includes('h2c')) {
      deps.declined.set(req, [
        'Upgrade: h2c ignored on TLS: h2c names HTTP/2 over cleartext TCP; with TLS, HTTP/2 is negotiated by ALPN "h2" (RFC 9113 §3.1, §3.2).',
      ]);
    }
    deps.emitToHttp1('upgrade', req, socket, head);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  return {
    server,
    address: server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
