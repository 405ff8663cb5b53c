/**
 * PostgreSQL ExchangeStore (pg 8), for several instances sharing captures. Same semantics as
 * the SQLite store: writes are queued and committed in batches off the request path (one
 * statement per batch, every `flushIntervalMs` or `batchSize` exchanges), queued and in-flight
 * exchanges are visible to `get`/`list` of this instance at once, listing is newest first with
 * an id cursor, retention by age and by total size.
 *
 * Start: {@link PostgresExchangeStore.open} connects (a clear error when the server is
 * unreachable) and creates the schema. Migrations are idempotent and serialised across
 * instances by an advisory lock, since two concurrent `CREATE TABLE IF NOT EXISTS` can still
 * collide on the catalog's unique index (PostgreSQL docs, "CREATE TABLE": IF NOT EXISTS only
 * skips a table that already exists when the statement starts).
 */
import { summarize, type Exchange, type ExchangeSummary } from '@switchyard/exchange';
import pg from 'pg';
import { redactUrl } from '../../config.js';
import * as sql from './postgres-sql.js';
import { keyOf, mergePage, type PageKey } from './summary-page.js';
import {
  startOf,
  storedSize,
  type ExchangeStore,
  type ListOptions,
  type PruneResult,
  type RetentionOptions,
} from './store.js';
import { settle, WriteQueue } from './write-queue.js';

/** Options of {@link PostgresExchangeStore.open}. */
export interface PostgresStoreOptions {
  /** Connection URL (`postgres://...`). */
  url: string;
  /** Most pooled connections. Default 10. */
  poolMax?: number;
  /** Time to wait for a connection at start and for a pooled one later, ms. Default 5000. */
  connectTimeoutMs?: number;
  retention?: RetentionOptions;
  /** Longest time a write waits in the queue, ms. Default 100. */
  flushIntervalMs?: number;
  /** Queue length that triggers an immediate flush. Default 256. */
  batchSize?: number;
  /**
   * Waits before each re-send of a batch that failed on a lost or refused connection (the
   * upsert is idempotent); then its `put`s reject. Default [50, 250, 1000] ms.
   */
  retryDelaysMs?: number[];
  /** Called when a batch fails to commit (its `put` promises reject too) or the pool fails. */
  onError?: (error: unknown) => void;
}

/** Largest batch written by one statement. */
const MAX_ROWS_PER_STATEMENT = 2000;

/** Default waits before re-sending a batch that failed on a lost connection. */
const RETRY_DELAYS_MS = [50, 250, 1000];

export class PostgresExchangeStore implements ExchangeStore {
  private readonly queue: WriteQueue;
  /** Exchanges of the batch being written: still visible to get/list until committed. */
  private readonly inflight = new Map<string, Exchange>();
  private draining: Promise<void> | undefined;
  private closed = false;
  private readonly retention: RetentionOptions;
  private readonly onError: (error: unknown) => void;
  private readonly retryDelaysMs: number[];

  private constructor(
    private readonly pool: pg.Pool,
    options: PostgresStoreOptions,
  ) {
    this.queue = new WriteQueue(
      () => void this.drain(),
      options.flushIntervalMs ?? 100,
      options.batchSize ?? 256,
    );
    this.retention = options.retention ?? { maxAgeDays: 0, maxBytes: 0 };
    this.onError = options.onError ?? (() => {});
    this.retryDelaysMs = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  }

