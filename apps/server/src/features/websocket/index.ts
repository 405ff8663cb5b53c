/**
 * The well-behaved WebSocket endpoints (issue 4, "Endpoints"), on the `ws` engine registered
 * once by plugins/websocket.ts: `/ws/echo`, `/ws/chat/:room`, `/ws/auth` (+ `POST
 * /api/tickets`), `/ws/origin`, `/sse`, and the switch of `/api/status/101`. Every WebSocket
 * path first passes the protocol core's §4.2.1 validation (handshake-guard.ts), then its own
 * check (auth, origin), all before any 101.
 */
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestAsyncHookHandler,
} from 'fastify';
import type { WebSocket } from 'ws';
import { authHook, ticketHandler } from './auth.js';
import { ECHO_PROTOCOLS, runEcho } from './echo.js';
import { handshakeGuard } from './handshake-guard.js';
import { originHook } from './origin.js';
import { acceptOverHttp2, extendedConnectGuard } from './over-http2.js';
import { ROOM_NAME, Rooms } from './rooms.js';
import { prepareUpgrade, tapped } from './session.js';
import { sseHandler } from './sse.js';
import { bridgeStatus101 } from './status-101.js';
import { TicketStore } from './tickets.js';
import { sendProblem } from '../../plugins/problem.js';

export interface WebSocketFeatureOptions {
  /** Clock of the ticket store (default `Date.now`); tests pass their own. */
  now?: () => number;
}

interface WsRoute {
  url: string;
  summary: string;
  protocols?: readonly string[];
  /** Checks after the §4.2.1 validation (auth, origin, room name), before the 101. */
  checks?: onRequestAsyncHookHandler[];
  handler: (socket: WebSocket, request: FastifyRequest) => void;
}

async function roomCheck(request: FastifyRequest, reply: FastifyReply) {
  const { room } = request.params as { room: string };
  if (ROOM_NAME.test(room)) return;
  return sendProblem(reply, {
    status: 400,
    type: 'invalid-room',
    title: 'Invalid room name',
    detail: 'A room name is 1-64 characters of A-Z a-z 0-9 . _ ~ -',
    parameter: 'room',
  });
}

async function websocketFeature(app: FastifyInstance, opts: WebSocketFeatureOptions) {
  const config = app.config;
  const rooms = new Rooms();
  const tickets = new TicketStore(config.wsTicketTtlMs, opts.now);
  const otherMethods = app.supportedMethods.filter((m) => m !== 'GET' && m !== 'CONNECT');

  function wsRoute(route: WsRoute) {
    const onRequest = [handshakeGuard, ...(route.checks ?? [])];
    const protocols = route.protocols ?? [];
    app.route({
      method: 'GET',
      url: route.url,
      exposeHeadRoute: false,
      // Captured from the first hook on, so refusals (400, 401, 403, 405, 426) are too.
      config: { capture: true },
      schema: { summary: route.summary, tags: ['websocket'] },
      onRequest,
      preHandler: async (request) => {
        prepareUpgrade(app, request, route.url, protocols);
      },
      // Plain requests never pass the guard (426), so the HTTP handler is never reached.
      handler: async () => undefined,
      wsHandler: tapped((socket, request) => {
        socket.on('error', () => socket.terminate());
        route.handler(socket, request);
      }),
    });
    // RFC 8441: the same endpoint over HTTP/2, opened with an extended CONNECT (over-http2.ts).
    app.route({
      method: 'CONNECT',
      url: route.url,
      config: { capture: true },
      // OpenAPI has no CONNECT operation; the GET route documents the endpoint.
      schema: { hide: true },
      onRequest: [extendedConnectGuard, ...(route.checks ?? [])],
      handler: acceptOverHttp2(app, route.url, protocols, route.handler),
    });
    // RFC 6455 §4.2.1 item 1: the handshake is a GET; any other method gets 405 + Allow: GET
    // from the same guard (it checks the method first).
    app.route({
      method: otherMethods,
      url: route.url,
      config: { capture: true },
      onRequest,
      handler: async () => undefined,
    });
  }

  wsRoute({
    url: '/ws/echo',
    summary: 'Echo (subprotocols echo.v1, json.v1; permessage-deflate)',
    protocols: ECHO_PROTOCOLS,
    handler: runEcho,
  });
  wsRoute({
    url: '/ws/chat/:room',
    summary: 'Chat: every message is broadcast to everyone in the room',
    checks: [roomCheck],
    handler: (socket, request) => {
      const { room } = request.params as { room: string };
      rooms.join(room, socket);
      socket.on('message', (data: Buffer, isBinary: boolean) =>
        rooms.broadcast(room, data, isBinary),
      );
      socket.on('close', () => rooms.leave(room, socket));
    },
  });
  wsRoute({
    url: '/ws/auth',
    summary: 'Echo behind authentication (?token=, cookie, or ?ticket= from POST /api/tickets)',
    checks: [authHook(config.wsAuthTokens, tickets)],
    handler: (socket, request) => {
      socket.send(JSON.stringify({ authenticated: true, method: request.wsAuth }));
      runEcho(socket);
    },
  });
  wsRoute({
    url: '/ws/origin',
    summary: 'Echo for listed origins only (WS_ALLOWED_ORIGINS)',
    checks: [originHook(config.wsAllowedOrigins)],
    handler: runEcho,
  });

  app.post('/api/tickets', {
    schema: { summary: 'Issue a single-use ticket for /ws/auth', tags: ['websocket'] },
    handler: ticketHandler(config.wsAuthTokens, tickets, config.wsTicketTtlMs),
  });
  const sse = sseHandler(rooms);
  app.get('/sse', {
    // Captured like the WebSocket endpoints (issue 4); HEAD /sse too (Fastify's HEAD route).
    config: { capture: true },
    schema: { summary: 'Server-Sent Events of a chat room (?room=)', tags: ['websocket'] },
    handler: sse,
  });

  bridgeStatus101(app);
  app.addHook('preClose', async () => {
    rooms.closeAll(1001, 'server shutting down');
    sse.closeAll();
  });
}

/** The WebSocket feature plugin; register it after plugins/websocket.ts. */
export default websocketFeature;
