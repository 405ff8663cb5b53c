import { Link } from 'react-router';
import { catalog, statusClassOf, type StatusEntry } from '@switchyard/catalog';
import { classLabels, classOrder } from '../status/class-labels.js';
import { EntryBadges } from '../status/entry-badges.js';
import { RegistrationBadge } from '../status/registration-badge.js';
import { usePageTitle } from './page-title.js';

/** RFC 9110 §15: "Values outside the range 100..599 are invalid" (e.g. LinkedIn's 999). */
const invalidEntries = catalog.filter((entry) => statusClassOf(entry.code) === undefined);
const validEntries = catalog.filter((entry) => statusClassOf(entry.code) !== undefined);

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
        guarantees and what it does not, and (for codes in 100..599) lets you try it against the
        simulator.
      </p>
      <div className="mt-6 grid gap-6 md:grid-cols-2">
        {classOrder.map((statusClass) => (
          <StatusGroup
            key={statusClass}
            id={`class-${statusClass}`}
            title={classLabels[statusClass]}
            entries={validEntries.filter((entry) => entry.class === statusClass)}
          />
        ))}
        {invalidEntries.length > 0 ? (
          <StatusGroup
            id="class-invalid"
            title="Outside 100–599: not valid HTTP"
            entries={invalidEntries}
            note="RFC 9110 §15: values outside 100..599 are invalid, and a client should treat such a response as a 5xx. Listed as documentation only; the simulator cannot send them."
          />
        ) : null}
      </div>
    </section>
  );
}

function StatusGroup({
  id,
  title,
  entries,
  note,
}: {
  id: string;
  title: string;
  entries: readonly StatusEntry[];
  note?: string;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {note ? <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{note}</p> : null}
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
                <EntryBadges entry={entry} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
