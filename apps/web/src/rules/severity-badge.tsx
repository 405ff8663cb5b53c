import type { Severity } from '@switchyard/lint';

const styles: Record<Severity, string> = {
  error:
    'border-rose-300 bg-rose-50 text-rose-800 dark:border-rose-700 dark:bg-rose-950 dark:text-rose-200',
  warning:
    'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200',
  info: 'border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-200',
};

/**
 * A rule's severity as a small labelled badge (text, not colour alone, carries the meaning). One
 * width for every severity (the longest word, "warning", fits), so what follows lines up.
 */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span
      className={`inline-block w-[10ch] rounded border px-1.5 py-0.5 text-center font-mono text-xs font-medium ${styles[severity]}`}
    >
      {severity}
    </span>
  );
}
