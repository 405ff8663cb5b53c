/**
 * The storage interface for captured exchanges (issue 4 "Storage"): one interface, several
 * implementations picked by config (`STORAGE=sqlite|memory|postgres`).
 */
import type { Exchange, ExchangeSummary } from '@switchyard/exchange';

/** Paging for {@link ExchangeStore.list}: newest first. */
export interface ListOptions {
  /** At most this many rows (1..1000). */
  limit: number;
  /** Only exchanges older than the one with this id (a cursor from a previous page). */
  before?: string;
}

/** Retention rules (both apply; 0 disables one). */
export interface RetentionOptions {
  /** Delete exchanges older than this many days. */
  maxAgeDays: number;
  /** Keep the total stored size under this many bytes, deleting oldest first. */
  maxBytes: number;
}

/** What a retention pass deleted. */
export interface PruneResult {
  deletedByAge: number;
  deletedBySize: number;
}

/**
 * Where exchanges live. `put` never blocks the caller: writes are queued and committed in
 * batches; the returned promise settles once the exchange is durable. `get` and `list` see
 * queued exchanges at once, so a share link works as soon as it is handed out.
 */
export interface ExchangeStore {
  /** Queues an exchange (replaces one with the same id). Resolves when committed. */
  put(exchange: Exchange): Promise<void>;
  get(id: string): Promise<Exchange | undefined>;
  list(options: ListOptions): Promise<ExchangeSummary[]>;
  /** Deletes one exchange; true when it existed. */
  delete(id: string): Promise<boolean>;
  /** Applies the retention rules now. */
  prune(now?: number): Promise<PruneResult>;
  /** Commits every queued write. */
  flush(): Promise<void>;
  /** Flushes, then releases resources; the store is unusable afterwards. */
  close(): Promise<void>;
}

/** Size used for size-based retention: bytes of the JSON text (UTF-8). */
export function storedSize(json: string): number {
  return Buffer.byteLength(json, 'utf8');
}

/** Microseconds since the epoch at which an exchange began (its sort key). */
export function startOf(exchange: Exchange): number {
  return exchange.timings.start;
}
