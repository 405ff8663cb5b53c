/**
 * The browser side of the probe API (apps/server/src/features/probe): start a probe with the
 * composed request, send frames on its WebSocket. Errors are RFC 9457 problem details.
 */
import type { Exchange } from '@switchyard/exchange';
import type { ComposedRequest } from '../composer/request-model.js';
import { postJson } from '../http/post-json.js';

/** What `POST /api/probe` answers (201). */
export interface ProbeStarted {
  id: string;
  link: string;
  open: boolean;
  done: boolean;
  outcome: string;
  status: number | null;
  exchange: Exchange;
}

async function post<T>(path: string, body: unknown): Promise<T> {
  return (await postJson(path, body, 'Network error')) as T;
}

/** True when the headers offer a WebSocket upgrade (RFC 6455 §4.1: `Upgrade: websocket`). */
export function offersWebSocket(request: ComposedRequest): boolean {
  return request.headers.some(
    (h) =>
      h.enabled &&
      h.name.trim().toLowerCase() === 'upgrade' &&
      h.value.split(',').some((token) => token.trim().toLowerCase() === 'websocket'),
  );
}

/**
 * The probe's URL: the chosen server origin with the composed target. The scheme follows the
 * request: ws/wss for a WebSocket offer (RFC 6455 §3), http/https otherwise.
 */
export function probeUrl(server: string, request: ComposedRequest): string {
  const origin = server.trim().replace(/\/+$/, '');
  const secure = /^(https|wss):/i.test(origin);
  const rest = origin.replace(/^[a-z]+:\/\//i, '');
  const scheme = offersWebSocket(request) ? (secure ? 'wss' : 'ws') : secure ? 'https' : 'http';
  const path = request.target.startsWith('/') ? request.target : '/';
  return `${scheme}://${rest}${path}`;
}

/**
 * The body of `POST /api/probe` for a composed request: the request-line parts and the enabled
 * header lines exactly as composed, in order (the probe sends them as given, adding nothing).
 */
export function probeBody(server: string, request: ComposedRequest) {
  return {
    url: probeUrl(server, request),
    method: request.method,
    target: request.target,
    version: request.version,
    headers: request.headers.filter((h) => h.enabled).map((h) => [h.name, h.value]),
    ...(request.body !== '' ? { body: request.body } : {}),
    autoPong: true,
  };
}

/** Starts a probe; throws {@link ApiProblemError}. */
export function startProbe(server: string, request: ComposedRequest): Promise<ProbeStarted> {
  return post<ProbeStarted>('/api/probe', probeBody(server, request));
}

/** One frame to send (see `sendActionSchema` on the server); binary payloads are base64. */
export type SendAction =
  | { type: 'text'; text: string }
  | { type: 'binary' | 'ping' | 'pong'; data: string }
  | { type: 'close'; code?: number; reason?: string }
  | {
      type: 'raw';
      opcode: number;
      data: string;
      fin: boolean;
      rsv1: boolean;
      rsv2: boolean;
      rsv3: boolean;
      mask: boolean;
      allowInvalid: boolean;
    };

/** Sends a frame on the probe's open WebSocket; throws {@link ApiProblemError}. */
export function sendFrame(id: string, action: SendAction): Promise<unknown> {
  return post(`/api/probe/${encodeURIComponent(id)}/send`, action);
}
