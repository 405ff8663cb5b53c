/**
 * Client side of the opening handshake (RFC 6455 §4.1): build the request, validate the
 * server's response. Validation returns findings; nothing throws.
 */
import type { ProtocolFinding } from '../shared/problem.js';
import { listHasToken, parseList, parseUpgrade } from '../http1/token-list.js';
import { computeAccept, makeKey } from './handshake-accept.js';
import type { HeaderList } from './handshake-headers.js';
import { headerValues } from './handshake-headers.js';
import type { ExtensionElement } from './extensions-header.js';
import { isHttpToken, parseExtensions, serializeExtensions } from './extensions-header.js';
import type { DeflateOffer, DeflateParams } from './permessage-deflate-params.js';
import {
  checkDeflateResponse,
  deflateOfferElement,
  PERMESSAGE_DEFLATE,
} from './permessage-deflate-params.js';
import { wsFinding } from './findings.js';

export interface ClientRequestOptions {
  /** Host header value, with the port when not the default (RFC 6455 §4.1 item 4). */
  host: string;
  /** Request target: path and query (§4.1 item 3). Default `/`. */
  path?: string;
  /** 16 random bytes for Sec-WebSocket-Key (§4.1 item 7), supplied by the caller. */
  random16: Uint8Array;
  /** Subprotocols in preference order (Sec-WebSocket-Protocol, §4.1 item 10). */
  protocols?: readonly string[];
  /** permessage-deflate offers, in preference order (RFC 7692 §5). */
  deflate?: readonly DeflateOffer[];
  /** Other extension elements to offer, after the deflate offers. */
  extensions?: readonly ExtensionElement[];
  /** Origin header (§4.1 item 8; browsers always send it). */
  origin?: string;
  /** Sec-WebSocket-Version value; default `13` (§4.1 item 9). Change only to test servers. */
  version?: string;
  /** Extra headers, appended in order. */
  headers?: HeaderList;
}

export interface ClientRequest {
  key: string;
  /** The Sec-WebSocket-Accept a correct server answers with (§4.2.2). */
  expectedAccept: string;
  method: 'GET';
  target: string;
  headers: [string, string][];
  /** The serialized head, `GET ... HTTP/1.1` through the empty line. */
  bytes: Uint8Array;
  /** What was offered, for {@link validateServerResponse}. */
  offered: OfferedHandshake;
}

export interface OfferedHandshake {
  key: string;
  protocols: string[];
  extensions: ExtensionElement[];
  deflate: DeflateOffer[];
}

/** Serializes a head as ASCII/UTF-8 lines ending in CRLF (RFC 9112 §2.1). */
export function serializeHandshakeHead(startLine: string, headers: HeaderList): Uint8Array {
  let text = `${startLine}\r\n`;
  for (const [n, v] of headers) text += `${n}: ${v}\r\n`;
  return new TextEncoder().encode(`${text}\r\n`);
}

/** Builds a client opening handshake (RFC 6455 §4.1). */
export function buildClientRequest(options: ClientRequestOptions): ClientRequest {
  const key = makeKey(options.random16);
  const target = options.path ?? '/';
  const headers: [string, string][] = [
    ['Host', options.host],
    ['Upgrade', 'websocket'],
    ['Connection', 'Upgrade'],
    ['Sec-WebSocket-Key', key],
    ['Sec-WebSocket-Version', options.version ?? '13'],
  ];
  if (options.origin !== undefined) headers.push(['Origin', options.origin]);
  const protocols = [...(options.protocols ?? [])];
  if (protocols.length > 0) headers.push(['Sec-WebSocket-Protocol', protocols.join(', ')]);
  const deflate = [...(options.deflate ?? [])];
  const extensions = [...deflate.map(deflateOfferElement), ...(options.extensions ?? [])];
  if (extensions.length > 0)
    headers.push(['Sec-WebSocket-Extensions', serializeExtensions(extensions)]);
  for (const [n, v] of options.headers ?? []) headers.push([n, v]);
  return {
    key,
    expectedAccept: computeAccept(key),
    method: 'GET',
    target,
    headers,
    bytes: serializeHandshakeHead(`GET ${target} HTTP/1.1`, headers),
    offered: { key, protocols, extensions, deflate },
  };
}

/** What the client learned from a valid response. */
export interface ClientHandshakeResult {
  ok: boolean;
  findings: ProtocolFinding[];
  expectedAccept: string;
  /** Subprotocol the server selected, if any. */
  protocol?: string;
  /** Extensions the server accepted, in its order. */
  extensions: ExtensionElement[];
  /** Negotiated permessage-deflate configuration, when accepted. */
  deflate?: DeflateParams;
}

