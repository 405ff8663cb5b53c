/**
 * Writes a complete HTTP/1.1 response on a raw socket (one taken over from the upgrade event),
 * with the protocol core's byte-exact head serializer, then closes the connection.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { serializeResponseHead } from '@switchyard/protocol';
import { PROBLEM_CONTENT_TYPE, problemBody, type Problem } from '../../plugins/problem.js';

/** Writes `problem` as `application/problem+json` (RFC 9457) and ends the socket. */
export function endWithProblem(
  socket: Duplex,
  problem: Problem,
  headers: Record<string, string> = {},
  extra: [string, string][] = [],
): void {
  const body = Buffer.from(JSON.stringify(problemBody(problem)));
  const lines: [string, string][] = [
    ...Object.entries(headers),
    ...extra,
    ['Content-Type', PROBLEM_CONTENT_TYPE],
    ['Content-Length', String(body.length)],
    ['Cache-Control', 'no-store'],
  ];
  // RFC 9112 §9.6: "close" tells the client the connection ends after this response.
  if (!lines.some(([n]) => n.toLowerCase() === 'connection')) lines.push(['Connection', 'close']);
  const head = serializeResponseHead({
    status: problem.status,
    reason: STATUS_CODES[problem.status] ?? '',
    headers: lines,
  });
  socket.write(head);
  socket.end(body);
}
