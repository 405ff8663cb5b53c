/**
 * The user's recent exchanges, kept in this browser only (localStorage), newest first, bounded.
 * Every function takes the storage as a parameter (defaulting to `localStorage`) so tests use a
 * fresh one; storage failures (private mode, quota, disabled) are swallowed: history is a
 * convenience, never a reason for a page to fail.
 */

/** One remembered exchange: just enough to list it and link to `/x/{id}`. */
export interface HistoryEntry {
  /** Capture id (the share link is `/x/{id}`). */
  id: string;
  /** e.g. `GET /ws/echo` */
  summary: string;
  /** Final status, when there was one. */
  status?: number;
  /** When it was recorded, ISO 8601. */
  seenAt: string;
}

/** Storage key; the `v1` changes if the entry shape ever does. */
export const HISTORY_KEY = 'switchyard.history.v1';
/** At most this many entries are kept; the oldest fall off. */
export const HISTORY_LIMIT = 50;

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function defaultStorage(): StorageLike | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

function isEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    v.id.length > 0 &&
    typeof v.summary === 'string' &&
    typeof v.seenAt === 'string' &&
    (v.status === undefined || typeof v.status === 'number')
  );
}

/** The remembered exchanges, newest first. Malformed stored data reads as empty. */
export function readHistory(storage: StorageLike | undefined = defaultStorage()): HistoryEntry[] {
  if (!storage) return [];
  try {
    const parsed: unknown = JSON.parse(storage.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isEntry).slice(0, HISTORY_LIMIT) : [];
  } catch {
    return [];
  }
}

/**
 * Remembers an exchange at the front of the list; an id already listed moves to the front
 * (no duplicates). Returns the new list.
 */
export function recordHistory(
  entry: Omit<HistoryEntry, 'seenAt'>,
  storage: StorageLike | undefined = defaultStorage(),
  now: () => Date = () => new Date(),
): HistoryEntry[] {
  const next: HistoryEntry = { ...entry, seenAt: now().toISOString() };
  const list = [next, ...readHistory(storage).filter((e) => e.id !== entry.id)].slice(
    0,
    HISTORY_LIMIT,
  );
  try {
    storage?.setItem(HISTORY_KEY, JSON.stringify(list));
  } catch {
    // quota or disabled storage: keep going without history
  }
  return list;
}

/** Forgets every remembered exchange. */
export function clearHistory(storage: StorageLike | undefined = defaultStorage()): void {
  try {
    storage?.removeItem(HISTORY_KEY);
  } catch {
    // nothing to do
  }
}
