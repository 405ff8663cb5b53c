/**
 * Keeps HTTP/1.1-only fields off HTTP/2 responses. RFC 9113 §8.2.2: "An endpoint MUST NOT
 * generate an HTTP/2 message containing connection-specific header fields"; Node's compat
 * layer throws (ERR_HTTP2_INVALID_CONNECTION_HEADERS) from inside `writeHead` when a route
 * written for HTTP/1.1 sets one (e.g. `Upgrade` on a 426, `Connection: close`), which would
 * end the process. Like an HTTP/1.1-to-HTTP/2 gateway, we drop them and say so.
 */
import http2 from 'node:http2';

const CONNECTION_SPECIFIC = new Set([
  'connection',
  'upgrade',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'http2-settings',
]);

/** True for a field that may not appear in an HTTP/2 message (TE only with "trailers"). */
export function isConnectionSpecific(name: string, value?: unknown): boolean {
  const lower = name.toLowerCase();
  if (lower === 'te') return String(value).trim().toLowerCase() !== 'trailers';
  return CONNECTION_SPECIFIC.has(lower);
}

type HeadersArg = Record<string, unknown> | unknown[] | undefined;

/** True when `headers` (any form `writeHead` takes) names a connection-specific field. */
function hasConnectionSpecific(headers: HeadersArg): boolean {
  if (headers === undefined || headers === null) return false;
  if (Array.isArray(headers)) {
    if (headers.length > 0 && Array.isArray(headers[0])) {
      return (headers as [string, unknown][]).some(([n, v]) => isConnectionSpecific(n, v));
    }
    for (let i = 0; i + 1 < headers.length; i += 2) {
      if (isConnectionSpecific(String(headers[i]), headers[i + 1])) return true;
    }
    return false;
  }
  for (const n in headers) if (isConnectionSpecific(n, headers[n])) return true;
  return false;
}

function filterHeaders(headers: HeadersArg, dropped: (name: string) => void): HeadersArg {
  if (headers === undefined || headers === null) return headers;
  if (Array.isArray(headers)) {
    // Either [[name, value], ...] or a flat [name, value, ...] list.
    if (headers.length > 0 && Array.isArray(headers[0])) {
      return (headers as [string, unknown][]).filter(([n, v]) => {
        const drop = isConnectionSpecific(n, v);
        if (drop) dropped(n);
        return !drop;
      });
    }
    const out: unknown[] = [];
    for (let i = 0; i + 1 < headers.length; i += 2) {
      const n = String(headers[i]);
      if (isConnectionSpecific(n, headers[i + 1])) dropped(n);
      else out.push(headers[i], headers[i + 1]);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [n, v] of Object.entries(headers)) {
    if (isConnectionSpecific(n, v)) dropped(n);
    else out[n] = v;
  }
  return out;
}

/** Hears the name of each dropped field (for the log). */
export type DropListener = (name: string) => void;

/**
 * An `Http2ServerResponse` whose `setHeader`, `appendHeader` and `writeHead` drop
 * connection-specific fields; `onDrop` hears each dropped name. Given to the HTTP/2 servers as
 * their response class (`Http2ServerResponse` option) rather than wrapping each response: per
 * response closures doubled the GC work of a request under h2load (issue 8 bench).
 */
export function guardedResponseClass(onDrop: DropListener): typeof http2.Http2ServerResponse {
  class GuardedResponse extends http2.Http2ServerResponse {
    override setHeader(name: string, value: number | string | readonly string[]): void {
      if (isConnectionSpecific(name, value)) onDrop(name);
      else super.setHeader(name, value);
    }

    override appendHeader(name: string, value: string | string[]): void {
      if (isConnectionSpecific(name, value)) onDrop(name);
      else super.appendHeader(name, value);
    }

    override writeHead(status: number, ...rest: unknown[]): this {
      // A string first is a reason phrase: HTTP/2 has none (RFC 9113 §8.3.2), so it is dropped
      // (Node would warn and ignore it).
      let headers = (typeof rest[0] === 'string' ? rest[1] : rest[0]) as HeadersArg;
      // Copied only when a field must go: nearly every response keeps its headers as they are.
      if (hasConnectionSpecific(headers)) headers = filterHeaders(headers, onDrop);
      return super.writeHead(status, headers as http2.OutgoingHttpHeaders);
    }
  }
  return GuardedResponse as typeof http2.Http2ServerResponse;
}
