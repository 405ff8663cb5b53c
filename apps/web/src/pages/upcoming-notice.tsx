import type { ReactNode } from 'react';

/** An honest "not built yet" notice: what the page will hold and what it waits for. */
export function UpcomingNotice({ children }: { children: ReactNode }) {
  return (
    <div
      role="note"
      className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <p className="font-medium">Upcoming</p>
      <p className="mt-1">{children}</p>
    </div>
  );
}
