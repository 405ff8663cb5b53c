import { Link } from 'react-router';
import { catalog } from '@switchyard/catalog';
import { classLabels, classOrder } from '../status/class-labels.js';
import { RegistrationBadge } from '../status/registration-badge.js';
import { usePageTitle } from './page-title.js';

/** `/status`: every catalog entry, grouped by class, registered and unregistered marked. */
export function StatusListPage() {
  usePageTitle('Status codes');
  const registered = catalog.filter((entry) => entry.registered).length;
  return (
    <section aria-labelledby="status-list-title">
      <h1 id="status-list-title" className="text-2xl font-semibold">
        Status codes
      </h1>
      <p className="mt-1 max-w-3xl text-zinc-700 dark:text-zinc-300">
        {catalog.length} codes: {registered} in the IANA registry and {catalog.length - registered}{' '}
        well-known unregistered ones, marked as such. Each page says what the code means, what it
        guarantees and what it does not, and lets you try it against the simulator.
      </p>
      <div className="mt-6 grid gap-6 md:grid-cols-2">
        {classOrder.map((statusClass) => {
          const entries = catalog.filter((entry) => entry.class === statusClass);
          const headingId = `class-${statusClass}`;
          return (
            <section key={statusClass} aria-labelledby={headingId}>
              <h2 id={headingId} className="text-lg font-semibold">
                {classLabels[statusClass]}
              </h2>
              {entries.length === 0 ? (
                <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">No entries yet.</p>
              ) : (
                <ul className="mt-2 divide-y divide-zinc-200 rounded-md border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
                  {entries.map((entry) => (
                    <li key={entry.code}>
                      <Link
                        to={`/status/${entry.code}`}
                        className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2 hover:bg-zinc-50 dark:hover:bg-zinc-800"
                      >
                        <span className="font-mono font-semibold">{entry.code}</span>
                        <span className="flex-1">{entry.reason}</span>
                        <RegistrationBadge registered={entry.registered} />
                        {entry.deprecated ? (
                          <span className="rounded-full bg-rose-100 px-2 py-0.5 text-xs text-rose-900 dark:bg-rose-950 dark:text-rose-200">
                            deprecated
                          </span>
                        ) : null}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </section>
  );
}
