/**
 * The response head as sent. Node's `res.getHeaders()` lowercases names and merges
 * duplicates, so it cannot show what went on the wire. Node keeps the exact head it wrote in
 * `ServerResponse#_header` (the status line and every field line, in order and in the case the
 * application used, ending with the empty line); that string is the best source available
 * without tapping the socket, and it is what is parsed here. (`_header` is long-standing but
 * undocumented; if it is ever missing, the head is rebuilt from `getRawHeaderNames()`, which
 * keeps case and order but merges duplicates, and a note says so.)
 */
import type { ServerResponse } from 'node:http';
import type { HeaderList, ResponseHead } from '@switchyard/exchange';
import { headOffsets } from '@switchyard/exchange';

/** Parses an HTTP/1.x response head (RFC 9112 §4: status-line, field lines). */
export function parseResponseHead(head: string): ResponseHead | undefined {
  const lines = head.split('\r\n');
  const status = /^HTTP\/(\d(?:\.\d)?) (\d{3})(?: (.*))?$/.exec(lines[0] ?? '');
  if (!status) return undefined;
  const headers: HeaderList = [];
  for (const line of lines.slice(1)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return { status: Number(status[2]), reason: status[3] ?? '', httpVersion: status[1]!, headers };
}

/** The final head `res` sent, exact when Node's `_header` is there. */
export function sentResponseHead(res: ServerResponse): { head?: ResponseHead; exact: boolean } {
  const written = (res as unknown as { _header?: unknown })._header;
  if (typeof written === 'string' && written.length > 0) {
    const head = parseResponseHead(written);
    if (head) {
      const raw = Buffer.from(written, 'latin1');
      head.raw = raw.toString('base64');
      head.offsets = headOffsets(raw);
      return { head, exact: true };
    }
  }
  if (!res.headersSent) return { exact: false };
  // An HTTP/2 response (node:http2 compatibility API) has a stream and no status line.
  const http2 = 'stream' in res;
  const headers: HeaderList = [];
  const rawNames = (res as unknown as { getRawHeaderNames?: () => string[] }).getRawHeaderNames;
  for (const name of rawNames?.call(res) ?? res.getHeaderNames()) {
    const value = res.getHeader(name);
    if (Array.isArray(value)) for (const v of value) headers.push([name, v]);
    else if (value !== undefined) headers.push([name, String(value)]);
  }
  // RFC 9113 §8.3: pseudo-header fields (`:status`) come before every regular field.
  if (http2) headers.sort((a, b) => Number(!a[0].startsWith(':')) - Number(!b[0].startsWith(':')));
  return {
    head: {
      status: res.statusCode,
      // RFC 9113 §8.3.2: HTTP/2 has no reason phrase.
      reason: http2 ? '' : (res.statusMessage ?? ''),
      httpVersion: http2 ? '2.0' : '1.1',
      headers,
    },
    exact: false,
  };
}

/** The note of a response head rebuilt from Node's view (duplicates merged, order lost). */
export const REBUILT_HEAD_NOTE = 'response head rebuilt from Node: duplicates merged';
