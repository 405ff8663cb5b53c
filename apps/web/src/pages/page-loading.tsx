/** Shown while a page's code loads on first visit. */
export function PageLoading() {
  return (
    <p role="status" className="p-6 text-zinc-600 dark:text-zinc-400">
      Loading…
    </p>
  );
}
