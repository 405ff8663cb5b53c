import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { VisibleText } from '../bytes/visible-text.js';
import { requestHeadText, responseHeadText } from '../exchange/head-text.js';
import type { EchoPath, EchoPathKey } from './echo-paths-api.js';
import { PATH_INFO, fieldLines, h2FrameLine, wsFrameLine } from './echo-paths-format.js';

/**
 * A bordered box whose content scrolls. The padding sits on the frame, outside the scroller, and
 * the scroller's height limit is a whole number of lines (20), so a box that scrolls never shows
 * half a line at its bottom edge.
 */
const frame =
  'mt-1 rounded-md border border-zinc-300 bg-white py-2 dark:border-zinc-700 dark:bg-zinc-900';
const box = 'max-h-[20lh] overflow-auto px-2 font-mono text-xs whitespace-pre-wrap wrap-anywhere';

/** The box: a `pre` of text, or an `ol` of frame lines, inside its frame. */
function Box({
  as: Tag,
  testId,
  children,
}: {
  as: 'pre' | 'ol';
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className={frame}>
      <Tag className={box} data-testid={testId}>
        {children}
      </Tag>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mt-3">
      <h3 className="text-sm font-medium">{title}</h3>
      {children}
    </div>
  );
}

/** The request(s) as sent: the HTTP/1.1 head, and/or the extended CONNECT's fields. */
function RequestSent({ path }: { path: EchoPath }) {
  const connect = path.h2?.streams.find((s) => s.role === 'extended-connect');
  return (
    <>
      {path.http1 ? (
        <Box as="pre" testId="echo-path-http1-request">
          <VisibleText text={requestHeadText(path.http1.request).text} />
        </Box>
      ) : null}
      {connect ? (
        <>
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            HTTP/2 HEADERS on stream {connect.id} (HPACK literals, decoded):
          </p>
          <Box as="pre" testId="echo-path-h2-request">
            {fieldLines(connect.request)}
          </Box>
        </>
      ) : null}
    </>
  );
}

/** The answer(s): the 101 head, stream 1's status, the CONNECT's response fields. */
function Answer({ path }: { path: EchoPath }) {
  const streams = path.h2?.streams ?? [];
  return (
    <>
      {path.http1?.response ? (
        <Box as="pre" testId="echo-path-http1-response">
          <VisibleText text={responseHeadText(path.http1.response).text} />
        </Box>
      ) : null}
      {streams.map((s) => (
        <div key={s.id}>
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            Stream {s.id}{' '}
            {s.role === 'upgraded-request' ? '(the upgraded request)' : '(extended CONNECT)'}:
          </p>
          <Box as="pre">
            {s.response
              ? fieldLines(s.response)
              : s.reset
                ? `reset: ${s.reset.errorName}`
                : '(no answer)'}
          </Box>
        </div>
      ))}
    </>
  );
}

/** One path's column: outcome, request, answer, frames, captures. */
export function EchoPathColumn({ pathKey, path }: { pathKey: EchoPathKey; path?: EchoPath }) {
  const info = PATH_INFO[pathKey];
  const titleId = `echo-path-${pathKey}`;
  return (
    <article
      aria-labelledby={titleId}
      data-testid={`echo-path-${pathKey}`}
      className="min-w-0 rounded-md border border-zinc-300 p-3 dark:border-zinc-700"
    >
      <h2 id={titleId} className="text-base font-semibold">
        {info.title}
      </h2>
      <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{info.summary}</p>
      {path === undefined ? (
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
          Expected: {info.expected}. Press Run to open the connection.
        </p>
      ) : (
        <>
          <p
            className={`mt-3 font-semibold ${path.ok ? 'text-emerald-700 dark:text-emerald-300' : 'text-rose-700 dark:text-rose-300'}`}
            data-testid="echo-path-outcome"
          >
            {path.ok ? '✓ Echoed' : '✗ Failed'} ·{' '}
            <span className="font-mono" data-testid="echo-path-statuses">
              {path.statuses.join(' → ') || 'no status'}
            </span>
          </p>
          {path.error ? (
            <p role="alert" className="mt-1 text-sm text-rose-700 dark:text-rose-300">
              {path.error}
            </p>
          ) : null}
          <p className="mt-1 text-sm">
            Sent “<span className="font-mono">{path.websocket.sentText}</span>”, got back{' '}
            {path.websocket.receivedText === undefined ? (
              'nothing'
            ) : (
              <>
                “<span className="font-mono">{path.websocket.receivedText}</span>”
              </>
            )}
            .
          </p>
          <Section title="Request as sent">
            <RequestSent path={path} />
          </Section>
          <Section title="Answer">
            <Answer path={path} />
          </Section>
          {path.h2 ? (
            <Section title={`HTTP/2 frames (${path.h2.frames.length})`}>
              <Box as="ol" testId="echo-path-h2-frames">
                {path.h2.frames.map((f) => (
                  <li key={f.seq}>{h2FrameLine(f)}</li>
                ))}
              </Box>
            </Section>
          ) : null}
          <Section title={`WebSocket frames (${path.websocket.frames.length})`}>
            <Box as="ol" testId="echo-path-ws-frames">
              {path.websocket.frames.map((f) => (
                <li key={f.seq}>{wsFrameLine(f)}</li>
              ))}
            </Box>
          </Section>
          <Section title="Server captures">
            {path.captures.length === 0 ? (
              <p className="text-sm">None (capture is off on this server).</p>
            ) : (
              <ul className="mt-1 text-sm">
                {path.captures.map((c) => (
                  <li key={c.id}>
                    <Link
                      to={`/x/${encodeURIComponent(c.id)}`}
                      className="text-teal-700 underline dark:text-teal-300"
                    >
                      {c.what === 'websocket' ? 'the WebSocket' : 'stream 1 (the upgraded request)'}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">
            {path.wire.sentBytes} bytes sent, {path.wire.receivedBytes} received, in{' '}
            {path.durationMs} ms.
          </p>
        </>
      )}
    </article>
  );
}
