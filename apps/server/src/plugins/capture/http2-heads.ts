/**
 * The response head of an HTTP/2 exchange as it went on the wire. Node's compatibility API
 * only tells what the route set (merged, lowercased, without the `date` field nghttp2 adds),
 * so once the connection's frames are decoded (features/h2c tap, HPACK per RFC 7541) the final
 * response's HEADERS block on the exchange's stream replaces it: the fields exactly as sent,
 * in order, pseudo-fields first (RFC 9113 §8.3).
 */
import type { Exchange, Http2Capture } from '@switchyard/exchange';
import { REBUILT_HEAD_NOTE } from './response-head.js';

/** Replaces `exchange.response.headers` by the decoded final HEADERS of its stream, if seen. */
export function useWireResponseHead(exchange: Exchange, http2: Http2Capture): void {
  const response = exchange.response;
  if (!response) return;
  for (const frame of http2.frames) {
    if (frame.direction !== 'server-to-client' || frame.streamId !== http2.streamId) continue;
    const status = frame.headers?.find(([name]) => name === ':status')?.[1];
    // RFC 9113 §8.1: 1xx HEADERS may come first; the final response is the first non-1xx one.
    if (status === undefined || Number(status) < 200) continue;
    if (Number(status) !== response.status) return;
    response.headers = frame.headers!.map(([name, value]): [string, string] => [name, value]);
    // The head from Node's view, and the note saying it was rebuilt, are replaced.
    exchange.notes = exchange.notes.filter((note) => note.text !== REBUILT_HEAD_NOTE);
    exchange.notes.push({
      time: frame.time,
      text: 'Response head as decoded from its HEADERS frame on the wire (HPACK, RFC 7541).',
    });
    return;
  }
}
