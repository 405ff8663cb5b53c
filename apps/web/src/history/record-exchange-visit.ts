import type { Exchange } from '@switchyard/exchange';
import { recordHistory } from './history-store.js';

/** Remembers an opened `/x/{id}` exchange in the browser history list. */
export function recordExchangeVisit(exchange: Exchange): void {
  recordHistory({
    id: exchange.id,
    summary: `${exchange.request.method} ${exchange.request.target}`,
    ...(exchange.response ? { status: exchange.response.status } : {}),
  });
}
