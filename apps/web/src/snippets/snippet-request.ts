/**
 * The request a snippet reproduces: method, absolute URL, header lines in wire order, body.
 * Snippet generators are pure functions of this record; nothing here touches the DOM.
 */
import type { ComposedRequest } from '../composer/request-model.js';

export interface SnippetRequest {
  method: string;
  /** Absolute URL (`http:`, `https:`, `ws:` or `wss:`). */
  url: string;
  /** `[name, value]` in wire order, original case; repeated names allowed. */
  headers: readonly (readonly [string, string])[];
  body: string;
}

/** One generated snippet. `code` is plain text and is always rendered as text. */
export interface GeneratedSnippet {
  /** Stable key, e.g. `curl`. */
  id: string;
  /** Tab label, e.g. `curl`. */
  label: string;
  /** Language hint, e.g. `shell`. */
  language: string;
  code: string;
}

/** Headers a WebSocket client library computes itself (RFC 6455 §4.1) and so refuses or ignores. */
const clientManaged = new Set([
  'host',
  'upgrade',
  'connection',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
]);

function headerValues(request: SnippetRequest, name: string): string[] {
  const wanted = name.toLowerCase();
  return request.headers.filter(([n]) => n.toLowerCase() === wanted).map(([, v]) => v);
}

/**
 * True when the request asks for a WebSocket: a `ws:`/`wss:` URL, or an `Upgrade` field whose
 * protocol list names `websocket` (RFC 9110 §7.8: a comma-separated list, case-insensitive).
 */
export function isWebSocketRequest(request: SnippetRequest): boolean {
  if (/^wss?:/i.test(request.url)) return true;
  return headerValues(request, 'upgrade').some((value) =>
    value.split(',').some((token) => token.trim().toLowerCase() === 'websocket'),
  );
}

/** The URL with `http:` → `ws:` and `https:` → `wss:` (RFC 6455 §3), other URLs unchanged. */
export function webSocketUrl(url: string): string {
  return url.replace(/^http(s?):/i, (_m, s: string) => `ws${s}:`);
}

/** The URL with `ws:` → `http:` and `wss:` → `https:`, for HTTP clients such as curl. */
export function httpUrl(url: string): string {
  return url.replace(/^ws(s?):/i, (_m, s: string) => `http${s}:`);
}

/** Subprotocols offered in `Sec-WebSocket-Protocol` (RFC 6455 §4.1, comma-separated tokens). */
export function offeredSubprotocols(request: SnippetRequest): string[] {
  return headerValues(request, 'sec-websocket-protocol')
    .flatMap((value) => value.split(','))
    .map((token) => token.trim())
    .filter((token) => token.length > 0);
}

/** Header lines a WebSocket library lets a caller add (everything it does not compute itself). */
export function extraWebSocketHeaders(request: SnippetRequest): (readonly [string, string])[] {
  return request.headers.filter(([name]) => !clientManaged.has(name.toLowerCase()));
}

/** Names of the composed header lines a WebSocket library will compute itself instead. */
export function managedWebSocketHeaderNames(request: SnippetRequest): string[] {
  return request.headers
    .filter(([name]) => clientManaged.has(name.toLowerCase()))
    .map(([name]) => name);
}

/**
 * A snippet request from the composer's model: enabled headers in order, the URL built from
 * `origin` (e.g. `http://127.0.0.1:8080`) and the request-target.
 */
export function snippetRequestFromComposed(
  request: ComposedRequest,
  origin: string,
): SnippetRequest {
  const target = request.target.startsWith('/') ? request.target : `/${request.target}`;
  return {
    method: request.method,
    url: /^[a-z][a-z0-9+.-]*:\/\//i.test(request.target) ? request.target : `${origin}${target}`,
    headers: request.headers.filter((h) => h.enabled).map((h) => [h.name, h.value] as const),
    body: request.body,
  };
}
