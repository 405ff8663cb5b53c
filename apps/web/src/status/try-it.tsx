import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { HeaderLines } from '../bytes/header-lines.js';
import { RawBytesView } from '../bytes/raw-bytes-view.js';
import { captureIdOf, fetchAsReceived, type FetchOutcome } from '../http/fetch-as-received.js';
import { recordHistory } from '../history/history-store.js';
import { SnippetTabs } from '../snippets/snippet-tabs.js';
import { tryItCaveat } from './try-it-notes.js';
import { tryItSnippetRequest } from './try-it-request.js';

type State = { phase: 'idle' } | { phase: 'loading' } | { phase: 'done'; outcome: FetchOutcome };

/**
 * **Try it**: calls the simulator (`GET /api/status/{code}`) with fetch and shows the status
 * line, headers and body as received, all as text.
 */
export function TryIt({ code }: { code: number }) {
  const [state, setState] = useState<State>({ phase: 'idle' });
  const resultId = useId();
  const controller = useRef<AbortController | null>(null);
  const path = `/api/status/${code}`;
  const url = new URL(path, globalThis.location?.href ?? 'http://localhost/').href;
  const caveat = tryItCaveat(code);
  const snippetRequest = useMemo(() => tryItSnippetRequest(code, url), [code, url]);

  const run = async () => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setState({ phase: 'loading' });
    const outcome = await fetchAsReceived(url, {
      signal: abort.signal,
      headers: { Accept: 'application/json' },
    });
    if (!abort.signal.aborted) setState({ phase: 'done', outcome });
  };

  return (
    <section
      aria-labelledby={`${resultId}-title`}
      className="mt-8 rounded-md border border-zinc-300 p-4 dark:border-zinc-700"
    >
      <h2 id={`${resultId}-title`} className="text-lg font-semibold">
        Try it
      </h2>
      <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
        Sends <code className="font-mono">GET {path}</code> to this server's simulator from your
        browser. From a terminal:
      </p>
      <pre className="mt-1 overflow-x-auto rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900">
        <code>curl -i {url}</code>
      </pre>
      {caveat ? <p className="mt-2 text-sm text-amber-800 dark:text-amber-300">{caveat}</p> : null}
      <button
        type="button"
        onClick={() => void run()}
        disabled={state.phase === 'loading'}
        aria-controls={resultId}
        className="mt-3 rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-60"
      >
        {state.phase === 'loading' ? 'Sending…' : 'Try it'}
      </button>
      <div id={resultId} aria-live="polite" className="mt-4">
        {state.phase === 'done' ? <TryItResult outcome={state.outcome} path={path} /> : null}
      </div>
      <SnippetTabs
        request={snippetRequest}
        title={code === 101 ? 'Snippets: the WebSocket upgrade' : 'Snippets: the same request'}
      />
    </section>
  );
}

function TryItResult({ outcome, path }: { outcome: FetchOutcome; path: string }) {
  const captureId = outcome.kind === 'response' ? captureIdOf(outcome.headers) : undefined;
  const status = outcome.kind === 'response' ? outcome.status : undefined;
  useEffect(() => {
    // A response that names its capture goes into this browser's history list.
    if (captureId) {
      recordHistory({
        id: captureId,
        summary: `GET ${path}`,
        ...(status !== undefined ? { status } : {}),
      });
    }
  }, [captureId, path, status]);
  if (outcome.kind === 'network-error') {
    return (
      <p role="alert" className="text-rose-700 dark:text-rose-300">
        The request failed before a response arrived:{' '}
        <span className="font-mono">{outcome.message}</span>
      </p>
    );
  }
  if (outcome.kind === 'opaque-redirect') {
    return (
      <p>
        The simulator answered with a redirect; the browser does not let scripts read it (see
        above).
      </p>
    );
  }
  const lines = [
    outcome.statusLine,
    ...outcome.headers.map(([name, value]) => `${name}: ${value}`),
  ];
  return (
    <div className="grid gap-4">
      <p
        data-testid="try-it-status-line"
        className="font-mono text-lg font-semibold wrap-break-word"
      >
        {outcome.statusLine}
      </p>
      <div>
        <h3 className="text-sm font-medium">Response head, as fetch exposes it</h3>
        <HeaderLines lines={lines} testId="try-it-head" />
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Fetch lower-cases and sorts header names and joins repeated fields; the captured exchange
        keeps the exact bytes.
        {captureId ? (
          <>
            {' '}
            <Link className="text-teal-700 underline dark:text-teal-300" to={`/x/${captureId}`}>
              Open the captured exchange
            </Link>
          </>
        ) : null}
      </p>
      <RawBytesView
        title={
          outcome.bodyOmitted > 0
            ? `Body (first part; ${outcome.bodyOmitted} characters not shown)`
            : 'Body'
        }
        text={outcome.body}
        lineFeeds="plain"
        testId="try-it-body"
      />
    </div>
  );
}
