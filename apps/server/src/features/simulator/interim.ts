/**
 * Real interim (1xx) responses on the wire (RFC 9110 §15.2). Over HTTP/1.1 Node writes 100, 102
 * and 103 with its own API; any other 1xx is written the same way Node does (a status line and
 * fields, straight to the socket, before the final response's head). Over HTTP/2 every 1xx is a
 * HEADERS frame of its own on the request's stream before the final one (RFC 9113 §8.1), with
 * `:status` and no reason phrase (§8.3.2).
 */
import { Socket } from 'node:net';
import http2 from 'node:http2';
import type { ServerResponse } from 'node:http';
import type { InterimRecord } from './diagnostic.js';

/** The HTTP/2 response behind a route's `reply.raw`, when the request came over HTTP/2. */
function http2Response(res: ServerResponse): http2.Http2ServerResponse | undefined {
  const candidate = res as unknown;
  return candidate instanceof http2.Http2ServerResponse ? candidate : undefined;
}

/**
 * Whether `res` may get a 1xx at all: never to HTTP/1.0 (RFC 9110 §15.2: "A server MUST NOT
 * send a 1xx response to an HTTP/1.0 client"), never once the final head is out, and only on a
 * real connection (`inject()` has none): an HTTP/1.1 socket, or an open HTTP/2 stream.
 */
export function canSendInterim(res: ServerResponse, httpVersion: string): boolean {
  if (httpVersion === '1.0' || httpVersion === '0.9' || res.headersSent) return false;
  const h2 = http2Response(res);
  if (h2) return !h2.stream.destroyed && !h2.stream.closed && !h2.stream.headersSent;
  return res.socket instanceof Socket && res.socket.writable;
}

/** Writes one 1xx and returns the record of what went on the wire. Callers check canSendInterim. */
export function writeInterim(
  res: ServerResponse,
  code: number,
  reason: string,
  headers: [string, string][] = [],
): InterimRecord {
  const h2 = http2Response(res);
  if (h2) return writeHttp2Interim(h2, code, headers);
  if (code === 100) {
    res.writeContinue();
    return { code, reason: 'Continue', headers: [] };
  }
  if (code === 102) {
    res.writeProcessing();
    return { code, reason: 'Processing', headers: [] };
  }
  if (code === 103) {
    // RFC 8297 §2: 103 carries the fields (typically Link) the final response is expected to have.
    const links = headers.filter(([name]) => name.toLowerCase() === 'link').map(([, v]) => v);
    const hints: Record<string, string | string[]> = { link: links };
    for (const [name, value] of headers) if (name.toLowerCase() !== 'link') hints[name] = value;
    res.writeEarlyHints(hints);
    return { code, reason: 'Early Hints', headers };
  }
  // Any other 1xx: the same bytes Node writes for 102, with our code and reason.
  const head =
    `HTTP/1.1 ${code} ${reason}\r\n` +
    headers.map(([name, value]) => `${name}: ${value}\r\n`).join('') +
    '\r\n';
  res.socket!.write(head, 'latin1');
  return { code, reason, headers };
}

/**
 * One 1xx over HTTP/2: an informational HEADERS frame (RFC 9113 §8.1). No reason phrase exists
 * in HTTP/2 (§8.3.2), so the record's reason is empty. Field names go out lowercase (§8.2.1).
 */
function writeHttp2Interim(
  res: http2.Http2ServerResponse,
  code: number,
  headers: [string, string][],
): InterimRecord {
  const fields: http2.OutgoingHttpHeaders = { ':status': code };
  const sent: [string, string][] = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    const known = fields[lower];
    fields[lower] = known === undefined ? value : [...[known].flat().map(String), value];
    sent.push([lower, value]);
  }
  res.stream.additionalHeaders(fields);
  return { code, reason: '', headers: sent };
}