/**
 * Validates a server's handshake response (RFC 6455 §4.1, "the client MUST validate the
 * server's response as follows"). `ok` is false when the client must fail the connection.
 */
export function validateServerResponse(
  response: { status: number; headers: HeaderList },
  offered: OfferedHandshake,
): ClientHandshakeResult {
  const findings: ProtocolFinding[] = [];
  const expectedAccept = computeAccept(offered.key);
  const fail = (code: string, section: string, message: string) =>
    findings.push(wsFinding(code, 'error', section, message));
  const result: ClientHandshakeResult = { ok: false, findings, expectedAccept, extensions: [] };

  // §4.1: "If the status code received from the server is not 101, the client handles the
  // response per HTTP [RFC2616] procedures" — the connection is not a WebSocket connection.
  if (response.status !== 101) {
    fail(
      'handshake-status-not-101',
      '4.1',
      `status ${response.status}, expected 101 Switching Protocols`,
    );
    return result;
  }
  // §4.1 item 2: Upgrade must be "websocket" (ASCII case-insensitive).
  const upgrades = parseUpgrade(headerValues(response.headers, 'upgrade'));
  if (upgrades.length === 0)
    fail('handshake-upgrade-missing', '4.1', 'the 101 response has no Upgrade header');
  else if (!upgrades.every((u) => u.name === 'websocket' && u.version === undefined)) {
    fail(
      'handshake-upgrade-not-websocket',
      '4.1',
      `Upgrade is "${upgrades.map((u) => u.raw).join(', ')}", expected websocket`,
    );
  }
  // §4.1 item 3: Connection must contain the "Upgrade" token.
  if (!listHasToken(headerValues(response.headers, 'connection'), 'upgrade')) {
    fail(
      'handshake-connection-not-upgrade',
      '4.1',
      'Connection does not contain the "upgrade" token',
    );
  }
  // §4.1 item 4: Sec-WebSocket-Accept must be base64(SHA-1(key + GUID)).
  const accepts = headerValues(response.headers, 'sec-websocket-accept');
  if (accepts.length === 0) {
    fail(
      'handshake-accept-missing',
      '4.1',
      `Sec-WebSocket-Accept missing; expected ${expectedAccept}`,
    );
  } else if (accepts.length > 1 || accepts[0]!.trim() !== expectedAccept) {
    fail(
      'handshake-accept-mismatch',
      '4.1',
      `Sec-WebSocket-Accept is "${accepts.join(', ')}"; expected ${expectedAccept}`,
    );
  }
  // §4.1 item 5: every extension in the response must have been offered.
  const extParse = parseExtensions(headerValues(response.headers, 'sec-websocket-extensions'));
  if (!extParse.ok) {
    // A client fails the connection (no HTTP status to answer with).
    const f = { ...extParse.finding };
    delete f.status;
    findings.push(f);
  } else {
    const offeredNames = new Set(offered.extensions.map((e) => e.name));
    let deflateSeen = false;
    for (const ext of extParse.extensions) {
      if (!offeredNames.has(ext.name)) {
        fail(
          'handshake-extension-not-offered',
          '4.1',
          `the server accepted extension "${ext.name}", which was not offered`,
        );
        continue;
      }
      if (ext.name === PERMESSAGE_DEFLATE) {
        if (deflateSeen) {
          fail('deflate-response-duplicate', '4.1', 'permessage-deflate accepted twice');
          continue;
        }
        deflateSeen = true;
        const checked = checkDeflateResponse(ext, offered.deflate);
        findings.push(...checked.findings);
        if (checked.params) result.deflate = checked.params;
      }
      result.extensions.push(ext);
    }
  }
  // §4.1 item 6: a subprotocol in the response must be one the client offered.
  const protocolValues = headerValues(response.headers, 'sec-websocket-protocol');
  const chosen = parseList(protocolValues);
  if (chosen.length > 1) {
    fail(
      'handshake-protocol-multiple',
      '4.2.2',
      `the server selected several subprotocols: ${chosen.join(', ')}`,
    );
  } else if (chosen.length === 1) {
    const p = chosen[0]!;
    if (!offered.protocols.includes(p)) {
      fail(
        'handshake-protocol-not-offered',
        '4.1',
        `the server selected subprotocol "${p}", which was not offered`,
      );
    } else result.protocol = p;
  }
  for (const p of offered.protocols) {
    if (!isHttpToken(p)) {
      findings.push(
        wsFinding(
          'handshake-protocol-not-token',
          'warning',
          '4.1',
          `offered subprotocol "${p}" is not a token`,
        ),
      );
    }
  }
  result.ok = !findings.some((f) => f.severity === 'error');
  return result;
}
