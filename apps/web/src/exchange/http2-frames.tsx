import { useState } from 'react';
import { decodeBase64, type Http2Capture, type Http2FrameJson } from '@switchyard/exchange';
import { formatMicros, hexPreview } from './frame-format.js';

/** Rows shown before "show all" (a long connection may hold thousands of frames). */
const FIRST_ROWS = 200;

const MODE_TEXT: Record<Http2Capture['mode'], string> = {
  'h2c-upgrade': 'h2c via Upgrade and 101 (RFC 7540 §3.2, deprecated by RFC 9113 §3.1)',
  'prior-knowledge': 'cleartext with prior knowledge (RFC 9113 §3.3)',
  'tls-alpn': 'TLS with ALPN "h2" (RFC 9113 §3.2)',
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** µs with a sign: frames before the exchange began (its connection's SETTINGS) are negative. */
function signedMicros(us: number): string {
  return us < 0 ? `−${formatMicros(-us)}` : formatMicros(us);
}

/** Payload as UTF-8 text when it is, else hex; never markup (rendered as a text node). */
function payloadText(frame: Http2FrameJson): string | undefined {
  if (frame.payload === undefined) return undefined;
  const bytes = decodeBase64(frame.payload) ?? new Uint8Array();
  const cut = frame.payloadTruncated ? ' … (cut by the capture cap)' : '';
  if (bytes.length === 0) return cut ? `(empty)${cut}` : undefined;
  try {
    const text = utf8.decode(bytes);
    return `${text.length > 160 ? `${text.slice(0, 160)} …` : text}${cut}`;
  } catch {
    return `${hexPreview(bytes, 48)}${cut}`;
  }
}

/** What the frame says beyond its header: settings, error code, increment, payload. */
function FrameDetails({ frame }: { frame: Http2FrameJson }) {
  const parts: string[] = [];
  if (frame.settings) {
    parts.push(
      frame.settings.length === 0
        ? 'no parameters'
        : frame.settings.map((s) => `${s.name} = ${s.value}`).join(', '),
    );
  }
  if (frame.errorCode !== undefined) {
    parts.push(`${frame.errorName ?? 'error'} (0x${frame.errorCode.toString(16)})`);
  }
  if (frame.lastStreamId !== undefined) parts.push(`last stream ${frame.lastStreamId}`);
  if (frame.windowIncrement !== undefined) parts.push(`+${frame.windowIncrement}`);
  const payload = payloadText(frame);
  return (
    <div className="flex flex-col gap-1">
      {parts.length > 0 ? <span>{parts.join('; ')}</span> : null}
      {frame.headers ? (
        <details>
          <summary className="cursor-pointer">
            {frame.headers.length} decoded field{frame.headers.length === 1 ? '' : 's'}
            {frame.headers.find(([n]) => n === ':status' || n === ':path')
              ? `: ${frame.headers.find(([n]) => n === ':status' || n === ':path')!.join(' ')}`
              : ''}
          </summary>
          <table className="mt-1 text-xs">
            <tbody>
              {frame.headers.map(([name, value], i) => (
                <tr key={i}>
                  <th scope="row" className="pr-3 text-left align-top font-mono font-medium">
                    {name}
                  </th>
                  <td className="font-mono break-all">{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
      {payload !== undefined ? <span className="font-mono break-all">{payload}</span> : null}
      {frame.findings.map((f, i) => (
        <span
          key={i}
          className={
            f.severity === 'error'
              ? 'text-red-700 dark:text-red-400'
              : 'text-amber-800 dark:text-amber-300'
          }
        >
          {f.severity}: {f.message} ({f.cite.rfc} §{f.cite.section})
        </span>
      ))}
    </div>
  );
}

/** The HTTP/2 frames of an exchange (issue 8): a table, every captured string as text. */
/** Column headings before the last one (Details). */
const COLUMNS = ['#', 'Direction', 'Time', 'Type', 'Flags', 'Stream', 'Length'] as const;

export function Http2Frames({ http2 }: { http2: Http2Capture }) {
  const [showAll, setShowAll] = useState(false);
  const { frames, framesSeen, truncation } = http2;
  const shown = showAll ? frames : frames.slice(0, FIRST_ROWS);
  return (
    <section aria-labelledby="http2-frames-title" className="mt-8 flex flex-col gap-2">
      <h2 id="http2-frames-title" className="text-lg font-semibold">
        HTTP/2 frames
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Stream {http2.streamId} and the connection&apos;s frames (stream 0), as on the socket;{' '}
        {MODE_TEXT[http2.mode]}. {framesSeen.clientToServer} from the client,{' '}
        {framesSeen.serverToClient} from the server; {frames.length} stored
        {truncation.framesDropped > 0 || truncation.framesCut > 0
          ? `, ${truncation.framesDropped} dropped and ${truncation.framesCut} cut by the cap of ${truncation.maxFrames} frames / ${truncation.maxBytes} bytes`
          : ''}
        . Field blocks are shown HPACK-decoded (RFC 7541).
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="http2-frames">
          <thead>
            <tr className="border-b border-zinc-300 dark:border-zinc-700">
              {COLUMNS.map((name) => (
                <th key={name} scope="col" className="pr-3">
                  {name}
                </th>
              ))}
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((frame) => (
              <tr
                key={frame.seq}
                className="border-b border-zinc-200 align-top dark:border-zinc-800"
              >
                <td className="pr-3 font-mono">{frame.seq}</td>
                <td className="pr-3 whitespace-nowrap">
                  {frame.direction === 'client-to-server' ? 'client → server' : 'server → client'}
                </td>
                <td className="pr-3 font-mono whitespace-nowrap">{signedMicros(frame.time)}</td>
                <td className="pr-3 font-mono">{frame.typeName}</td>
                <td className="pr-3 font-mono">
                  {frame.flagNames.length > 0
                    ? frame.flagNames.join(' ')
                    : frame.flags !== 0
                      ? `0x${frame.flags.toString(16)}`
                      : '—'}
                </td>
                <td className="pr-3 font-mono">{frame.streamId}</td>
                <td className="pr-3 font-mono">{frame.length}</td>
                <td>
                  <FrameDetails frame={frame} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!showAll && frames.length > FIRST_ROWS ? (
        <button
          type="button"
          className="self-start rounded border border-zinc-400 px-2 py-1 text-sm"
          onClick={() => setShowAll(true)}
        >
          Show all {frames.length} frames
        </button>
      ) : null}
    </section>
  );
}
