/**
 * Hand-off of a request to the playground ("Open in playground" on `/x/{id}`): the request is
 * put in sessionStorage (this tab only; nothing in the URL, so a captured header value never
 * lands in a link or in server logs) and the playground reads it once, on mount.
 *
 * The composer calls `takePlaygroundHandoff()` when it mounts; a non-undefined result replaces
 * its initial request (and the entry is removed, so a reload starts fresh).
 */
import { fieldsFrom, type ComposedRequest } from '../composer/request-model.js';

export const HANDOFF_KEY = 'switchyard.playground-handoff.v1';

/** What is handed over: the request line parts and the header lines in order. */
export interface PlaygroundHandoff {
  method: string;
  target: string;
  /** e.g. `HTTP/1.1` */
  version: string;
  headers: [string, string][];
  body: string;
  /** The capture it came from, for the playground to mention. */
  fromExchange?: string;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function session(): StorageLike | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** Stores the request for the playground; returns false when storage is unavailable. */
export function putPlaygroundHandoff(
  handoff: PlaygroundHandoff,
  storage: StorageLike | undefined = session(),
): boolean {
  if (!storage) return false;
  try {
    storage.setItem(HANDOFF_KEY, JSON.stringify(handoff));
    return true;
  } catch {
    return false;
  }
}

function isHandoff(value: unknown): value is PlaygroundHandoff {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.method === 'string' &&
    typeof v.target === 'string' &&
    typeof v.version === 'string' &&
    typeof v.body === 'string' &&
    Array.isArray(v.headers) &&
    v.headers.every(
      (h) =>
        Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && typeof h[1] === 'string',
    )
  );
}

/**
 * Reads and removes the handed-over request, as the composer's model (all headers enabled, in
 * order). Undefined when there is none or it is malformed.
 */
export function takePlaygroundHandoff(
  storage: StorageLike | undefined = session(),
): (ComposedRequest & { fromExchange?: string }) | undefined {
  if (!storage) return undefined;
  let raw: string | null;
  try {
    raw = storage.getItem(HANDOFF_KEY);
    storage.removeItem(HANDOFF_KEY);
  } catch {
    return undefined;
  }
  if (raw === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isHandoff(parsed)) return undefined;
  return {
    method: parsed.method,
    target: parsed.target,
    version: parsed.version,
    headers: fieldsFrom(parsed.headers),
    body: parsed.body,
    ...(parsed.fromExchange !== undefined ? { fromExchange: parsed.fromExchange } : {}),
  };
}
