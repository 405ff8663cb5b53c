/**
 * Server side of the opening handshake (RFC 6455 §4.2): validate the client's request and build
 * either the 101 response or the error response a strict server sends. Never throws.
 */
import type { ProtocolFinding } from '../shared/problem.js';
import { listHasToken, parseList, parseUpgrade } from '../http1/token-list.js';
import { computeAccept, isValidKey } from './handshake-accept.js';
import type { HeaderList } from './handshake-headers.js';
import { headerValues } from './handshake-headers.js';
import type { ExtensionElement } from './extensions-header.js';
import { isHttpToken, parseExtensions, serializeExtensions } from './extensions-header.js';
import type { DeflateParams, DeflateServerConfig } from './permessage-deflate-params.js';
import { acceptDeflateOffers } from './permessage-deflate-params.js';
import { wsFinding } from './findings.js';
import { serializeHandshakeHead } from './handshake-client.js';

/** The request as parsed from the wire (an http1 `RequestHead` fits). */
export interface HandshakeRequest {
  method: string;
  /** e.g. `HTTP/1.1` */
  version: string;
  headers: HeaderList;
}

export interface ServerHandshakeOptions {
  /** Subprotocols the server supports; the first one the client offered is chosen. */
  protocols?: readonly string[];
  /** permessage-deflate configuration; omit or `false` to never negotiate it. */
  deflate?: DeflateServerConfig | false;
}

export interface HandshakeResponse {
  status: number;
  reason: string;
  headers: [string, string][];
}

export type ServerHandshakeResult =
  | {
      ok: true;
      key: string;
      response: HandshakeResponse & { status: 101 };
      protocol?: string;
      extensions: ExtensionElement[];
      deflate?: DeflateParams;
      /** Non-fatal observations (declined offers, ...). */
      findings: ProtocolFinding[];
    }
  | { ok: false; status: number; headers: [string, string][]; findings: ProtocolFinding[] };

const REASONS: Record<number, string> = {
  101: 'Switching Protocols',
  400: 'Bad Request',
  405: 'Method Not Allowed',
  426: 'Upgrade Required',
};

/** Reason phrase for the statuses the handshake produces. */
export function handshakeReason(status: number): string {
  return REASONS[status] ?? '';
}

/** Serializes a handshake response head (`HTTP/1.1 101 Switching Protocols` ... empty line). */
export function serializeHandshakeResponse(status: number, headers: HeaderList): Uint8Array {
  return serializeHandshakeHead(`HTTP/1.1 ${status} ${handshakeReason(status)}`, headers);
}

const UPGRADE_HEADERS: [string, string][] = [
  ['Upgrade', 'websocket'],
  ['Connection', 'Upgrade'],
];

/**
 * Validates a client's opening handshake (RFC 6455 §4.2.1) and decides the response
 * (§4.2.2). Failures carry the HTTP status to answer with: 405 + `Allow: GET` for another
 * method (RFC 9110 §15.5.6), 426 + `Upgrade: websocket` when no WebSocket upgrade was asked for
 * (RFC 9110 §15.5.22) or + `Sec-WebSocket-Version: 13` for another version (§4.4), else 400.
 */
export function validateClientRequest(
  request: HandshakeRequest,
  options: ServerHandshakeOptions = {},
): ServerHandshakeResult {
  const check = checkClientRequest(request);
  if (!check.ok) return check;
  return respondToClientRequest(check, options);
}

/** The verdict on a client's opening handshake, without building the 101 (see below). */
export type ClientRequestCheck =
  | {
      ok: true;
      /** The trimmed Sec-WebSocket-Key. */
      key: string;
      /** The extensions the client offered, parsed (RFC 6455 §9.1). */
      offered: ExtensionElement[];
      /** The subprotocols the client offered, in its order of preference (§4.1 item 10). */
      protocols: string[];
    }
  | Extract<ServerHandshakeResult, { ok: false }>;

/**
 * Only the verdict of {@link validateClientRequest} (RFC 6455 §4.2.1 items 1-6 and 9, same
 * statuses, headers and findings on failure), without the work of answering a valid one
 * (Sec-WebSocket-Accept, subprotocol and extension choice): for a gate whose 101 another
 * component writes.
 */
