import { useId, useState } from 'react';
import { rfcUrl } from '@switchyard/protocol';
import type { FrameJson } from '@switchyard/exchange';
import { VisibleText } from '../bytes/visible-text.js';
import { emptyPayloadText, opcodeName } from '../exchange/frame-format.js';
import { FrameHeaderFields } from './frame-header-fields.js';
import { closeText, hexDump, payloadBytes, payloadJson, payloadText } from './payload-format.js';

type View = 'text' | 'json' | 'hex';

/** The text view's content: a Close frame decoded, else UTF-8 text, else a pointer to hex. */
function textView(frame: FrameJson, bytes: Uint8Array): string {
  const close = closeText(frame);
  if (close !== undefined) return close;
  if (bytes.length === 0) return emptyPayloadText(frame);
  return payloadText(bytes) ?? `(not valid UTF-8: shown as hex)\n${hexDump(bytes)}`;
}

/** One frame's header fields, its payload as text, pretty JSON or a hex dump, and findings. */
export function FrameDetail({ frame }: { frame: FrameJson }) {
  const [view, setView] = useState<View>('text');
  const name = useId();
  const bytes = payloadBytes(frame);
  let body: string;
  if (view === 'hex') body = hexDump(bytes);
  else if (view === 'json') body = payloadJson(bytes) ?? '(not JSON)';
  else body = textView(frame, bytes);
  return (
    <section
      aria-label={`Frame ${frame.seq}`}
      className="rounded-md border border-zinc-300 p-3 text-sm dark:border-zinc-700"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-medium">
          Frame {frame.seq}: {opcodeName(frame.opcode)},{' '}
          {frame.direction === 'client-to-server' ? 'client → server' : 'server → client'},{' '}
          {frame.payloadLength} bytes{frame.inflated !== undefined ? ' compressed' : ''}
          {frame.masked ? ', masked' : ''}
          {frame.payloadTruncated ? ' (payload cut by the capture cap)' : ''}
        </h3>
        <fieldset className="flex gap-3">
          <legend className="sr-only">Payload view</legend>
          {(['text', 'json', 'hex'] as const).map((v) => (
            <label key={v} className="flex items-center gap-1">
              <input
                type="radio"
                name={name}
                value={v}
                checked={view === v}
                onChange={() => setView(v)}
              />
              {v === 'json' ? 'JSON' : v === 'hex' ? 'Hex' : 'Text'}
            </label>
          ))}
        </fieldset>
      </div>
      <FrameHeaderFields frame={frame} />
      <pre
        data-testid="frame-payload"
        tabIndex={0}
        className="mt-2 max-h-72 overflow-auto rounded bg-zinc-50 p-2 font-mono text-xs break-all whitespace-pre-wrap dark:bg-zinc-950"
      >
        {view === 'text' ? <VisibleText text={body} lineFeeds="plain" /> : body}
      </pre>
      {frame.findings.length > 0 ? (
        <ul className="mt-2 list-disc pl-5 text-rose-700 dark:text-rose-300">
          {frame.findings.map((f) => (
            <li key={f.code}>
              {f.severity}: {f.message} (
              <a
                href={rfcUrl(f.cite)}
                rel="noopener noreferrer"
                className="underline decoration-1 underline-offset-2"
              >
                {f.cite.rfc} §{f.cite.section}
              </a>
              )
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
