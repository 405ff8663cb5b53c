/**
 * Faulty WebSocket servers for testing clients (issue 4, "Faulty servers"):
 * `/ws/faulty/{fault}` reads a valid RFC 6455 handshake, then takes the socket over and writes
 * exactly the bytes of its fault with the protocol core's writers; `GET /api/faults` lists
 * them with their documentation. An unknown fault is 404 problem+json; a request that is not a
 * valid handshake gets the core's §4.2.1 answer, like every WebSocket endpoint.
 */
import http2, { type Http2ServerRequest } from 'node:http2';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { computeAccept } from '@switchyard/protocol';
import { sendProblem } from '../../plugins/problem.js';
import { upgradeSocketOf } from '../../plugins/websocket.js';
import { beginWsCapture, captureLinkHeaders } from '../websocket/capture-adapter.js';
import { handshakeGuard } from '../websocket/handshake-guard.js';
import { WireTap } from '../websocket/wire-tap.js';
import { FAULTS, faultById } from './catalog.js';
import { runFault } from './fault-session.js';
import { planFor } from './plans.js';

const ENDPOINT = '/ws/faulty/:fault';
/** Default and largest hold time of a fault connection, ms. */
const HOLD_DEFAULT_MS = 5_000;
const HOLD_MAX_MS = 60_000;

function boundedMs(raw: unknown, fallback: number, max: number): number {
  if (typeof raw !== 'string' || !/^\d{1,7}$/.test(raw)) return fallback;
  return Math.min(Number(raw), max);
}

async function faultLookup(request: FastifyRequest, reply: FastifyReply) {
  const { fault } = request.params as { fault: string };
  if (faultById(fault)) return;
  const closing = upgradeSocketOf(request.raw) !== undefined;
  return sendProblem(
    reply,
    {
      status: 404,
      type: 'unknown-fault',
      title: 'Unknown fault',
      detail: `No fault "${fault}"; GET /api/faults lists them.`,
      faults: FAULTS.map((f) => f.id),
    },
    closing ? { Connection: 'close' } : {},
  );
}

async function faultsFeature(app: FastifyInstance) {
  const slowMaxMs = app.config.faultSlowMs;

  app.get('/api/faults', {
    schema: { summary: 'The faulty servers and what a correct client must do', tags: ['faults'] },
    handler: async () => ({
      faults: FAULTS.map((f) => ({ ...f, url: `/ws/faulty/${f.id}` })),
    }),
  });

  const onRequest = [faultLookup, handshakeGuard];
  app.route({
    method: 'GET',
    url: ENDPOINT,
    exposeHeadRoute: false,
    config: { capture: true },
    schema: { summary: 'A faulty WebSocket server (see GET /api/faults)', tags: ['faults'] },
    onRequest,
    // A hook, not the handler: @fastify/websocket wraps the handlers of upgrade requests.
    preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
      const upgrade = upgradeSocketOf(request.raw);
      if (!upgrade) return; // unreachable: the guard let only a complete handshake through
      const { fault } = request.params as { fault: string };
      const query = request.query as Record<string, unknown>;
      const key = String(request.headers['sec-websocket-key']).trim();
      const capture = beginWsCapture(app, request, ENDPOINT);
      const plan = planFor(fault, {
        accept: computeAccept(key),
        extraHeaders: capture ? captureLinkHeaders(capture.id) : [],
        slowMs: boundedMs(query.delay, slowMaxMs, slowMaxMs),
      });
      if (!plan) return;
      reply.hijack();
      capture?.note(`Fault ${fault}: ${faultById(fault)!.behaviour}`);
      const tap = capture
        ? new WireTap(upgrade.socket, capture, { responseHeadFirst: true })
        : undefined;
      runFault(upgrade.socket, upgrade.head, plan, {
        holdMs: boundedMs(query.hold, HOLD_DEFAULT_MS, HOLD_MAX_MS),
        onReading: () => tap?.attachReader(),
        onClientEnd: () =>
          capture?.note(
            'The client closed its side of the TCP connection first; the server closed its side at once (RFC 6455 §7.1.1).',
          ),
      });
    },
    handler: async () => undefined,
  });
  // RFC 8441 extended CONNECT (HTTP/2): a fault is a broken HTTP/1.1 handshake, written byte by
  // byte, and HTTP/2 has no 101 (RFC 9113 §8.6). The stream is reset with HTTP_1_1_REQUIRED
  // (RFC 9113 §7: "requires that HTTP/1.1 be used instead of HTTP/2"), on which clients such as
  // Chromium retry over HTTP/1.1, where the fault happens.
  app.route({
    method: 'CONNECT',
    url: ENDPOINT,
    config: { capture: true },
    schema: { hide: true },
    onRequest: [faultLookup],
    handler: async (request, reply) => {
      reply.hijack();
      request.capture?.note(
        'Faults are HTTP/1.1 handshakes: this HTTP/2 stream was reset with HTTP_1_1_REQUIRED (RFC 9113 §7), so that the client retries over HTTP/1.1.',
      );
      (request.raw as unknown as Http2ServerRequest).stream.close(
        http2.constants.NGHTTP2_HTTP_1_1_REQUIRED,
      );
    },
  });
  // RFC 6455 §4.2.1 item 1: another method gets 405 + Allow: GET, captured like the GET (issue
  // 4: every request to a fault endpoint is an exchange with a share link).
  app.route({
    method: app.supportedMethods.filter((m) => m !== 'GET' && m !== 'CONNECT'),
    url: ENDPOINT,
    config: { capture: true },
    onRequest,
    handler: async () => undefined,
  });
}

/** The faults feature plugin; register it after plugins/websocket.ts. */
export default faultsFeature;
