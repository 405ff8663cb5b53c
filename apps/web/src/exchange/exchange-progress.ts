import type { Exchange } from '@switchyard/exchange';

/**
 * True while a captured exchange has not ended: `GET /api/exchanges/{id}` serves a live
 * snapshot of an active capture (an open `/sse` stream, a connected WebSocket, a delayed
 * response), and only a finished capture carries `timings.end` (set when the response finished
 * or the upgraded connection closed). An imported HAR may lack an end time without being open,
 * so only our own captures are ever "in progress".
 */
export function isInProgress(exchange: Exchange): boolean {
  return exchange.source === 'capture' && exchange.timings.end === undefined;
}
