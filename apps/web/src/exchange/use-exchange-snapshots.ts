import { useCallback, useEffect, useRef, useState } from 'react';
import { isInProgress } from './exchange-progress.js';
import { loadExchange, type LoadResult } from './load-exchange.js';

/** Wait between the end of one fetch of an in-progress exchange and the next (ms). */
export const REFRESH_INTERVAL_MS = 2000;
/** Automatic re-fetches of one exchange before the page stops on its own (15 min at 2 s). */
export const MAX_AUTO_REFRESHES = 450;
/**
 * Past this many characters of JSON a snapshot is not re-fetched on its own: downloading a
 * capture of many megabytes every two seconds costs more than it shows. Reload still works.
 */
export const AUTO_REFRESH_MAX_CHARS = 2_000_000;

/** Whether the page re-fetches on its own, and if not, why not. */
export type AutoRefresh = 'on' | 'paused-hidden' | 'off-size' | 'off-limit' | 'ended';

/** What `useExchangeSnapshots` gives the page. */
export interface ExchangeSnapshots {
  /** The latest answer; null until the first one arrives. */
  result: LoadResult | null;
  /** `Date.now()` when the shown snapshot was last confirmed current. */
  checkedAt: number;
  /** A fetch is under way (a reload or an automatic refresh). */
  refreshing: boolean;
  /** The last re-fetch failed: its message (the earlier snapshot stays shown). */
  refreshError: string | null;
  autoRefresh: AutoRefresh;
  /** Fetches the exchange again now (and restarts the automatic refresh count). */
  reload: () => void;
}

function errorText(result: LoadResult): string {
  if (result.kind === 'error') return result.message;
  if (result.kind === 'problem') return `${result.status} ${result.problem.title ?? ''}`.trim();
  return '';
}

function visible(): boolean {
  return typeof document === 'undefined' || document.visibilityState !== 'hidden';
}

/**
 * Loads `/api/exchanges/{id}` and, while the exchange is still in progress (no `timings.end`),
 * fetches it again `intervalMs` after each answer: bounded by `MAX_AUTO_REFRESHES`, paused while
 * the page is hidden, stopped once the exchange has ended. A failed re-fetch keeps the last
 * snapshot on screen and reports the error; an unchanged answer does not re-render the view.
 */
export function useExchangeSnapshots(
  id: string,
  intervalMs: number = REFRESH_INTERVAL_MS,
): ExchangeSnapshots {
  const [result, setResult] = useState<LoadResult | null>(null);
  const [checkedAt, setCheckedAt] = useState(0);
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const [autoCount, setAutoCount] = useState(0);
  const [hidden, setHidden] = useState(() => !visible());
  const inFlight = useRef<AbortController | null>(null);
  const shown = useRef<LoadResult | null>(null);

  const fetchNow = useCallback(
    (automatic: boolean) => {
      inFlight.current?.abort();
      const abort = new AbortController();
      inFlight.current = abort;
      setRefreshing(true);
      void loadExchange(id, abort.signal).then((loaded) => {
        if (abort.signal.aborted) return;
        inFlight.current = null;
        setRefreshing(false);
        setCheckedAt(Date.now());
        if (automatic) setAutoCount((n) => n + 1);
        const previous = shown.current;
        if (previous?.kind === 'ok' && loaded.kind !== 'ok') {
          // Keep showing what was captured so far; say that the refresh failed.
          setRefreshError(errorText(loaded));
          return;
        }
        setRefreshError(null);
        if (previous?.kind === 'ok' && loaded.kind === 'ok' && previous.text === loaded.text) {
          return;
        }
        shown.current = loaded;
        setResult(loaded);
      });
    },
    [id],
  );

  useEffect(() => {
    shown.current = null;
    setResult(null);
    setRefreshError(null);
    setAutoCount(0);
    fetchNow(false);
    return () => {
      inFlight.current?.abort();
      inFlight.current = null;
    };
  }, [fetchNow]);

  useEffect(() => {
    const onChange = () => setHidden(!visible());
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);

  let autoRefresh: AutoRefresh = 'ended';
  if (result?.kind === 'ok' && isInProgress(result.exchange)) {
    if (result.text.length > AUTO_REFRESH_MAX_CHARS) autoRefresh = 'off-size';
    else if (autoCount >= MAX_AUTO_REFRESHES) autoRefresh = 'off-limit';
    else if (hidden) autoRefresh = 'paused-hidden';
    else autoRefresh = 'on';
  }

  useEffect(() => {
    if (autoRefresh !== 'on' || refreshing) return;
    const timer = setTimeout(() => fetchNow(true), intervalMs);
    return () => clearTimeout(timer);
    // checkedAt: schedule the next fetch after each answer, changed or not.
  }, [autoRefresh, refreshing, checkedAt, fetchNow, intervalMs]);

  const reload = useCallback(() => {
    setAutoCount(0);
    fetchNow(false);
  }, [fetchNow]);

  return { result, checkedAt, refreshing, refreshError, autoRefresh, reload };
}
