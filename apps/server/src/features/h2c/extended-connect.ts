/**
 * WebSocket over HTTP/2 (RFC 8441) on every HTTP/2 connection (prior knowledge, h2c upgrade,
 * TLS with ALPN h2). The servers send SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 (§3); a client then
 * opens a WebSocket with an extended CONNECT: `:method CONNECT`, `:protocol websocket`,
 * `:scheme`, `:path`, `:authority` (§4). This listener refuses plain CONNECT and other
 * protocols, serves `/api/live` (the UI's live channel, not captured, as over HTTP/1.1), asks
 * for HTTP/1.1 on the simulator's paths (their 101 only exists there), and
 * hands every other extended CONNECT to Fastify's router, where each WebSocket endpoint has a
 * `CONNECT` route (features/websocket/over-http2.ts: same checks, 200 instead of 101, captured
 * with its frames). Chromium opens every `wss://` of a page that came over h2 as an extended
 * CONNECT on that connection once the server allows it, so all of them must work.
 */
import http2, { type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { FastifyInstance } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemBody } from '../../plugins/problem.js';
import { serveLive } from '../live/session.js';
import { serverSocket } from '../websocket/over-http2.js';

const LIVE_PATH = '/api/live';
const SIMULATOR_PREFIX = '/api/status/';

function answerProblem(
  res: Http2ServerResponse,
  status: number,
  type: string,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify(problemBody({ status, type, title, detail }));
  res.writeHead(status, {
    ...headers,
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** The HTTP/2 servers' 'connect' listener. */
export function extendedConnectHandler(
  app: FastifyInstance,
  route: (req: Http2ServerRequest, res: Http2ServerResponse) => void,
) {
  return (req: Http2ServerRequest, res: Http2ServerResponse): void => {
    const protocol = req.headers[':protocol'];
    if (typeof protocol !== 'string') {
      // RFC 9113 §8.5: plain CONNECT asks for a tunnel; this server is not a proxy.
      answerProblem(
        res,
        405,
        'connect-not-supported',
        'CONNECT is not supported',
        'This server is not a proxy; only extended CONNECT with :protocol websocket (RFC 8441 §4) is accepted.',
        { allow: 'GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH' },
      );
      return;
    }
    if (protocol.toLowerCase() !== 'websocket') {
      answerProblem(
        res,
        501,
        'extended-connect-protocol',
        'Protocol not supported',
        `:protocol "${protocol}" is not supported here; only "websocket" (RFC 8441 §4).`,
      );
      return;
    }
    const pathOnly = (req.url ?? '').split('?')[0] ?? '';
    if (pathOnly.startsWith(SIMULATOR_PREFIX)) {
      // The simulator's statuses (101 above all) are HTTP/1.1 behaviour; HTTP/2 has no 101
      // (RFC 9113 §8.6). RFC 9113 §7 HTTP_1_1_REQUIRED asks the client to retry over HTTP/1.1,
      // which Chromium does for a WebSocket; that retry is captured as usual.
      req.stream.close(http2.constants.NGHTTP2_HTTP_1_1_REQUIRED);
      return;
    }
    if (pathOnly !== LIVE_PATH) {
      route(req, res);
      return;
    }
    // RFC 8441 §5 keeps Sec-WebSocket-Version; RFC 6455 §4.2.2 / §4.4: answer 13 otherwise.
    if (req.headers['sec-websocket-version'] !== '13') {
      answerProblem(
        res,
        400,
        'websocket-version',
        'Unsupported WebSocket version',
        'Sec-WebSocket-Version must be 13 (RFC 6455 §4.2.1, kept by RFC 8441 §5).',
        { 'sec-websocket-version': '13' },
      );
      return;
    }
    // No subprotocol (RFC 6455 §4.2.2: the server may select none) and no capture, as over
    // HTTP/1.1; 2xx, not 101 (RFC 8441 §5).
    req.stream.respond({ ':status': 200 });
    serveLive(app, serverSocket(req.stream, undefined, app.config.wsMaxMessageBytes));
  };
}