export function checkClientRequest(request: HandshakeRequest): ClientRequestCheck {
  const h = request.headers;
  const findings: ProtocolFinding[] = [];
  const reject = (
    status: number,
    headers: [string, string][],
    code: string,
    section: string,
    message: string,
    rfc?: string,
  ) => {
    const extra: { status: number; rfc?: string } = { status };
    if (rfc !== undefined) extra.rfc = rfc;
    findings.push(wsFinding(code, 'error', section, message, extra));
    return { ok: false as const, status, headers, findings };
  };

  // §4.2.1 item 1: "An HTTP/1.1 or higher GET request".
  if (request.method !== 'GET') {
    return reject(
      405,
      [['Allow', 'GET']],
      'handshake-method-not-get',
      '4.2.1',
      `method ${request.method}; the handshake is a GET`,
    );
  }
  const m = /^HTTP\/(\d+)\.(\d+)$/.exec(request.version);
  if (!m || Number(m[1]) < 1 || (Number(m[1]) === 1 && Number(m[2]) < 1)) {
    // RFC 9110 §7.8: a server MUST ignore Upgrade in an HTTP/1.0 request.
    return reject(
      400,
      [],
      'handshake-http-version',
      '4.2.1',
      `${request.version}: the handshake needs HTTP/1.1 or higher`,
    );
  }
  // §4.2.1 item 2: a Host header field.
  const hosts = headerValues(h, 'host');
  if (hosts.length !== 1 || hosts[0]!.trim() === '') {
    return reject(
      400,
      [],
      'handshake-host',
      '4.2.1',
      hosts.length === 0 ? 'no Host header' : 'Host must appear exactly once',
    );
  }
  // §4.2.1 item 3: Upgrade containing "websocket" (case-insensitive).
  if (!parseUpgrade(headerValues(h, 'upgrade')).some((u) => u.name === 'websocket')) {
    return reject(
      426,
      [...UPGRADE_HEADERS],
      'handshake-upgrade-not-websocket',
      '4.2.1',
      'Upgrade does not contain "websocket"',
    );
  }
  // §4.2.1 item 4: Connection containing the "Upgrade" token (`keep-alive, Upgrade` is fine).
  if (!listHasToken(headerValues(h, 'connection'), 'upgrade')) {
    return reject(
      426,
      [...UPGRADE_HEADERS],
      'handshake-connection-not-upgrade',
      '4.2.1',
      'Connection does not contain the "upgrade" token',
    );
  }
  // §4.2.1 item 5: Sec-WebSocket-Key, base64 of exactly 16 bytes.
  const keys = headerValues(h, 'sec-websocket-key');
  const key = keys.length === 1 ? keys[0]!.trim() : undefined;
  if (key === undefined || !isValidKey(key)) {
    return reject(
      400,
      [],
      'handshake-key-invalid',
      '4.2.1',
      keys.length === 0
        ? 'no Sec-WebSocket-Key'
        : keys.length > 1
          ? 'Sec-WebSocket-Key appears more than once'
          : `Sec-WebSocket-Key "${keys[0]}" is not base64 of 16 bytes`,
    );
  }
  // §4.2.1 item 6 and §4.4: Sec-WebSocket-Version must be 13; otherwise 426 listing 13.
  const versions = headerValues(h, 'sec-websocket-version');
  if (versions.length !== 1 || versions[0]!.trim() !== '13') {
    return reject(
      426,
      [...UPGRADE_HEADERS, ['Sec-WebSocket-Version', '13']],
      'handshake-version',
      '4.4',
      versions.length === 0
        ? 'no Sec-WebSocket-Version'
        : `Sec-WebSocket-Version "${versions.join(', ')}"; this server speaks 13`,
    );
  }
  // §4.2.1 item 9 / RFC 7692: extensions; a malformed header is a bad request.
  const ext = parseExtensions(headerValues(h, 'sec-websocket-extensions'));
  if (!ext.ok) {
    findings.push(ext.finding);
    return { ok: false, status: 400, headers: [], findings };
  }
  // §4.2.1 item 8, §4.1 item 10 and §4.3 (`1#token`): the offered subprotocols are unique
  // tokens. Empty list elements are ignored (RFC 9110 §5.6.1.2); a field with none is malformed.
  const protocolFields = headerValues(h, 'sec-websocket-protocol');
  const protocols = parseList(protocolFields);
  const bad = protocols.find((p, i) => !isHttpToken(p) || protocols.indexOf(p) !== i);
  if (bad !== undefined) {
    return reject(
      400,
      [],
      'handshake-protocol-invalid',
      '4.1',
      `Sec-WebSocket-Protocol: "${bad}" is ${isHttpToken(bad) ? 'offered twice' : 'not a token'}; the offer is a list of unique tokens`,
    );
  }
  if (protocolFields.length > 0 && protocols.length === 0) {
    return reject(
      400,
      [],
      'handshake-protocol-invalid',
      '4.3',
      'Sec-WebSocket-Protocol has no subprotocol in it (1#token)',
    );
  }
  return { ok: true, key, offered: ext.extensions, protocols };
}

/** The 101 for a handshake {@link checkClientRequest} accepted (RFC 6455 §4.2.2). */
function respondToClientRequest(
  { key, offered, protocols }: { key: string; offered: ExtensionElement[]; protocols: string[] },
  options: ServerHandshakeOptions,
): ServerHandshakeResult {
  const findings: ProtocolFinding[] = [];
  const headers: [string, string][] = [
    ...UPGRADE_HEADERS,
    ['Sec-WebSocket-Accept', computeAccept(key)],
  ];
  // §4.2.2 step 4 (/subprotocol/): the chosen subprotocol is one the client offered.
  const supported = options.protocols ?? [];
  const protocol = protocols.find((p) => supported.includes(p));
  if (protocol !== undefined) headers.push(['Sec-WebSocket-Protocol', protocol]);

  const accepted: ExtensionElement[] = [];
  let deflate: DeflateParams | undefined;
  if (options.deflate) {
    const acceptance = acceptDeflateOffers(offered, options.deflate);
    findings.push(...acceptance.findings);
    if (acceptance.response && acceptance.params) {
      accepted.push(acceptance.response);
      deflate = acceptance.params;
    }
  }
  if (accepted.length > 0)
    headers.push(['Sec-WebSocket-Extensions', serializeExtensions(accepted)]);

  const result: ServerHandshakeResult = {
    ok: true,
    key,
    response: { status: 101, reason: 'Switching Protocols', headers },
    extensions: accepted,
    findings,
  };
  if (protocol !== undefined) result.protocol = protocol;
  if (deflate) result.deflate = deflate;
  return result;
}
