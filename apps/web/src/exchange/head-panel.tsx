import type { HeaderList } from '@switchyard/exchange';
import { RawBytesView } from '../bytes/raw-bytes-view.js';
import { HeadTable } from './head-table.js';
import type { HeadText } from './head-text.js';

/** One head (request or response): raw text with invisible characters shown, then the table. */
export function HeadPanel({
  title,
  head,
  headers,
  testId,
}: {
  title: string;
  head: HeadText;
  headers: HeaderList;
  testId: string;
}) {
  return (
    <section className="min-w-0">
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">Shown from: {head.source}</p>
      <div className="mt-2">
        {head.http2 ? (
          // No byte count: these are not the bytes on the wire (HPACK-compressed there).
          <RawBytesView
            title="Fields"
            text={head.text}
            testId={testId}
            lineFeeds="plain"
            showBytes={false}
          />
        ) : head.source === 'rebuilt from parsed fields' ? (
          // No byte count: rebuilt text is not the bytes that were on the wire (the endpoint did
          // not keep them; whitespace around values and the like are lost).
          <RawBytesView
            title="Text (not the bytes on the wire)"
            text={head.text}
            testId={testId}
            showBytes={false}
          />
        ) : (
          <RawBytesView title="Raw" text={head.text} testId={testId} />
        )}
      </div>
      <div className="mt-3">
        <HeadTable headers={headers} caption={`${title}: header fields`} />
      </div>
    </section>
  );
}
