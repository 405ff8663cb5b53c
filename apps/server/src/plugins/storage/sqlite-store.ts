/**
 * SQLite ExchangeStore (better-sqlite3 12): one file under the data dir, WAL mode, writes
 * queued and committed in batches (one transaction every `flushIntervalMs` or `batchSize`
 * exchanges, whichever comes first), so a request never waits on the disk.
 *
 * Durability: with `journal_mode=WAL` and `synchronous=NORMAL`, a committed transaction
 * survives the process being killed (only an OS crash or power loss can roll back the last
 * commits; SQLite docs, "Write-Ahead Logging" and PRAGMA synchronous). A `kill -9` therefore
 * loses at most the exchanges still queued, i.e. one batch window, and never corrupts the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  SUMMARY_COLUMNS,
  keyOf,
  mergePage,
  type PageKey,
  type SummaryRow,
} from './summary-page.js';
import { summarize, type Exchange, type ExchangeSummary } from '@switchyard/exchange';
import {
  startOf,
  storedSize,
  type ExchangeStore,
  type ListOptions,
  type PruneResult,
  type RetentionOptions,
} from './store.js';
import { settle, WriteQueue } from './write-queue.js';

/** Options of {@link SqliteExchangeStore}. */
export interface SqliteStoreOptions {
  /** Database file; its directory is created when missing. */
  file: string;
  retention?: RetentionOptions;
  /** Longest time a write waits in the queue, ms. Default 100. */
  flushIntervalMs?: number;
  /** Queue length that triggers an immediate flush. Default 256. */
  batchSize?: number;
  /** Called when a batch fails to commit (its `put` promises reject too). */
  onError?: (error: unknown) => void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS exchanges (
  id         TEXT PRIMARY KEY,
  start_us   INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  kind       TEXT NOT NULL,
  endpoint   TEXT NOT NULL,
  method     TEXT NOT NULL,
  target     TEXT NOT NULL,
  status     INTEGER,
  frames     INTEGER,
  size       INTEGER NOT NULL,
  json       TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS exchanges_newest ON exchanges (start_us DESC, id DESC);
`;

export class SqliteExchangeStore implements ExchangeStore {
  private readonly db: Database.Database;
  private readonly queue: WriteQueue;
  private closed = false;
  private readonly retention: RetentionOptions;
  private readonly onError: (error: unknown) => void;
  private readonly insert: Database.Statement;
  private readonly insertMany: (rows: Exchange[]) => void;
  private readonly selectJson: Database.Statement<[string], { json: string }>;

  constructor(options: SqliteStoreOptions) {
    fs.mkdirSync(path.dirname(options.file), { recursive: true });
    this.queue = new WriteQueue(
      () => this.flushNow(),
      options.flushIntervalMs ?? 100,
      options.batchSize ?? 256,
    );
    this.retention = options.retention ?? { maxAgeDays: 0, maxBytes: 0 };
    this.onError = options.onError ?? (() => {});
    this.db = new Database(options.file);
    // First, so that other processes opening the same file wait instead of failing.
    this.db.pragma('busy_timeout = 5000');
    // auto_vacuum must be chosen before the first table exists; it lets prune give space back.
    this.db.pragma('auto_vacuum = INCREMENTAL');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    this.insert = this.db.prepare(
      `INSERT OR REPLACE INTO exchanges (id, start_us, created_at, kind, endpoint, method, target,
         status, frames, size, json)
       VALUES (@id, @start_us, @created_at, @kind, @endpoint, @method, @target, @status, @frames,
         @size, @json)`,
    );
    this.selectJson = this.db.prepare('SELECT json FROM exchanges WHERE id = ?');
    this.insertMany = this.db.transaction((rows: Exchange[]) => {
      for (const exchange of rows) {
        const json = JSON.stringify(exchange);
        const s = summarize(exchange);
        this.insert.run({
          id: s.id,
          start_us: Math.round(startOf(exchange)),
          created_at: s.createdAt,
          kind: s.kind,
          endpoint: s.endpoint,
          method: s.method,
          target: s.target,
          status: s.status ?? null,
          frames: s.frames ?? null,
          size: storedSize(json),
          json,
        });
      }
    });
  }

  put(exchange: Exchange): Promise<void> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    return this.queue.add(exchange);
  }

  /** Commits the queue in one transaction and settles its `put` promises. */
  private flushNow(): void {
    if (this.queue.size === 0) return;
    const batch = this.queue.take();
    try {
      this.insertMany(batch.map((p) => p.exchange));
    } catch (error) {
      this.onError(error);
      settle(batch, { error });
      return;
    }
    settle(batch);
  }

  async get(id: string): Promise<Exchange | undefined> {
    const pending = this.queue.get(id);
    if (pending) return JSON.parse(JSON.stringify(pending)) as Exchange;
    const row = this.selectJson.get(id);
    return row ? (JSON.parse(row.json) as Exchange) : undefined;
  }

  private cursorOf(id: string): PageKey | undefined {
    const pending = this.queue.get(id);
    if (pending) return keyOf(pending);
    const row = this.db.prepare('SELECT start_us FROM exchanges WHERE id = ?').get(id) as
      { start_us: number } | undefined;
    return row ? { start: row.start_us, id } : undefined;
  }

  async list({ limit, before }: ListOptions): Promise<ExchangeSummary[]> {
    let cursor: PageKey | undefined;
    if (before !== undefined) {
      cursor = this.cursorOf(before);
      if (!cursor) return [];
    }
    const rows = (
      cursor
        ? this.db
            .prepare(
              `SELECT ${SUMMARY_COLUMNS} FROM exchanges WHERE (start_us, id) < (?, ?)
               ORDER BY start_us DESC, id DESC LIMIT ?`,
            )
            .all(cursor.start, cursor.id, limit)
        : this.db
            .prepare(
              `SELECT ${SUMMARY_COLUMNS} FROM exchanges ORDER BY start_us DESC, id DESC LIMIT ?`,
            )
            .all(limit)
    ) as SummaryRow[];
    return mergePage(rows, this.queue.exchanges(), cursor, limit);
  }

  async delete(id: string): Promise<boolean> {
    const queued = this.queue.discard(id);
    const info = this.db.prepare('DELETE FROM exchanges WHERE id = ?').run(id);
    return info.changes > 0 || queued;
  }

  async prune(now = Date.now()): Promise<PruneResult> {
    this.flushNow();
    let deletedByAge = 0;
    let deletedBySize = 0;
    if (this.retention.maxAgeDays > 0) {
      const cutoff = (now - this.retention.maxAgeDays * 86_400_000) * 1000;
      deletedByAge = this.db
        .prepare('DELETE FROM exchanges WHERE start_us < ?')
        .run(cutoff).changes;
    }
    if (this.retention.maxBytes > 0) {
      // Keep the newest rows whose running total fits; delete the rest (oldest first).
      deletedBySize = this.db
        .prepare(
          `DELETE FROM exchanges WHERE id IN (
             SELECT id FROM (
               SELECT id, SUM(size) OVER (ORDER BY start_us DESC, id DESC) AS running
               FROM exchanges)
             WHERE running > ?)`,
        )
        .run(this.retention.maxBytes).changes;
    }
    if (deletedByAge + deletedBySize > 0) this.db.pragma('incremental_vacuum');
    return { deletedByAge, deletedBySize };
  }

  /** Total bytes of stored JSON (what size-based retention bounds). */
  totalBytes(): number {
    const row = this.db.prepare('SELECT COALESCE(SUM(size), 0) AS n FROM exchanges').get() as {
      n: number;
    };
    return row.n;
  }

  async flush(): Promise<void> {
    this.queue.cancelTimer();
    this.flushNow();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    this.db.close();
  }
}
