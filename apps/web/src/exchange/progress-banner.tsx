import type { AutoRefresh } from './use-exchange-snapshots.js';

/** How the page keeps an in-progress exchange current (from `useExchangeSnapshots`). */
export interface LiveRefresh {
  /** `Date.now()` when the shown snapshot was last confirmed current. */
  checkedAt: number;
  refreshing: boolean;
  refreshError: string | null;
  autoRefresh: AutoRefresh;
  /** Seconds between automatic refreshes. */
  intervalSeconds: number;
  reload: () => void;
  /** This page saw the exchange in progress earlier (so its end happened while watched). */
  sawInProgress: boolean;
}

function autoText(auto: AutoRefresh, seconds: number): string {
  switch (auto) {
    case 'on':
      return `Refreshing every ${seconds} s until it ends.`;
    case 'paused-hidden':
      return 'Automatic refresh paused while this tab is hidden.';
    case 'off-size':
      return 'This capture is too large to refresh automatically: use Reload.';
    case 'off-limit':
      return 'Automatic refresh stopped after a while: use Reload.';
    case 'ended':
      return '';
  }
}

function clock(ms: number): string {
  return ms > 0 ? new Date(ms).toLocaleTimeString() : '';
}

/**
 * Says whether the exchange is still open. While it is, a badge "In progress", what the page
 * shows (the capture so far, as of when it was fetched), how it refreshes, and a Reload button;
 * when it ends while watched, that it ended. The `role="status"` region stays mounted so a
 * screen reader hears the change from "In progress" to "Ended" (and nothing on each refresh).
 */
export function ProgressBanner({ inProgress, live }: { inProgress: boolean; live?: LiveRefresh }) {
  const endedWhileWatched = !inProgress && live?.sawInProgress === true;
  const box = inProgress
    ? 'mt-3 flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100'
    : endedWhileWatched
      ? 'mt-3 rounded-md border border-zinc-300 p-3 text-sm dark:border-zinc-700'
      : '';
  return (
    <div data-testid="exchange-progress" className={box}>
      {/* Only the state is a live region: the refresh time below changes every few seconds. */}
      <p role="status">
        {inProgress ? (
          <span className="inline-flex items-center gap-1.5 rounded-full bg-amber-200 px-2.5 py-0.5 font-semibold dark:bg-amber-800">
            <span
              aria-hidden="true"
              className="size-2 rounded-full bg-amber-600 dark:bg-amber-300"
            />
            In progress
          </span>
        ) : endedWhileWatched ? (
          'Ended: the exchange finished while this page was open; below is the final capture.'
        ) : null}
      </p>
      {inProgress ? (
        <>
          <p className="min-w-0 flex-1 basis-64">
            The connection is still open: this is what was captured so far
            {live && live.checkedAt > 0 ? ` (as of ${clock(live.checkedAt)})` : ''}.{' '}
            {live ? autoText(live.autoRefresh, live.intervalSeconds) : ''}
            {live?.refreshError ? (
              <span className="block text-rose-700 dark:text-rose-300">
                The last refresh failed ({live.refreshError}); showing the earlier snapshot.
              </span>
            ) : null}
          </p>
          {live ? (
            <button
              type="button"
              onClick={live.reload}
              // Never disabled: an automatic refresh every 2 s would pull focus off the button.
              aria-busy={live.refreshing}
              className="rounded-md border border-amber-500 bg-white px-3 py-1.5 font-medium hover:bg-amber-100 dark:border-amber-500 dark:bg-zinc-900 dark:hover:bg-zinc-800"
            >
              Reload
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
