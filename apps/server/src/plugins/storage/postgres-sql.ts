/**
 * The SQL of the PostgreSQL store: schema migrations and one function per query. Kept apart
 * from postgres-store.ts so the store reads as the queueing logic it shares with SQLite.
 *
 * Columns mirror the SQLite table. `id` uses the "C" collation so that ORDER BY id and the
 * `(start_us, id) < cursor` comparison order ids bytewise, exactly like the JavaScript string
 * comparison the merge of queued exchanges uses (a locale collation would not). The JSON is
 * kept as text, not jsonb: jsonb rejects `\u0000` in strings and does not keep key order.
 */
import type { ExchangeSummary } from '@switchyard/exchange';
import type pg from 'pg';
import { SUMMARY_COLUMNS, type PageKey, type SummaryRow } from './summary-page.js';

/** Tables are prefixed: a shared database may hold other applications' tables. */
const TABLE = 'switchyard_exchanges';

/**
 * Ordered schema steps; the version stored in `switchyard_schema` is the number applied. Never
 * edit a published step: append one.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS ${TABLE} (
     id         text COLLATE "C" PRIMARY KEY,
     start_us   bigint NOT NULL,
     created_at text NOT NULL,
     kind       text NOT NULL,
     endpoint   text NOT NULL,
     method     text NOT NULL,
     target     text NOT NULL,
     status     integer,
     frames     integer,
     size       bigint NOT NULL,
     json       text NOT NULL
   );
   CREATE INDEX IF NOT EXISTS ${TABLE}_newest ON ${TABLE} (start_us DESC, id DESC);`,
];

/** Key of the advisory lock that serialises migrations across instances (arbitrary constant). */
const MIGRATION_LOCK = 0x5357_5943; // "SWYC"

/** Brings the schema to the newest version; safe to run from several instances at once. */
export async function migrate(client: pg.PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    // Transaction-scoped: released by COMMIT/ROLLBACK even if this process dies.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS switchyard_schema (version integer NOT NULL)');
    const result = await client.query<{ version: number }>('SELECT version FROM switchyard_schema');
    const current = result.rows[0]?.version ?? 0;
    if (result.rows.length === 0) {
      await client.query('INSERT INTO switchyard_schema (version) VALUES (0)');
    }
    for (let v = current; v < MIGRATIONS.length; v++) await client.query(MIGRATIONS[v]!);
    if (current < MIGRATIONS.length) {
      await client.query('UPDATE switchyard_schema SET version = $1', [MIGRATIONS.length]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/**
 * True for errors of a lost or refused connection, after which the same statement may succeed
 * on a new one: no SQLSTATE (a socket error), class 08 "connection exception", or 57P01..57P03
 * (admin/crash shutdown, cannot connect now) (PostgreSQL docs, Appendix A "Error Codes").
 */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code);
}

/** One row to write. */
export interface WriteRow {
  summary: ExchangeSummary;
  /** Microseconds since the epoch. */
  start: number;
  size: number;
  json: string;
}

/**
 * Inserts or replaces a batch in one statement: one array parameter per column, expanded by
 * `unnest`, so the statement's size does not grow with the batch (a VALUES list would hit the
 * 65535-parameter limit of the wire protocol's Bind message).
 */
export async function upsert(pool: pg.Pool, rows: WriteRow[]): Promise<void> {
  if (rows.length === 0) return;
  await pool.query(
    `INSERT INTO ${TABLE} (id, start_us, created_at, kind, endpoint, method, target, status,
       frames, size, json)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[],
       $6::text[], $7::text[], $8::integer[], $9::integer[], $10::bigint[], $11::text[])
     ON CONFLICT (id) DO UPDATE SET start_us = EXCLUDED.start_us,
       created_at = EXCLUDED.created_at, kind = EXCLUDED.kind, endpoint = EXCLUDED.endpoint,
       method = EXCLUDED.method, target = EXCLUDED.target, status = EXCLUDED.status,
       frames = EXCLUDED.frames, size = EXCLUDED.size, json = EXCLUDED.json`,
    [
      rows.map((r) => r.summary.id),
      rows.map((r) => String(r.start)),
      rows.map((r) => r.summary.createdAt),
      rows.map((r) => r.summary.kind),
      rows.map((r) => r.summary.endpoint),
      rows.map((r) => r.summary.method),
      rows.map((r) => r.summary.target),
      rows.map((r) => r.summary.status ?? null),
      rows.map((r) => r.summary.frames ?? null),
      rows.map((r) => String(r.size)),
      rows.map((r) => r.json),
    ],
  );
}

export async function selectJson(pool: pg.Pool, id: string): Promise<string | undefined> {
  const r = await pool.query<{ json: string }>(`SELECT json FROM ${TABLE} WHERE id = $1`, [id]);
  return r.rows[0]?.json;
}

/** Start time of one exchange (bigint comes back as a string; it fits a double: < 2^53). */
export async function selectStart(pool: pg.Pool, id: string): Promise<number | undefined> {
  const r = await pool.query<{ start_us: string }>(`SELECT start_us FROM ${TABLE} WHERE id = $1`, [
    id,
  ]);
  const row = r.rows[0];
  return row ? Number(row.start_us) : undefined;
}

/** Newest first, optionally strictly older than a cursor. */
export async function selectPage(
  pool: pg.Pool,
  limit: number,
  cursor: PageKey | undefined,
): Promise<SummaryRow[]> {
  const r = cursor
    ? await pool.query<SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM ${TABLE} WHERE (start_us, id) < ($1::bigint, $2)
         ORDER BY start_us DESC, id DESC LIMIT $3`,
        [String(cursor.start), cursor.id, limit],
      )
    : await pool.query<SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM ${TABLE} ORDER BY start_us DESC, id DESC LIMIT $1`,
        [limit],
      );
  return r.rows;
}

export async function deleteOne(pool: pg.Pool, id: string): Promise<boolean> {
  const r = await pool.query(`DELETE FROM ${TABLE} WHERE id = $1`, [id]);
  return (r.rowCount ?? 0) > 0;
}

/** Deletes exchanges that began before `cutoffUs`; returns how many. */
export async function deleteOlderThan(pool: pg.Pool, cutoffUs: number): Promise<number> {
  const r = await pool.query(`DELETE FROM ${TABLE} WHERE start_us < $1::bigint`, [
    String(cutoffUs),
  ]);
  return r.rowCount ?? 0;
}

/** Keeps the newest exchanges whose running size fits `maxBytes`; deletes the rest. */
export async function deleteOverSize(pool: pg.Pool, maxBytes: number): Promise<number> {
  const r = await pool.query(
    `DELETE FROM ${TABLE} WHERE id IN (
       SELECT id FROM (
         SELECT id, SUM(size) OVER (ORDER BY start_us DESC, id DESC) AS running FROM ${TABLE}
       ) AS sized
       WHERE running > $1::bigint)`,
    [String(maxBytes)],
  );
  return r.rowCount ?? 0;
}
