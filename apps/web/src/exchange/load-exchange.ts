import type { Exchange } from '@switchyard/exchange';

/** An RFC 9457 problem detail as received (every member optional, all untrusted text). */
export interface ProblemDetail {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
}

export type LoadResult =
  /** `text`: the body as received, so a re-fetch can tell an unchanged snapshot cheaply. */
  | { kind: 'ok'; exchange: Exchange; text: string }
  | { kind: 'problem'; status: number; problem: ProblemDetail }
  | { kind: 'error'; message: string };

function asProblem(value: unknown): ProblemDetail {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const text = (x: unknown) => (typeof x === 'string' ? x : undefined);
  return {
    type: text(v.type),
    title: text(v.title),
    status: typeof v.status === 'number' ? v.status : undefined,
    detail: text(v.detail),
  };
}

function looksLikeExchange(value: unknown): value is Exchange {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const request = v.request as Record<string, unknown> | undefined;
  return (
    typeof v.id === 'string' &&
    typeof request === 'object' &&
    request !== null &&
    Array.isArray(request.headers) &&
    Array.isArray(v.interim)
  );
}

/**
 * Loads `GET /api/exchanges/{id}`. A non-2xx answer becomes a `problem` (RFC 9457 body when the
 * server sent one); a 2xx that is not an Exchange, or a network failure, becomes an `error`.
 */
export async function loadExchange(id: string, signal?: AbortSignal): Promise<LoadResult> {
  let response: Response;
  try {
    response = await fetch(`/api/exchanges/${encodeURIComponent(id)}`, {
      headers: { Accept: 'application/json' },
      signal,
    });
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  let text = '';
  let body: unknown;
  try {
    text = await response.text();
    body = JSON.parse(text) as unknown;
  } catch {
    body = undefined;
  }
  if (!response.ok) return { kind: 'problem', status: response.status, problem: asProblem(body) };
  if (!looksLikeExchange(body)) {
    return { kind: 'error', message: 'The server answered, but not with an exchange record.' };
  }
  return { kind: 'ok', exchange: body, text };
}
