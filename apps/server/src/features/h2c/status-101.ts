/**
 * `/api/status/101` reached with a qualifying `Upgrade: h2c`: the 101 the client asked for has
 * just been sent, and the upgraded request still needs its final response on stream 1 (RFC 7540
 * §3.2). HTTP/2 has no 101 (RFC 9113 §8.6), so routing the request again would answer "no
 * protocol offered" (426); this answers 200 with what happened instead.
 */
import type { Http2ServerResponse } from 'node:http2';

const STATUS_101 = /^\/api\/status\/101(?:[/?#]|$)/;

/** True for the simulator's 101 endpoint. */
export function isStatus101(url: string | undefined): boolean {
  return url !== undefined && STATUS_101.test(url);
}

/** Writes the stream-1 answer: 200 JSON naming the switch and the notes. */
export function answerSwitchedStatus101(res: Http2ServerResponse, notes: readonly string[]): void {
  const body = JSON.stringify({
    switched: 'h2c',
    interim: [
      {
        code: 101,
        reason: 'Switching Protocols',
        headers: [
          ['Connection', 'Upgrade'],
          ['Upgrade', 'h2c'],
        ],
      },
    ],
    notes: [
      ...notes,
      'HTTP/2 has no 101 status (RFC 9113 §8.6): the final response to the upgraded request is this 200 on stream 1.',
    ],
  });
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}
