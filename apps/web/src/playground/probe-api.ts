/**
 * The browser side of the probe API (apps/server/src/features/probe): start a probe with the
 * composed request, send frames on its WebSocket. Errors are RFC 9457 problem details.
 */
import type { Exchange } from '@switchyard/exchange';
import type { ComposedRequest } from '../composer/request-model.js';

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

/** A failed call: the problem's title and detail (untrusted text), and the HTTP status. */
export class ProbeApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

async function failure(response: Response): Promise<ProbeApiError> {
  let title = `HTTP ${response.status}`;
  let detail: string | undefined;
  try {
    const problem = (await response.json()) as { title?: unknown; detail?: unknown };
    if (typeof problem.title === 'string') title = problem.title;
    if (typeof problem.detail === 'string') detail = problem.detail;
  } catch {
    detail = response.statusText || undefined;
  }
  return new ProbeApiError(response.status, title, detail);
}

async function post<T>(path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new ProbeApiError(0, 'Network error', error instanceof Error ? error.message : undefined);
  }
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
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

/** Starts a probe; throws {@link ProbeApiError}. */
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

/** Sends a frame on the probe's open WebSocket; throws {@link ProbeApiError}. */
export function sendFrame(id: string, action: SendAction): Promise<unknown> {
  return post(`/api/probe/${encodeURIComponent(id)}/send`, action);
}
