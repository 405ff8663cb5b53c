import type { CloseInfo, Exchange, FrameJson } from '@switchyard/exchange';
import { formatMicros } from './frame-format.js';

interface Mark {
  label: string;
  time: number;
}

/** Probe timings (connect, request written) when the exchange was recorded by the probe. */
function probeTimings(exchange: Exchange): { connect?: number; sent?: number } {
  const probe = (exchange as { probe?: { timings?: unknown } }).probe;
  const t = probe?.timings;
  return typeof t === 'object' && t !== null ? (t as { connect?: number; sent?: number }) : {};
}

/** The moments of an exchange, in time order (all µs since `timings.start`). */
export function timelineMarks(
  exchange: Exchange,
  frames: readonly FrameJson[],
  frameCount: number,
  close: CloseInfo | undefined,
): Mark[] {
  const marks: Mark[] = [];
  const add = (label: string, time: number | undefined) => {
    if (typeof time === 'number' && Number.isFinite(time)) marks.push({ label, time });
  };
  const p = probeTimings(exchange);
  const t = exchange.timings;
  add('TCP connected', p.connect);
  // The probe times its own send; a server capture times the head's arrival.
  if (p.sent !== undefined) add('Request sent', p.sent);
  else add('Request head received', t.requestHead);
  add('First response byte', t.firstByte);
  exchange.interim.forEach((r) => add(`Interim ${r.status}`, r.time));
  add('101 Switching Protocols', t.upgrade);
  const first = frames[0];
  const last = frameCount > 0 ? frames[frameCount - 1] : undefined;
  if (first) add('First frame', first.time);
  if (last && frameCount > 1)
    add(`Last frame listed (#${last.seq}, ${frameCount} listed)`, last.time);
  add(`Closed (${close?.code ?? ''})`, close?.time);
  add('End', t.end);
  return marks.sort((a, b) => a.time - b.time);
}

/** `timings.start` (µs since the Unix epoch) as an ISO 8601 UTC instant with µs. */
function startText(startMicros: number): string {
  const ms = Math.floor(startMicros / 1000);
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return 'start unknown';
  const micros = String(Math.floor(startMicros % 1000)).padStart(3, '0');
  return date.toISOString().replace('Z', `${micros}Z`);
}

/** The timeline of an exchange: connect, first byte, 101, frames, close. */
export function Timeline(props: {
  exchange: Exchange;
  frames: readonly FrameJson[];
  frameCount: number;
  close: CloseInfo | undefined;
  /** The exchange is still open: say there is no end yet. */
  inProgress?: boolean;
}) {
  const marks = timelineMarks(props.exchange, props.frames, props.frameCount, props.close);
  if (marks.length === 0) return null;
  return (
    <section aria-label="Timeline" className="min-w-0">
      <h2 className="text-lg font-semibold">Timeline</h2>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Time since the exchange began ({startText(props.exchange.timings.start)}), measured in µs on
        a monotonic clock.
      </p>
      <ol className="mt-2 border-l-2 border-teal-600 pl-3 text-sm">
        {marks.map((m, i) => (
          <li key={i} className="flex gap-3">
            <span className="w-24 shrink-0 text-right font-mono text-xs leading-6 tabular-nums">
              {formatMicros(m.time)}
            </span>
            <span className="leading-6">{m.label}</span>
          </li>
        ))}
      </ol>
      {props.inProgress ? (
        <p className="mt-1 text-sm text-amber-800 dark:text-amber-300">
          No end yet: the exchange is still in progress.
        </p>
      ) : null}
    </section>
  );
}
