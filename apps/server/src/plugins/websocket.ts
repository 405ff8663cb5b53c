/**
 * The one registration of @fastify/websocket (the `ws` engine) for the whole app, and the one
 * listener of the Node server's `'upgrade'` event that feeds it.
 *
 * Node 20 hands every request carrying `Connection: upgrade` + `Upgrade` to the `'upgrade'`
 * listeners with the raw socket and no response object. @fastify/websocket then routes it
 * through Fastify (hooks run, so features validate the handshake and authenticate before any
 * 101) and, in a `websocket: true` route, lets `ws` write the 101. Here @fastify/websocket
 * listens on a private relay instead of the server, so that:
 * - an upgrade another listener already took (the simulator's `/api/status/*`, which detaches
 *   the socket itself) is not routed a second time;
 * - features that write their own bytes (the fault endpoints) can find the socket and the
 *   bytes that followed the head ({@link upgradeSocketOf}).
 *
 * Per-request `ws` options: {@link setUpgradeProtocols} (subprotocols a route supports) and
 * {@link onUpgradeHeaders} (extra 101 header lines, e.g. the capture link).
 */
import { EventEmitter } from 'node:events';
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, RouteHandlerMethod, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import { detachedSocket } from '../features/simulator/upgrade.js';

/** The socket and early bytes of a request that came through the `'upgrade'` event. */
export interface UpgradeSocket {
  socket: Duplex;
  /** Bytes received after the request head (usually empty: clients wait for the 101). */
  head: Buffer;
}

const upgrades = new WeakMap<IncomingMessage, UpgradeSocket>();
const protocolsByRequest = new WeakMap<IncomingMessage, readonly string[]>();
const headerHooks = new WeakMap<IncomingMessage, (lines: string[]) => void>();

/** The raw socket of a request that arrived as an upgrade, or undefined for a plain request. */
export function upgradeSocketOf(raw: IncomingMessage): UpgradeSocket | undefined {
  return upgrades.get(raw);
}

/**
 * The subprotocols the route answering `raw` supports, in no particular order: `ws` picks the
 * first one the client offered (RFC 6455 §4.2.2 step 4, /subprotocol/: only one the client
 * offered).
 */
export function setUpgradeProtocols(raw: IncomingMessage, protocols: readonly string[]): void {
  protocolsByRequest.set(raw, protocols);
}

/** Runs `hook` on the 101's header lines (`Name: value` strings) just before `ws` writes them. */
export function onUpgradeHeaders(raw: IncomingMessage, hook: (lines: string[]) => void): void {
  headerHooks.set(raw, hook);
}

/**
 * RFC 6455 §4.2.2 step 4 (/subprotocol/) / §1.9: the server picks one of the client's offered
 * subprotocols, in the client's order of preference (§4.1 item 10), or none.
 */
function chooseProtocol(offered: Set<string>, raw: IncomingMessage): string | false {
  const supported = protocolsByRequest.get(raw) ?? [];
  for (const protocol of offered) if (supported.includes(protocol)) return protocol;
  return false;
}

function offersWebSocket(raw: IncomingMessage): boolean {
  return (raw.headers.upgrade ?? '')
    .split(',')
    .some((p) => p.trim().split('/')[0]!.toLowerCase() === 'websocket');
}

/** Routes an upgrade request through Fastify as a normal request; the socket closes after. */
function routeAsPlainRequest(app: FastifyInstance, raw: IncomingMessage, socket: Duplex): void {
  // Node took its listeners off the socket: without one, an 'error' would crash the process.
  socket.on('error', () => socket.destroy());
  const res = new ServerResponse(raw);
  // The HTTP parser is gone, so no further request can be read on this connection.
  res.shouldKeepAlive = false;
  res.assignSocket(socket as Socket);
  res.on('finish', () => {
    res.detachSocket(socket as Socket);
    socket.end();
  });
  raw.push(null);
  app.routing(raw, res);
}

/** Errors `ws` raises on a peer's protocol violation (it has already sent the Close frame). */
function isPeerProtocolError(error: Error): boolean {
  const { code } = error as Error & { code?: unknown };
  return typeof code === 'string' && code.startsWith('WS_ERR_');
}

