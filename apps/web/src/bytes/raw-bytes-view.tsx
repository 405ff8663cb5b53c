import { useId } from 'react';
import { VisibleText } from './visible-text.js';

const encoder = new TextEncoder();

/**
 * A labelled, monospace view of raw wire text with invisible characters made visible and the
 * exact UTF-8 byte count. Long lines wrap, so nothing scrolls off at phone widths.
 */
export function RawBytesView({
  title,
  text,
  testId,
  lineFeeds = 'marked',
  showBytes = true,
}: {
  title: string;
  text: string;
  testId?: string;
  /** `plain` for bodies: LF breaks the line without a marker. */
  lineFeeds?: 'marked' | 'plain';
  /** False when the text is not the bytes that were on the wire (decoded HTTP/2 fields). */
  showBytes?: boolean;
}) {
  const headingId = useId();
  const bytes = encoder.encode(text).length;
  return (
    <figure aria-labelledby={headingId} className="min-w-0">
      <figcaption
        id={headingId}
        className="flex items-baseline justify-between gap-2 text-sm font-medium"
      >
        <span>{title}</span>
        {showBytes ? (
          <span className="font-normal text-zinc-500 dark:text-zinc-400">
            {bytes} {bytes === 1 ? 'byte' : 'bytes'}
          </span>
        ) : null}
      </figcaption>
      <pre
        data-testid={testId}
        tabIndex={0}
        className="mt-1 max-h-[28rem] overflow-auto rounded-md border border-zinc-300 bg-white p-3 font-mono text-sm leading-6 break-all whitespace-pre-wrap dark:border-zinc-700 dark:bg-zinc-900"
      >
        <VisibleText text={text} lineFeeds={lineFeeds} />
      </pre>
    </figure>
  );
}
