import type { ReactNode } from 'react';

/** A titled section of a status page; renders nothing when it has nothing to say. */
export function ProseSection({
  title,
  children,
  show = true,
}: {
  title: string;
  children: ReactNode;
  show?: boolean;
}) {
  if (!show) return null;
  return (
    <section className="mt-6">
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mt-1 text-zinc-800 dark:text-zinc-200">{children}</div>
    </section>
  );
}
