/**
 * What the SQL stores (SQLite, PostgreSQL) share for `list`: the listing row's columns, the
 * newest-first order, and merging a page read from the database with exchanges not written
 * yet (queued or being written), which are newer than, or missing from, what the query saw.
 */
import type { Exchange, ExchangeSummary } from '@switchyard/exchange';
import { summarize } from '@switchyard/exchange';
import { startOf } from './store.js';

/** Columns of a listing row, in the order the queries select them. */
export const SUMMARY_COLUMNS =
  'id, start_us, created_at, kind, endpoint, method, target, status, frames';

/** A listing row as a driver returns it (node-postgres gives a BIGINT as a string). */
export interface SummaryRow {
  id: string;
  start_us: number | string;
  created_at: string;
  kind: string;
  endpoint: string;
  method: string;
  target: string;
  status: number | null;
  frames: number | null;
}

/** Where an exchange sorts: its start (µs), then its id. */
export interface PageKey {
  start: number;
  id: string;
}

/** The sort key of an exchange not written yet. */
export function keyOf(exchange: Exchange): PageKey {
  return { start: Math.round(startOf(exchange)), id: exchange.id };
}

/** Newest first: start time, then id, both descending (matches the stores' indexes). */
export function isOlder(a: PageKey, b: PageKey): boolean {
  return a.start < b.start || (a.start === b.start && a.id < b.id);
}

export function rowToSummary(row: SummaryRow): ExchangeSummary {
  const s: ExchangeSummary = {
    id: row.id,
    createdAt: row.created_at,
    kind: row.kind,
    endpoint: row.endpoint,
    method: row.method,
    target: row.target,
  };
  if (row.status !== null) s.status = row.status;
  if (row.frames !== null) s.frames = row.frames;
  return s;
}

/**
 * The page after `cursor` (newest first, at most `limit`): the database's `rows`, with the
 * `local` exchanges (not written yet) taking the place of their stored versions.
 */
export function mergePage(
  rows: readonly SummaryRow[],
  local: Iterable<Exchange>,
  cursor: PageKey | undefined,
  limit: number,
): ExchangeSummary[] {
  const merged = new Map<string, PageKey & { summary: ExchangeSummary }>();
  for (const row of rows) {
    merged.set(row.id, { start: Number(row.start_us), id: row.id, summary: rowToSummary(row) });
  }
  for (const exchange of local) {
    const key = keyOf(exchange);
    if (cursor && !isOlder(key, cursor)) continue;
    merged.set(key.id, { ...key, summary: summarize(exchange) });
  }
  return [...merged.values()]
    .sort((a, b) => (isOlder(a, b) ? 1 : isOlder(b, a) ? -1 : 0))
    .slice(0, limit)
    .map((m) => m.summary);
}
