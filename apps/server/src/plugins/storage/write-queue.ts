/**
 * The write queue the durable stores share (SQLite, PostgreSQL): writes are queued off the
 * request path and committed in batches. Puts of the same id coalesce (the newest version wins
 * and every caller waits for it); `onDue` is called `intervalMs` after the first queued write,
 * or at once when `batchSize` are queued.
 */
import type { Exchange } from '@switchyard/exchange';

/** One queued write: the newest version of an exchange and the `put`s waiting for it. */
export interface PendingWrite {
  exchange: Exchange;
  waiters: { resolve: () => void; reject: (error: unknown) => void }[];
}

export class WriteQueue {
  private readonly items = new Map<string, PendingWrite>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onDue: () => void,
    private readonly intervalMs: number,
    private readonly batchSize: number,
  ) {}

  get size(): number {
    return this.items.size;
  }

  /** The queued version of an exchange, if one is queued. */
  get(id: string): Exchange | undefined {
    return this.items.get(id)?.exchange;
  }

  /** Every queued exchange, oldest first. */
  exchanges(): Exchange[] {
    return [...this.items.values()].map((p) => p.exchange);
  }

  /** Queues `exchange` (replacing a queued version); resolves once its batch is committed. */
  add(exchange: Exchange): Promise<void> {
    return new Promise((resolve, reject) => {
      const pending = this.items.get(exchange.id);
      if (pending) {
        pending.exchange = exchange;
        pending.waiters.push({ resolve, reject });
      } else {
        this.items.set(exchange.id, { exchange, waiters: [{ resolve, reject }] });
      }
      this.schedule(this.items.size >= this.batchSize ? 0 : this.intervalMs);
    });
  }

  /** Takes at most `max` writes off the queue, oldest first (Map order). */
  take(max = Infinity): PendingWrite[] {
    const batch: PendingWrite[] = [];
    for (const [id, p] of this.items) {
      if (batch.length >= max) break;
      batch.push(p);
      this.items.delete(id);
    }
    return batch;
  }

  /** Drops the queued write of `id` (the exchange is being deleted); its `put`s resolve. */
  discard(id: string): boolean {
    const queued = this.items.get(id);
    if (!queued) return false;
    this.items.delete(id);
    for (const w of queued.waiters) w.resolve();
    return true;
  }

  /** Cancels the pending call of `onDue` (the caller flushes itself). */
  cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delay: number): void {
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onDue();
    }, delay);
  }
}

/** Settles the `put`s of a written batch: resolved, or rejected with the write's error. */
export function settle(batch: PendingWrite[], failure?: { error: unknown }): void {
  for (const p of batch) {
    for (const w of p.waiters) {
      if (failure) w.reject(failure.error);
      else w.resolve();
    }
  }
}
