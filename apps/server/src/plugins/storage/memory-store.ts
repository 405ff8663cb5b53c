/**
 * In-memory ExchangeStore for tests and `STORAGE=memory`: same semantics as the SQLite store
 * (newest-first paging with an id cursor, retention by age and size), nothing persisted.
 */
import { summarize, type Exchange, type ExchangeSummary } from '@switchyard/exchange';
import {
  startOf,
  storedSize,
  type ExchangeStore,
  type ListOptions,
  type PruneResult,
  type RetentionOptions,
} from './store.js';

interface Row {
  json: string;
  start: number;
  size: number;
}

/** Newest first: by start time, then id (the same order the SQLite store uses). */
function newerFirst(a: [string, Row], b: [string, Row]): number {
  return b[1].start - a[1].start || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0);
}

export class MemoryExchangeStore implements ExchangeStore {
  private readonly rows = new Map<string, Row>();
  private closed = false;

  constructor(private readonly retention: RetentionOptions = { maxAgeDays: 0, maxBytes: 0 }) {}

  async put(exchange: Exchange): Promise<void> {
    if (this.closed) throw new Error('store is closed');
    const json = JSON.stringify(exchange);
    this.rows.set(exchange.id, { json, start: startOf(exchange), size: storedSize(json) });
  }

  async get(id: string): Promise<Exchange | undefined> {
    const row = this.rows.get(id);
    return row ? (JSON.parse(row.json) as Exchange) : undefined;
  }

  async list({ limit, before }: ListOptions): Promise<ExchangeSummary[]> {
    let sorted = [...this.rows.entries()].sort(newerFirst);
    if (before !== undefined) {
      const cursor = this.rows.get(before);
      if (!cursor) return [];
      sorted = sorted.filter((entry) => newerFirst([before, cursor], entry) < 0);
    }
    return sorted.slice(0, limit).map(([, row]) => summarize(JSON.parse(row.json) as Exchange));
  }

  async delete(id: string): Promise<boolean> {
    return this.rows.delete(id);
  }

  async prune(now = Date.now()): Promise<PruneResult> {
    let deletedByAge = 0;
    let deletedBySize = 0;
    if (this.retention.maxAgeDays > 0) {
      const cutoff = (now - this.retention.maxAgeDays * 86_400_000) * 1000;
      for (const [id, row] of this.rows) {
        if (row.start < cutoff && this.rows.delete(id)) deletedByAge++;
      }
    }
    if (this.retention.maxBytes > 0) {
      let total = 0;
      for (const [id, row] of [...this.rows.entries()].sort(newerFirst)) {
        total += row.size;
        if (total > this.retention.maxBytes && this.rows.delete(id)) deletedBySize++;
      }
    }
    return { deletedByAge, deletedBySize };
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
  }
}
