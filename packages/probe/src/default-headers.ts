/**
 * Well-formed default request heads for a URL, used when the caller gives no header lines:
 * an opening handshake for ws/wss (RFC 6455 §4.1), a plain GET for http/https.
 */
import { buildClientRequest } from '@switchyard/protocol';
import type { TargetUrl } from './target-url.js';

/** The probe's User-Agent (RFC 9110 §10.1.5). */
export const PROBE_USER_AGENT = 'switchyard-probe/0.1';

/**
 * Default header lines for `url`. For ws/wss: Host, Upgrade, Connection, Sec-WebSocket-Key
 * (from `random16`, 16 random bytes per §4.1 item 7), Sec-WebSocket-Version 13.
 */
export function defaultHeaders(
  url: TargetUrl,
  random16: Uint8Array,
  options: { bodyLength?: number } = {},
): [string, string][] {
  if (url.websocket) {
    const req = buildClientRequest({ host: url.authority, path: url.path, random16 });
    return req.headers.map(([n, v]) => [n, v]);
  }
  const headers: [string, string][] = [
    ['Host', url.authority],
    ['User-Agent', PROBE_USER_AGENT],
    ['Accept', '*/*'],
  ];
  // RFC 9110 §8.6: a sender with content of known length sends Content-Length.
  if (options.bodyLength !== undefined && options.bodyLength > 0) {
    headers.push(['Content-Length', String(options.bodyLength)]);
  }
  return headers;
}
