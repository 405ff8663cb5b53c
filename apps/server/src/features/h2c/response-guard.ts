/**
 * Keeps HTTP/1.1-only fields off HTTP/2 responses. RFC 9113 §8.2.2: "An endpoint MUST NOT
 * generate an HTTP/2 message containing connection-specific header fields"; Node's compat
 * layer throws (ERR_HTTP2_INVALID_CONNECTION_HEADERS) from inside `writeHead` when a route
 * written for HTTP/1.1 sets one (e.g. `Upgrade` on a 426, `Connection: close`), which would
 * end the process. Like an HTTP/1.1-to-HTTP/2 gateway, we drop them and say so.
 */
import type { Http2ServerResponse } from 'node:http2';

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

/**
 * Wraps `setHeader`, `appendHeader` and `writeHead` of one response so connection-specific
 * fields are dropped; `onDrop` hears each dropped name (for the capture).
 */
export function guardResponse(res: Http2ServerResponse, onDrop: (name: string) => void): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = ((name: string, value: number | string | readonly string[]) => {
    if (isConnectionSpecific(name, value)) {
      onDrop(name);
      return res;
    }
    return setHeader(name, value);
  }) as typeof res.setHeader;
  const appendHeader = res.appendHeader.bind(res);
  res.appendHeader = ((name: string, value: string | string[]) => {
    if (isConnectionSpecific(name, value)) {
      onDrop(name);
      return res;
    }
    return appendHeader(name, value);
  }) as typeof res.appendHeader;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Http2ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (typeof rest[0] === 'string') {
      // A reason phrase: HTTP/2 has none (RFC 9113 §8.3.2), Node warns and ignores it.
      return writeHead(status, filterHeaders(rest[1] as HeadersArg, onDrop));
    }
    return writeHead(status, filterHeaders(rest[0] as HeadersArg, onDrop));
  }) as typeof res.writeHead;
}
