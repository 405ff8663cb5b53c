/**
 * The RFC 6455 §4.2.1 gate every WebSocket endpoint puts before the 101: the protocol core
 * decides (`checkClientRequest`: its verdict only, `ws` writes the 101), this file only turns its verdict into an HTTP answer, an
 * `application/problem+json` body naming the rule that failed and its section.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  acceptDeflateOffers,
  checkClientRequest,
  serializeExtensions,
  type ClientRequestCheck,
  type ProtocolFinding,
} from '@switchyard/protocol';
import { sendProblem, type Problem } from '../../plugins/problem.js';
import { upgradeSocketOf } from '../../plugins/websocket.js';

/** The request as the core wants it: method, `HTTP/x.y`, fields in wire order. */
export function handshakeRequestOf(raw: IncomingMessage) {
  const headers: [string, string][] = [];
  const flat = raw.rawHeaders;
  for (let i = 0; i + 1 < flat.length; i += 2) headers.push([flat[i]!, flat[i + 1]!]);
  return { method: raw.method ?? 'GET', version: `HTTP/${raw.httpVersion}`, headers };
}

/**
 * The core's verdict on a raw request (the 101 itself is written by `ws`). When the core
 * accepts it, the request's parsed `headers` are narrowed to what the core decided, because
 * `ws` re-checks a few fields more strictly than RFC 6455 and would otherwise answer its own
 * bare `400 text/html`, outside the capture: `Upgrade` becomes `websocket` (§4.2.1 item 3:
 * "containing" it, e.g. `websocket, h2c`), `Sec-WebSocket-Protocol` the list the core read
 * (empty elements dropped, RFC 9110 §5.6.1.2), and `Sec-WebSocket-Extensions` only the
 * permessage-deflate offer the core accepted (RFC 7692 §7: a server declines an offer with an
 * unknown, duplicated or invalid parameter, and goes on to the next one, instead of failing the
 * handshake). `rawHeaders` (what the capture records) stay as received.
 */
export function validateHandshake(raw: IncomingMessage): ClientRequestCheck {
  const check = checkClientRequest(handshakeRequestOf(raw));
  if (!check.ok) return check;
  const headers = raw.headers;
  headers.upgrade = 'websocket';
  if (check.protocols.length > 0) headers['sec-websocket-protocol'] = check.protocols.join(', ');
  const chosen = check.offered.find((offer) => acceptDeflateOffers([offer]).params !== undefined);
  if (chosen) headers['sec-websocket-extensions'] = serializeExtensions([chosen]);
  else delete headers['sec-websocket-extensions'];
  return check;
}

/** The problem (RFC 9457) for a failed handshake: the failing rule, its RFC and section. */
export function handshakeProblem(status: number, findings: readonly ProtocolFinding[]): Problem {
  const failed = findings.find((f) => f.severity === 'error') ?? findings[0];
  const rule = failed?.code ?? 'handshake-invalid';
  const cite = failed ? `${failed.cite.rfc} §${failed.cite.section}` : 'RFC 6455 §4.2.1';
  return {
    status,
    type: 'websocket-handshake',
    title: 'Invalid WebSocket opening handshake',
    detail: `${failed?.message ?? 'the request is not a valid WebSocket handshake'} (${cite})`,
    rule,
    rfc: failed?.cite.rfc ?? 'RFC 6455',
    section: failed?.cite.section ?? '4.2.1',
  };
}

/**
 * Headers of a rejection: the core's (`Allow: GET` on 405, `Upgrade`/`Sec-WebSocket-Version`
 * on 426). When the request came through the upgrade event the socket is closed after the
 * answer, so `Connection` also says `close` (RFC 9112 §9.6), next to `Upgrade` when the core
 * sends one (RFC 9110 §7.8: a sender of Upgrade also sends `Connection: upgrade`).
 */
export function rejectionHeaders(
  headers: readonly [string, string][],
  closing: boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    if (name.toLowerCase() === 'connection') continue;
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  const hasUpgrade = headers.some(([n]) => n.toLowerCase() === 'upgrade');
  const connection = [hasUpgrade ? 'Upgrade' : '', closing ? 'close' : ''].filter(Boolean);
  if (connection.length > 0) out.Connection = connection.join(', ');
  return out;
}

/** The answer to any request but an extended CONNECT on a WebSocket endpoint over HTTP/2. */
const HTTP2_NOT_A_HANDSHAKE: Problem = {
  status: 400,
  type: 'websocket-handshake',
  title: 'Invalid WebSocket opening handshake',
  detail:
    'Over HTTP/2 a WebSocket is opened with an extended CONNECT (:method CONNECT, :protocol websocket, RFC 8441 §4); HTTP/2 has no Upgrade and no 101 (RFC 9113 §8.6).',
  rule: 'handshake-http2-not-extended-connect',
  rfc: 'RFC 8441',
  section: '4',
};

/**
 * Fastify `onRequest` hook: answers a request that is not a valid WebSocket handshake with the
 * core's status (400; 426 + `Sec-WebSocket-Version: 13`; 405 + `Allow: GET`) before `ws` sees
 * it (`ws` would answer its own bare 400). Valid handshakes pass on. Over HTTP/2 every request
 * reaching it is a 400 that names the extended CONNECT (RFC 8441 §4).
 */
export async function handshakeGuard(request: FastifyRequest, reply: FastifyReply) {
  // HTTP/2 has no Upgrade and no 101 (RFC 9113 §8.6): RFC 6455's HTTP/1.1 checks (Host, Upgrade,
  // Connection, Key) would all fail with misleading messages. The WebSocket handshake there is
  // an extended CONNECT (RFC 8441 §4), which has its own routes (over-http2.ts).
  if (request.raw.httpVersionMajor === 2) return sendProblem(reply, HTTP2_NOT_A_HANDSHAKE);
  const result = validateHandshake(request.raw);
  if (result.ok) return;
  // The connection ends after this answer when the socket was detached for the upgrade, or
  // when the client asked for that (RFC 9112 §9.6); our own Connection field must then say so.
  const closing =
    upgradeSocketOf(request.raw) !== undefined ||
    request.raw.httpVersion === '1.0' ||
    /(^|,)\s*close\s*(,|$)/i.test(request.headers.connection ?? '');
  return sendProblem(
    reply,
    handshakeProblem(result.status, result.findings),
    rejectionHeaders(result.headers, closing),
  );
}
