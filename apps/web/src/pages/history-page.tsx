import { useState } from 'react';
import { Link } from 'react-router';
import { clearHistory, readHistory, type HistoryEntry } from '../history/history-store.js';
import { usePageTitle } from './page-title.js';

/** `/history`: the exchanges this browser has opened or produced, newest first, with clear-all. */
export function HistoryPage() {
  usePageTitle('History');
  const [entries, setEntries] = useState<HistoryEntry[]>(() => readHistory());
  const clear = () => {
    clearHistory();
    setEntries(readHistory());
  };
  return (
    <section aria-labelledby="history-title" className="max-w-3xl">
      <h1 id="history-title" className="text-2xl font-semibold">
        History
      </h1>
      <p className="mt-2 text-zinc-700 dark:text-zinc-300">
        Exchanges you opened or produced with Try it, kept only in this browser (the last 50). The
        captures themselves live on the server until its retention policy removes them.
      </p>
      {entries.length === 0 ? (
        <p className="mt-4" role="status">
          Nothing yet. Open a captured exchange or use Try it on a{' '}
          <Link to="/status" className="text-teal-700 underline dark:text-teal-300">
            status page
          </Link>
          .
        </p>
      ) : (
        <>
          <button
            type="button"
            onClick={clear}
            className="mt-4 rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Clear history
          </button>
          <ol
            aria-label="Recent exchanges"
            className="mt-4 divide-y divide-zinc-200 dark:divide-zinc-800"
          >
            {entries.map((entry) => (
              <li key={entry.id} className="flex flex-wrap items-baseline gap-x-3 py-2">
                <span className="w-10 font-mono text-sm">{entry.status ?? '—'}</span>
                <Link
                  to={`/x/${encodeURIComponent(entry.id)}`}
                  className="min-w-0 flex-1 font-mono text-sm break-all text-teal-800 underline dark:text-teal-300"
                >
                  {entry.summary}
                </Link>
                <time dateTime={entry.seenAt} className="text-xs text-zinc-500 dark:text-zinc-400">
                  last seen {entry.seenAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}
                </time>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
