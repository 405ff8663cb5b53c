import type { Exchange } from '@switchyard/exchange';
import { CapturedFrames } from '../frames/captured-frames.js';
import { useLint } from '../warnings/use-lint.js';
import { WarningsPanel } from '../warnings/warnings-panel.js';
import { BodyPreview } from './body-preview.js';
import { ExchangeActions } from './exchange-actions.js';
import { HeadPanel } from './head-panel.js';
import { Http2Frames } from './http2-frames.js';
import { requestHeadText, responseHeadText } from './head-text.js';
import { InterimList } from './interim-list.js';
import { isInProgress } from './exchange-progress.js';
import { formatMicros } from './frame-format.js';
import { ProgressBanner, type LiveRefresh } from './progress-banner.js';
import { Timeline } from './timeline.js';

/** Whether the exchange is open or ended, and when it ended (µs after it began). */
function statusText(exchange: Exchange, inProgress: boolean): string {
  if (inProgress) return 'In progress: the connection is still open';
  const end = exchange.timings.end;
  if (end !== undefined) return `Ended ${formatMicros(end)} after it began`;
  return 'Ended (the imported HAR does not say when)';
}

/**
 * One captured exchange, read-only, as captured. Every captured string is rendered as text. An
 * exchange with no `timings.end` is a live snapshot of a capture still in progress: it says so,
 * and `live` (from the page) refreshes it.
 */
export function ExchangeView({ exchange, live }: { exchange: Exchange; live?: LiveRefresh }) {
  const { request, response } = exchange;
  const lint = useLint();
  const inProgress = isInProgress(exchange);
  return (
    <article aria-labelledby="exchange-title">
      <h1 id="exchange-title" className="text-2xl font-semibold wrap-break-word">
        <span className="font-mono">{request.method}</span>{' '}
        <span className="font-mono">{request.target}</span>
        {response ? (
          <>
            {' → '}
            <span className="font-mono">{response.status}</span> {response.reason}
          </>
        ) : null}
      </h1>
      <ProgressBanner inProgress={inProgress} live={live} />
      <dl className="mt-2 grid grid-cols-[6.5rem_1fr] gap-x-4 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="font-medium">Status</dt>
        <dd data-testid="exchange-status">{statusText(exchange, inProgress)}</dd>
        <dt className="font-medium">Kind</dt>
        <dd>{exchange.kind}</dd>
        <dt className="font-medium">Endpoint</dt>
        <dd className="font-mono break-all">{exchange.endpoint}</dd>
        <dt className="font-medium">Captured</dt>
        <dd>
          <time dateTime={exchange.createdAt}>{exchange.createdAt}</time>
          {exchange.source === 'import' ? ' (imported from HAR)' : ''}
        </dd>
        <dt className="font-medium">Share link</dt>
        <dd className="font-mono break-all">/x/{exchange.id}</dd>
      </dl>
      <ExchangeActions exchange={exchange} />
      {exchange.redactions.length > 0 ? (
        <p className="mt-2 text-sm text-amber-800 dark:text-amber-300">
          {exchange.redactions.length} credential value(s) were redacted before storage (
          {exchange.redactions.map((r) => r.name).join(', ')}).
        </p>
      ) : null}
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <HeadPanel
          title="Request"
          head={requestHeadText(request)}
          headers={request.headers}
          testId="raw-request-head"
        />
        {response ? (
          <HeadPanel
            title="Response"
            head={responseHeadText(response)}
            headers={response.headers}
            testId="raw-response-head"
          />
        ) : (
          <section>
            <h2 className="text-lg font-semibold">Response</h2>
            <p className="mt-2">
              {inProgress
                ? 'No final response yet: the exchange is still in progress.'
                : 'No final response was sent: the connection closed first.'}
            </p>
          </section>
        )}
      </div>
      <InterimList
        interim={exchange.interim}
        httpVersion={response?.httpVersion ?? request.httpVersion}
      />
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        {/* Only before a final response is the request body likely still arriving. */}
        <BodyPreview
          title="Request body"
          body={exchange.requestBody}
          inProgress={inProgress && !response}
        />
        {/* RFC 9110 §15.2: a 1xx (a 101 here) has no content: nothing more will come. */}
        <BodyPreview
          title="Response body"
          body={exchange.responseBody}
          inProgress={inProgress && (response === undefined || response.status >= 200)}
        />
      </div>
      <div className="mt-6">
        <Timeline
          exchange={exchange}
          frames={exchange.websocket?.frames ?? []}
          frameCount={exchange.websocket?.frames.length ?? 0}
          close={exchange.websocket?.close}
          inProgress={inProgress}
        />
      </div>
      {exchange.notes.length > 0 ? (
        <section className="mt-6">
          <h2 className="text-lg font-semibold">Server notes</h2>
          <ul className="mt-1 list-disc pl-6">
            {exchange.notes.map((note, index) => (
              <li key={index}>{note.text}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="mt-6">
        <WarningsPanel
          title="Findings"
          findings={exchange.findings}
          rules={lint?.ruleCatalog()}
          empty={
            inProgress
              ? 'No findings yet: the rules run on the whole exchange once it has ended.'
              : 'No findings: every rule that applies passed.'
          }
        />
      </div>
      {exchange.http2 ? <Http2Frames http2={exchange.http2} /> : null}
      {exchange.websocket ? (
        <CapturedFrames websocket={exchange.websocket} inProgress={inProgress} />
      ) : null}
    </article>
  );
}
