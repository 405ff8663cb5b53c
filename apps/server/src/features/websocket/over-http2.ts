/**
 * The WebSocket endpoints over HTTP/2 (RFC 8441). The HTTP/2 servers (features/h2c) hand every
 * extended CONNECT with `:protocol websocket` to Fastify's router as a `CONNECT` request, and each
 * `ws`-engine endpoint has a `CONNECT` route beside its `GET` one: the same checks (room name,
 * authentication, origin) run before anything is accepted, and a refusal is an ordinary HTTP/2
 * response (401, 403, ... with a problem body). Accepted, the stream is answered 200, not 101,
 * with no Sec-WebSocket-Accept (RFC 8441 §5), and its DATA carries the WebSocket frames, read
 * and written by the same `ws` engine and endpoint code as over HTTP/1.1.
 *
 * This matters beyond HTTP/2 clients that choose it: Chromium opens every `wss://` of a page
 * that came over h2 as an extended CONNECT on that connection once the server allows it (RFC
 * 8441 §3), so without these routes a page served over https could reach only the echo.
 */
import type { Http2ServerRequest } from 'node:http2';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WebSocket } from 'ws';
import { sendProblem } from '../../plugins/problem.js';
import { tapWebSocketStream } from '../h2c/h2-websocket-tap.js';
import { beginWsCapture, captureLinkHeaders } from './capture-adapter.js';

/** A WebSocket endpoint's code once the connection is open (as over HTTP/1.1). */
export type WsHandler = (socket: WebSocket, request: FastifyRequest) => void;

/**
 * RFC 8441 §4 and §5 on an extended CONNECT the router received: `:protocol` is `websocket` (the
 * HTTP/2 servers route nothing else here) and Sec-WebSocket-Version is 13 (RFC 6455 §4.2.1, kept
 * by RFC 8441 §5; otherwise 400 listing 13, §4.4). The HTTP/1.1-only parts of RFC 6455's
 * handshake (Upgrade, Connection, Sec-WebSocket-Key) do not exist here.
 */
export async function extendedConnectGuard(request: FastifyRequest, reply: FastifyReply) {
  if (request.headers['sec-websocket-version'] === '13') return;
  return sendProblem(
    reply,
    {
      status: 400,
      type: 'websocket-handshake',
      title: 'Invalid WebSocket opening handshake',
      detail: 'Sec-WebSocket-Version must be 13 (RFC 6455 §4.2.1, kept by RFC 8441 §5)',
      rule: 'handshake-version',
      rfc: 'RFC 8441',
      section: '5',
    },
    { 'sec-websocket-version': '13' },
  );
}

/** The subprotocol to answer with: the first the client offered that the endpoint supports. */
export function chooseSubprotocol(
  offer: string | string[] | undefined,
  supported: readonly string[],
): string | undefined {
  // RFC 6455 §4.2.2 step 4 (/subprotocol/): only one the client offered; the client's order of
  // preference (§4.1 item 10) decides among them.
  const list = (Array.isArray(offer) ? offer.join(',') : (offer ?? ''))
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return list.find((p) => supported.includes(p));
}

/**
 * The `ws` engine on an accepted stream: the same one as the HTTP/1.1 endpoints (server side,
 * expects masked frames, RFC 6455 §5.1). No extension is negotiated over HTTP/2 here.
 */
export function serverSocket(
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

/**
 * The handler of an endpoint's `CONNECT` route: accepts the stream (200, RFC 8441 §5), records
 * it in the exchange the capture plugin began for the route, and runs the endpoint on it.
 */
export function acceptOverHttp2(
  app: FastifyInstance,
  endpoint: string,
  protocols: readonly string[],
  handler: WsHandler,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    const raw = request.raw as unknown as Http2ServerRequest;
    const stream = raw.stream;
    const subprotocol = chooseSubprotocol(raw.headers['sec-websocket-protocol'], protocols);
    const capture = beginWsCapture(app, request, endpoint);
    const headers: Record<string, string | number> = { ':status': 200 };
    if (subprotocol !== undefined) headers['sec-websocket-protocol'] = subprotocol;
    if (capture) {
      // HTTP/2 field names are lowercase (RFC 9113 §8.2.1).
      for (const [name, value] of captureLinkHeaders(capture.id))
        headers[name.toLowerCase()] = value;
    }
    stream.respond(headers);
    if (capture) {
      const fields = Object.entries(headers)
        .filter(([name]) => name !== ':status')
        .map(([name, value]): [string, string] => [name, String(value)]);
      capture.response({ status: 200, reason: '', headers: fields, httpVersion: '2.0' });
      capture.note(
        'WebSocket over HTTP/2 (RFC 8441): extended CONNECT with :protocol websocket, answered 200 on the stream instead of 101; no Sec-WebSocket-Key or Sec-WebSocket-Accept (RFC 8441 §5).',
      );
      capture.upgraded({ subprotocol: subprotocol ?? null, extensions: '' });
      tapWebSocketStream(stream, capture);
    }
    const socket = serverSocket(stream, subprotocol, app.config.wsMaxMessageBytes);
    socket.on('error', () => socket.terminate());
    handler(socket, request);
  };
}