async function websocketPlugin(app: FastifyInstance): Promise<void> {
  const relay = new EventEmitter();
  const { wsMaxMessageBytes, wsDeflate } = app.config;
  // Routes registered from here on that do not serve WebSockets, with their own handler:
  // @fastify/websocket (next) wraps every route's handler so that an upgrade request reaching
  // it is switched to WebSocket and closed at once (a 101, then a Close with no status code),
  // even on `/healthz` or a share link. RFC 9110 §7.8: a server MAY ignore Upgrade, and only a
  // resource that serves the protocol should switch; so such a request gets the route's own
  // answer (see the second onRoute hook below), as if no Upgrade had been sent.
  const plainHandlers = new Map<RouteOptions, RouteHandlerMethod>();
  app.addHook('onRoute', (route) => {
    if (!route.websocket && !route.wsHandler) plainHandlers.set(route, route.handler);
  });
  await app.register(websocket, {
    // A peer's protocol violation (unmasked frame, invalid UTF-8, bad close code, message too
    // big...) is the client's fault, not the server's: `ws` has already failed the connection
    // with the RFC 6455 §7.4.1 code; log it at info, and anything else as an error.
    errorHandler: (error, socket, request) => {
      if (isPeerProtocolError(error)) request.log.info({ err: error }, 'WebSocket peer error');
      else request.log.error(error);
      socket.terminate();
    },
    options: {
      // `server` only tells @fastify/websocket where to listen for 'upgrade' (it is not passed
      // to `ws`); the relay below decides what reaches it.
      server: relay as never,
      // RFC 6455 §7.4.1: 1009 "message too big"; ws closes with it past maxPayload.
      maxPayload: wsMaxMessageBytes,
      // RFC 7692: permessage-deflate with the parameters the client offers (ws validates them
      // and answers with the accepted set); threshold 0 so every message shows RSV1 on the wire.
      perMessageDeflate: wsDeflate ? { threshold: 0 } : false,
      handleProtocols: chooseProtocol,
      clientTracking: true,
    },
  });
  app.addHook('onRoute', (route) => {
    const plain = plainHandlers.get(route);
    if (!plain) return;
    plainHandlers.delete(route);
    const engine = route.handler;
    route.handler = function (this: FastifyInstance, request, reply) {
      return (upgrades.has(request.raw) ? plain : engine).call(this, request, reply);
    };
  });
  // RFC 8441: the WebSocket features give their endpoints CONNECT routes for HTTP/2 extended
  // CONNECT (Node's HTTP/1.1 server emits 'connect' instead: it never reaches the router).
  app.addHttpMethod('CONNECT', { hasBody: false });
  app.websocketServer.on('headers', (lines: string[], raw: IncomingMessage) => {
    headerHooks.get(raw)?.(lines);
  });

  // An upgrade request answered without a switch (say a 400 or 429 from a hook that ran before
  // @fastify/websocket's own, which would otherwise close the socket): its HTTP parser is gone,
  // so no request can follow on the connection. Say so (`Connection: close`, RFC 9112 §9.6) and
  // end the socket once the answer is written.
  app.addHook('onSend', (request, reply, _payload, done) => {
    if (upgrades.has(request.raw)) reply.raw.shouldKeepAlive = false;
    done();
  });
  app.addHook('onResponse', (request, _reply, done) => {
    upgrades.get(request.raw)?.socket.end();
    done();
  });

  // Installed once every plugin is registered, so that it runs after the simulator's listener
  // (features/simulator/upgrade.ts), which detaches and routes the sockets of `/api/status/*`
  // itself once a protocol is registered there.
  app.addHook('onReady', async () => {
    app.server.on('upgrade', (raw: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (detachedSocket(app.server, raw)) return;
      upgrades.set(raw, { socket, head });
      // @fastify/websocket upgrades any request it routes to a route registered after it, so
      // only requests offering websocket go to it; any other Upgrade (h2c that did not
      // qualify, an unknown protocol) is answered as an ordinary request (RFC 9110 §7.8: a
      // server may ignore Upgrade).
      if (offersWebSocket(raw)) relay.emit('upgrade', raw, socket, head);
      else routeAsPlainRequest(app, raw, socket);
    });
  });
}

/** Registers @fastify/websocket once for the whole app (fastify-plugin: not encapsulated). */
export default fp(websocketPlugin, {
  name: 'switchyard-websocket',
  fastify: '5.x',
});
