/**
 * Real interim (1xx) responses on the wire (RFC 9110 §15.2). Node writes 100, 102 and 103 with
 * its own API; any other 1xx is written the same way Node does (a status line and fields,
 * straight to the socket, before the final response's head).
 */
import { Socket } from 'node:net';
import type { ServerResponse } from 'node:http';
import type { InterimRecord } from './diagnostic.js';

/**
 * Whether `res` may get a 1xx at all: never to HTTP/1.0 (RFC 9110 §15.2: "A server MUST NOT
 * send a 1xx response to an HTTP/1.0 client"), never once the final head is out, and only on a
 * real socket (`inject()` has none).
 */
export function canSendInterim(res: ServerResponse, httpVersion: string): boolean {
  return (
    httpVersion !== '1.0' &&
    httpVersion !== '0.9' &&
    !res.headersSent &&
    res.socket instanceof Socket &&
    res.socket.writable
  );
}

/** Writes one 1xx and returns the record of what went on the wire. Callers check canSendInterim. */
export function writeInterim(
  res: ServerResponse,
  code: number,
  reason: string,
  headers: [string, string][] = [],
): InterimRecord {
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
