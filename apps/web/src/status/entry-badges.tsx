import type { StatusEntry } from '@switchyard/catalog';

/**
 * The state badges of an entry, in words: "reserved" (RFC 9110 §15.4.7 for 306, §15.5.19 for
 * 418: kept so the number is not reassigned) is not "deprecated" (e.g. 305, §15.4.6).
 */
export function EntryBadges({ entry }: { entry: StatusEntry }) {
  return (
    <>
      {entry.reserved ? (
        <span className="rounded-full bg-sky-100 px-2 py-0.5 text-xs text-sky-900 dark:bg-sky-950 dark:text-sky-200">
          reserved
        </span>
      ) : null}
      {entry.deprecated ? (
        <span className="rounded-full bg-rose-100 px-2 py-0.5 text-xs text-rose-900 dark:bg-rose-950 dark:text-rose-200">
          deprecated
        </span>
      ) : null}
    </>
  );
}