  /**
   * Connects, creates or upgrades the schema, and returns the store. Rejects with a message
   * naming the server (password hidden) when it cannot be reached or the schema step fails.
   */
  static async open(options: PostgresStoreOptions): Promise<PostgresExchangeStore> {
    const onError = options.onError ?? (() => {});
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolMax ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      idleTimeoutMillis: 30_000,
      application_name: 'switchyard',
    });
    // An idle pooled client that loses its server emits 'error' on the pool; without a
    // listener that would crash the process (node-postgres docs, "Pool: events").
    pool.on('error', (error) => onError(error));
    try {
      const client = await pool.connect();
      try {
        await sql.migrate(client);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => {});
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`PostgreSQL at ${redactUrl(options.url)}: ${reason}`, { cause: error });
    }
    return new PostgresExchangeStore(pool, options);
  }

  put(exchange: Exchange): Promise<void> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    return this.queue.add(exchange);
  }

  /** Writes batches until the queue is empty; one drain at a time keeps writes in order. */
  private drain(): Promise<void> {
    if (!this.draining) {
      if (this.queue.size === 0) return Promise.resolve();
      const run = async () => {
        while (this.queue.size > 0) await this.writeBatch();
      };
      this.draining = run().finally(() => {
        this.draining = undefined;
      });
    }
    return this.draining;
  }

  /** Commits (part of) the queue in one statement and settles its `put`s. Never throws. */
  private async writeBatch(): Promise<void> {
    // Oldest first (Map order), at most MAX_ROWS_PER_STATEMENT: a backlog becomes several
    // statements of bounded size instead of one huge one.
    const batch = this.queue.take(MAX_ROWS_PER_STATEMENT);
    for (const p of batch) this.inflight.set(p.exchange.id, p.exchange);
    let failure: { error: unknown } | undefined;
    const rows = batch.map((p) => {
      const json = JSON.stringify(p.exchange);
      return {
        summary: summarize(p.exchange),
        start: Math.round(startOf(p.exchange)),
        size: storedSize(json),
        json,
      };
    });
    try {
      // The upsert is idempotent, so a batch that failed on a lost connection is sent again.
      for (let attempt = 0; ; attempt++) {
        try {
          await sql.upsert(this.pool, rows);
          break;
        } catch (error) {
          const delay = this.retryDelaysMs[attempt];
          if (delay === undefined || !sql.isConnectionError(error)) throw error;
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    } catch (error) {
      failure = { error };
    } finally {
      for (const p of batch) {
        if (this.inflight.get(p.exchange.id) === p.exchange) this.inflight.delete(p.exchange.id);
      }
    }
    if (failure) this.onError(failure.error);
    settle(batch, failure);
  }

  /** The newest local (queued or in-flight) version of an exchange. */
  private local(id: string): Exchange | undefined {
    return this.queue.get(id) ?? this.inflight.get(id);
  }

  async get(id: string): Promise<Exchange | undefined> {
    const local = this.local(id);
    if (local) return JSON.parse(JSON.stringify(local)) as Exchange;
    const json = await sql.selectJson(this.pool, id);
    return json === undefined ? undefined : (JSON.parse(json) as Exchange);
  }

  private async cursorOf(id: string): Promise<PageKey | undefined> {
    const local = this.local(id);
    if (local) return keyOf(local);
    const start = await sql.selectStart(this.pool, id);
    return start === undefined ? undefined : { start, id };
  }

  async list({ limit, before }: ListOptions): Promise<ExchangeSummary[]> {
    let cursor: PageKey | undefined;
    if (before !== undefined) {
      cursor = await this.cursorOf(before);
      if (!cursor) return [];
    }
    const rows = await sql.selectPage(this.pool, limit, cursor);
    // Local versions are newer than (or missing from) what the query saw.
    const locals = new Map<string, Exchange>(this.inflight);
    for (const exchange of this.queue.exchanges()) locals.set(exchange.id, exchange);
    return mergePage(rows, locals.values(), cursor, limit);
  }

  async delete(id: string): Promise<boolean> {
    const queued = this.queue.discard(id);
    // An in-flight write of this id must land before the DELETE, or it would bring it back.
    const wasInflight = this.inflight.has(id);
    if (wasInflight) await this.draining;
    const deleted = await sql.deleteOne(this.pool, id);
    return deleted || queued || wasInflight;
  }

  async prune(now = Date.now()): Promise<PruneResult> {
    await this.flush();
    let deletedByAge = 0;
    let deletedBySize = 0;
    if (this.retention.maxAgeDays > 0) {
      const cutoff = Math.round((now - this.retention.maxAgeDays * 86_400_000) * 1000);
      deletedByAge = await sql.deleteOlderThan(this.pool, cutoff);
    }
    if (this.retention.maxBytes > 0) {
      deletedBySize = await sql.deleteOverSize(this.pool, this.retention.maxBytes);
    }
    return { deletedByAge, deletedBySize };
  }

  async flush(): Promise<void> {
    this.queue.cancelTimer();
    // Bounded: each drain empties the queue; puts racing with it are picked up by the loop.
    for (let i = 0; i < 100 && (this.queue.size > 0 || this.draining); i++) await this.drain();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush();
    await this.pool.end();
  }
}
