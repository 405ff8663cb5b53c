/**
 * `/api/live` (issue 4 "API"): a WebSocket channel on which a client follows captures as they
 * happen. Client messages (JSON text):
 *
 * - `{"subscribe": "<id>"}`: the events of one exchange. The server first sends
 *   `{"type":"snapshot","exchange":{...}}` (state so far, redacted) when the exchange exists,
 *   then every event (`interim`, `response`, `note`, `upgrade`, `frame`, `truncated`, `close`,
 *   `end`) as the capture records it;
 * - `{"subscribe": "all"}`: every event of every exchange;
 * - `{"unsubscribe": "<id>" | "all"}`.
 *
 * Server messages are the bus events (`plugins/bus.ts`) as JSON, plus `subscribed`,
 * `unsubscribed`, `snapshot`, `error`, and `dropped` (events skipped because the client read
 * too slowly: never silent). Needs the ws engine (`plugins/websocket.ts`) registered first.
 */
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { handshakeGuard } from '../websocket/handshake-guard.js';
import { serveLive } from './session.js';

export default async function liveFeature(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/live',
    {
      websocket: true,
      // A request that is not a WebSocket handshake gets the same RFC 6455 §4.2.1 problem as the
      // other WebSocket endpoints (426 + Upgrade for a plain GET), not @fastify/websocket's
      // empty 404.
      onRequest: handshakeGuard,
      schema: {
        summary: 'Live capture events (WebSocket)',
        description:
          'Upgrade to WebSocket, then send {"subscribe": "<id>"} or {"subscribe": "all"}; ' +
          'events arrive as JSON text messages as they happen.',
        tags: ['exchanges'],
      },
    },
    (socket: WebSocket) => serveLive(app, socket),
  );
}
