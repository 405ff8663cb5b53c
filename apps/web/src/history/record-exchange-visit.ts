import type { Exchange } from '@switchyard/exchange';
import { recordHistory } from './history-store.js';

/** Remembers an opened `/x/{id}` exchange in the browser history list. */
export function recordExchangeVisit(exchange: Exchange): void {
  recordHistory({
    id: exchange.id,
    // An import keeps the original's method and target: say so, or it reads as a twin.
    summary: `${exchange.request.method} ${exchange.request.target}${
      exchange.source === 'import' ? ' (imported from HAR)' : ''
    }`,
    ...(exchange.response ? { status: exchange.response.status } : {}),
  });
}
