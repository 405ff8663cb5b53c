import { useState } from 'react';
import { Link } from 'react-router';
import { EchoPathColumn } from '../lab/echo-path-column.js';
import { ApiProblemError } from '../http/post-json.js';
import { runEchoPaths, type EchoPathsResult } from '../lab/echo-paths-api.js';
import { PATH_ORDER } from '../lab/echo-paths-compare.js';
import { EchoPathsTable } from '../lab/echo-paths-table.js';
import { usePageTitle } from './page-title.js';

type State =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; result: EchoPathsResult }
  | { phase: 'failed'; title: string; detail?: string };

/**
 * `/lab/echo-paths`: three real connections from the server to its own WebSocket echo, side by
 * side (HTTP/1.1 Upgrade; h2c Upgrade then RFC 8441; HTTP/2 prior knowledge then RFC 8441), and
 * a table of what differs on the wire.
 */
export function EchoPathsPage() {
  usePageTitle('Lab: three ways to reach the echo');
  const [state, setState] = useState<State>({ phase: 'idle' });

  const run = async () => {
    setState({ phase: 'running' });
    try {
      setState({ phase: 'done', result: await runEchoPaths() });
    } catch (e) {
      setState(
        e instanceof ApiProblemError
          ? { phase: 'failed', title: e.title, ...(e.detail ? { detail: e.detail } : {}) }
          : { phase: 'failed', title: 'Run failed', detail: String(e) },
      );
    }
  };

  const paths = state.phase === 'done' ? state.result.paths : [];
  return (
    <section aria-labelledby="echo-paths-title">
      <h1 id="echo-paths-title" className="text-2xl font-semibold">
        Lab: three ways to reach the echo
      </h1>
      <p className="mt-2 max-w-3xl text-zinc-700 dark:text-zinc-300">
        The same WebSocket echo, <span className="font-mono">/ws/echo</span>, reached over three
        real connections from this server to itself: an HTTP/1.1 Upgrade answered{' '}
        <span className="font-mono">101</span>, an h2c Upgrade followed by an RFC 8441 extended
        CONNECT (<span className="font-mono">101</span>, then <span className="font-mono">200</span>
        ), and HTTP/2 with prior knowledge (<span className="font-mono">200</span>, no 101 at all).
        Each sends one text message, reads the echo and closes cleanly. Background:{' '}
        <Link className="text-teal-700 underline dark:text-teal-300" to="/status/101">
          101 Switching Protocols
        </Link>
        , and the guided{' '}
        <Link className="text-teal-700 underline dark:text-teal-300" to="/lab/101">
          101 lab
        </Link>
        .
      </p>
      <button
        type="button"
        onClick={() => void run()}
        disabled={state.phase === 'running'}
        className="mt-4 rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-60"
      >
        {state.phase === 'running' ? 'Running…' : state.phase === 'done' ? 'Run again' : 'Run'}
      </button>
      <div aria-live="polite" className="mt-3">
        {state.phase === 'failed' ? (
          <p role="alert" className="text-rose-700 dark:text-rose-300">
            {state.title}
            {state.detail ? `: ${state.detail}` : ''}
          </p>
        ) : null}
        {state.phase === 'done' ? (
          <p data-testid="echo-paths-summary" className="text-sm">
            {state.result.paths.every((p) => p.ok)
              ? 'All three paths reached the echo and closed cleanly.'
              : `${state.result.paths.filter((p) => !p.ok).length} of 3 paths failed.`}
          </p>
        ) : null}
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-3">
        {PATH_ORDER.map((key) => (
          <EchoPathColumn key={key} pathKey={key} path={paths.find((p) => p.key === key)} />
        ))}
      </div>
      {state.phase === 'done' ? (
        <section aria-labelledby="echo-paths-diff" className="mt-8">
          <h2 id="echo-paths-diff" className="text-lg font-semibold">
            What differs on the wire
          </h2>
          <EchoPathsTable paths={paths} />
        </section>
      ) : null}
    </section>
  );
}
