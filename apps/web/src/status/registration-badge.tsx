/** Marks an entry as IANA-registered or not, in words (not colour alone). */
export function RegistrationBadge({ registered }: { registered: boolean }) {
  return registered ? (
    <span className="rounded-full bg-zinc-200 px-2 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
      registered
    </span>
  ) : (
    <span className="rounded-full bg-amber-200 px-2 py-0.5 text-xs text-amber-950 dark:bg-amber-900 dark:text-amber-100">
      unregistered
    </span>
  );
}
