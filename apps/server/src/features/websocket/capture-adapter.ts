/**
 * The one place the WebSocket and fault endpoints talk to the capture plugin
 * (plugins/capture.ts): they use its programmatic API (`app.captures`), because after the 101
 * they own the socket and Fastify no longer sees what is written.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CloseInfo } from '@switchyard/exchange';
import { captureHeaders, type ExchangeCapture } from '../../plugins/capture.js';

/** How a WebSocket connection ended (RFC 6455 §7.1.4-§7.1.5), as the capture records it. */
export type WsCloseInfo = Omit<CloseInfo, 'time'>;

/** The capture of one exchange. */
export type WsCapture = ExchangeCapture;

/**
 * The exchange of a request: the one the capture plugin began for a route with
 * `config: { capture: true }`, else a new one. Undefined when capture is off or absent.
 */
export function beginWsCapture(
  app: FastifyInstance,
  request: FastifyRequest,
  endpoint: string,
  kind = 'websocket',
): WsCapture | undefined {
  if (!app.hasDecorator('captures') || !app.config.capture) return undefined;
  const existing = app.captures.of(request);
  if (existing) return existing;
  const raw = request.raw;
  const socket = raw.socket;
  const capture = app.captures.begin({
    kind,
    endpoint,
    method: raw.method ?? 'GET',
    target: raw.url ?? '/',
    httpVersion: raw.httpVersion,
    headers: raw.rawHeaders,
    ...(socket?.remoteAddress
      ? { client: { address: socket.remoteAddress, port: socket.remotePort ?? 0 } }
      : {}),
    ...(socket?.localAddress
      ? { server: { address: socket.localAddress, port: socket.localPort ?? 0 } }
      : {}),
  });
  return capture;
}

/** The share-link fields every captured response carries (`Link`, `X-Switchyard-Capture`). */
export function captureLinkHeaders(id: string): [string, string][] {
  return captureHeaders(id);
}
