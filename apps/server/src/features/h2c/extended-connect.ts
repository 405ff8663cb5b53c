/**
 * WebSocket over HTTP/2 (RFC 8441) on every HTTP/2 connection (prior knowledge, h2c upgrade,
 * TLS with ALPN h2). The servers send SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 (§3); a client then
 * opens a WebSocket with an extended CONNECT: `:method CONNECT`, `:protocol websocket`,
 * `:scheme`, `:path`, `:authority` (§4). Success is a 2xx on the stream, not a 101, and there
 * is no Sec-WebSocket-Key / Accept (§5); the stream's DATA then carries WebSocket frames
 * (RFC 6455 framing, clients still mask). `/ws/echo` is served by the same echo and engine
 * (`ws`) as over HTTP/1.1, and captured with its frames. `/api/live` (the UI's live channel,
 * not captured, as over HTTP/1.1) is served too: Chromium opens every `wss://` of a page that
 * came over h2 as an extended CONNECT on that connection once the server allows it, so without
 * it the playground's live view fails over https.
 */
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import { captureHeaders } from '../../plugins/capture.js';
import { PROBLEM_CONTENT_TYPE, problemBody } from '../../plugins/problem.js';
import { serveLive } from '../live/session.js';
import { ECHO_PROTOCOLS, runEcho } from '../websocket/echo.js';
import { tapWebSocketStream } from './h2-websocket-tap.js';
import { sessionTaps } from './h2-frame-tap.js';

const ECHO_PATH = '/ws/echo';
const LIVE_PATH = '/api/live';

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

/** The subprotocol to answer with: the first offered that the echo supports (RFC 6455 §4.2.2). */
function chooseSubprotocol(offer: string | string[] | undefined): string | undefined {
  const list = (Array.isArray(offer) ? offer.join(',') : (offer ?? ''))
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return list.find((p) => (ECHO_PROTOCOLS as readonly string[]).includes(p));
}

/**
 * The `ws` engine on an accepted stream: the same one as the HTTP/1.1 endpoints (server side,
 * expects masked frames, RFC 6455 §5.1). No extension is negotiated here.
 */
function serverSocket(
  stream: Http2ServerRequest['stream'],
  subprotocol: string | undefined,
  maxPayload: number,
): WebSocket {
  const ServerSide = WebSocket as unknown as new (
    address: null,
    protocols: undefined,
    options: Record<string, unknown>,
  ) => WebSocket;
  // autoPong: answer pings as the HTTP/1.1 endpoints do (RFC 6455 §5.5.2).
  const socket = new ServerSide(null, undefined, { autoPong: true });
  (socket as unknown as { _protocol: string })._protocol = subprotocol ?? '';
  (
    socket as unknown as {
      setSocket(s: unknown, head: Buffer, o: Record<string, unknown>): void;
    }
  ).setSocket(stream, Buffer.alloc(0), {
    maxPayload,
    skipUTF8Validation: false,
    allowSynchronousEvents: true,
  });
  socket.on('error', () => stream.destroy());
  return socket;
}

/** The HTTP/2 servers' 'connect' listener. */
export function extendedConnectHandler(app: FastifyInstance) {
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
    const pathOnly = (req.url ?? '').split('?')[0];
    if (pathOnly !== ECHO_PATH && pathOnly !== LIVE_PATH) {
      answerProblem(
        res,
        404,
        'not-found',
        'No WebSocket endpoint here',
        `WebSocket over HTTP/2 is served on ${ECHO_PATH} and ${LIVE_PATH}.`,
      );
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
    if (pathOnly === LIVE_PATH) {
      // No subprotocol (RFC 6455 §4.2.2: the server may select none) and no capture, as over
      // HTTP/1.1; 2xx, not 101 (RFC 8441 §5).
      req.stream.respond({ ':status': 200 });
      serveLive(app, serverSocket(req.stream, undefined, app.config.wsMaxMessageBytes));
      return;
    }
    const subprotocol = chooseSubprotocol(req.headers['sec-websocket-protocol']);
    const capture =
      app.hasDecorator('captures') && app.config.capture
        ? app.captures.begin({
            kind: 'websocket',
            endpoint: ECHO_PATH,
            method: 'CONNECT',
            target: req.url ?? ECHO_PATH,
            httpVersion: '2.0',
            headers: req.rawHeaders,
            ...(req.socket.remoteAddress
              ? { client: { address: req.socket.remoteAddress, port: req.socket.remotePort ?? 0 } }
              : {}),
          })
        : undefined;
    const headers: Record<string, string> = { ':status': '200' };
    if (subprotocol !== undefined) headers['sec-websocket-protocol'] = subprotocol;
    if (capture)
      for (const [name, value] of captureHeaders(capture.id)) headers[name.toLowerCase()] = value;
    const stream = req.stream;
    stream.respond(headers);
    if (capture) {
      const { ':status': _status, ...fields } = headers;
      void _status;
      capture.response({
        status: 200,
        reason: '',
        headers: Object.entries(fields),
        httpVersion: '2.0',
      });
      capture.note(
        'WebSocket over HTTP/2 (RFC 8441): extended CONNECT with :protocol websocket, answered 200 on the stream instead of 101; no Sec-WebSocket-Key or Sec-WebSocket-Accept (RFC 8441 §5).',
      );
      capture.upgraded({ subprotocol: subprotocol ?? null, extensions: '' });
      // Issue 8: the HTTP/2 frames of the CONNECT stream, when the connection is tapped.
      const tap = sessionTaps.get(stream.session as object);
      if (tap && stream.id !== undefined) capture.attachHttp2(tap.claim(stream.id));
      tapWebSocketStream(stream, capture);
    }
    const socket = serverSocket(stream, subprotocol, app.config.wsMaxMessageBytes);
    runEcho(socket);
  };
}
