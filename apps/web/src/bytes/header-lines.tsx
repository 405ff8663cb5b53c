import { VisibleText } from './visible-text.js';

/**
 * Header lines as plain text, one per line, for views that did not see the wire bytes (fetch):
 * no CR/LF markers are invented, but control and invisible characters inside a line still show.
 */
export function HeaderLines({ lines, testId }: { lines: string[]; testId?: string }) {
  return (
    <pre
      data-testid={testId}
      tabIndex={0}
      className="overflow-auto rounded-md border border-zinc-300 bg-white p-3 font-mono text-sm leading-6 break-all whitespace-pre-wrap dark:border-zinc-700 dark:bg-zinc-900"
    >
      {lines.map((line, index) => (
        <span key={index}>
          <VisibleText text={line} />
          {'\n'}
        </span>
      ))}
    </pre>
  );
}
