import { useState } from 'react';
import { Link } from 'react-router';
import { HeadPanel } from '../exchange/head-panel.js';
import { requestHeadText, responseHeadText } from '../exchange/head-text.js';
import { InterimList } from '../exchange/interim-list.js';
import { Timeline } from '../exchange/timeline.js';
import { CloseSummary } from '../frames/close-summary.js';
import { FrameList } from '../frames/frame-list.js';
import { TruncationNotice } from '../frames/truncation-notice.js';
import { useLiveExchange } from '../live/use-live-exchange.js';
import { useLiveFindings } from '../live/use-live-findings.js';
import { WarningsPanel } from '../warnings/warnings-panel.js';
import type { LintModule } from '../warnings/use-lint.js';
import { AcceptCheck } from './accept-check.js';
import type { ProbeStarted } from './probe-api.js';
import { SendControls } from './send-controls.js';

const connectionText = {
  connecting: 'connecting to the live channel…',
  live: 'live',
  closed: 'live channel closed',
  failed: 'live channel unavailable',
} as const;

/**
 * One sent request, followed live: raw heads as on the wire, interim responses, the accept
 * check, the timeline, the warnings and the frames (with send controls while the WebSocket is
 * open). Every captured string is rendered as text.
 */
export function ProbeSession({
  started,
  lint,
}: {
  started: ProbeStarted;
  lint: LintModule | undefined;
}) {
  const { state, connection } = useLiveExchange(started.exchange);
  const findings = useLiveFindings(lint, state);
  const [pausedAt, setPausedAt] = useState<number | null>(null);
  const { exchange } = state;
  const response = exchange.response;
  // The probe says whether the handshake succeeded (a 101 with a wrong Accept is failed).
  const outcome = (exchange as { probe?: { outcome?: string } }).probe?.outcome;
  const upgraded = outcome !== undefined ? outcome === 'upgraded' : response?.status === 101;
  const isWebSocket = upgraded || state.frameCount > 0;
  const ended = state.ended || exchange.timings.end !== undefined;
  const open = upgraded && !state.close && !ended;
  const shown = pausedAt ?? state.frameCount;

  return (
    <section aria-label="Exchange" data-testid="probe-session" className="flex flex-col gap-6">
      <header className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 className="text-xl font-semibold">
          <span className="font-mono">{exchange.request.method}</span>{' '}
          <span className="font-mono break-all">{exchange.request.target}</span>
          {response ? (
            <>
              {' → '}
              <span className="font-mono" data-testid="response-status">
                {response.status}
              </span>{' '}
              {response.reason}
            </>
          ) : null}
        </h2>
        <p className="text-sm">
          <span className="text-zinc-600 dark:text-zinc-400">
            {connectionText[connection]}
            {outcome ? `, probe: ${outcome}` : ''}
            {ended ? ', capture ended' : ''}
            {state.dropped > 0 ? `, ${state.dropped} events dropped (slow reader)` : ''}
            {' · '}
          </span>
          <Link
            className="font-mono text-teal-700 underline dark:text-teal-300"
            to={started.link}
            data-testid="share-link"
          >
            {started.link}
          </Link>
        </p>
      </header>
      <div className="grid gap-6 lg:grid-cols-2">
        <HeadPanel
          title="Request sent"
          head={requestHeadText(exchange.request)}
          headers={exchange.request.headers}
          testId="live-request-head"
        />
        {response ? (
          <HeadPanel
            title="Response received"
            head={responseHeadText(response)}
            headers={response.headers}
            testId="live-response-head"
          />
        ) : (
          <p className="text-sm">
            {ended ? 'No final response: the connection closed first.' : 'Waiting…'}
          </p>
        )}
      </div>
      <InterimList
        interim={exchange.interim}
        httpVersion={response?.httpVersion ?? exchange.request.httpVersion}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <AcceptCheck exchange={exchange} lint={lint} />
        <Timeline
          exchange={exchange}
          frames={state.frames}
          frameCount={state.frameCount}
          close={state.close}
        />
      </div>
      <WarningsPanel findings={findings} rules={lint?.ruleCatalog()} />
      {isWebSocket ? (
        <section aria-labelledby="live-frames-title" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="live-frames-title" className="text-lg font-semibold">
              Frames
            </h2>
            <button
              type="button"
              aria-pressed={pausedAt !== null}
              onClick={() => setPausedAt((p) => (p === null ? state.frameCount : null))}
              className="rounded-md border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              {pausedAt === null ? 'Pause' : `Resume (${state.frameCount - pausedAt} buffered)`}
            </button>
          </div>
          {exchange.websocket ? (
            <TruncationNotice truncation={exchange.websocket.truncation} />
          ) : null}
          <FrameList frames={state.frames} count={shown} follow={pausedAt === null} />
          {state.close ? <CloseSummary close={state.close} /> : null}
          <SendControls probeId={started.id} disabled={!open} />
        </section>
      ) : null}
    </section>
  );
}
