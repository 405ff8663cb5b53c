import { useState } from 'react';
import { Link } from 'react-router';
import { Composer } from '../composer/composer.js';
import type { ComposedRequest } from '../composer/request-model.js';
import { takePlaygroundHandoff } from '../history/playground-handoff.js';
import { ProbeSession } from '../playground/probe-session.js';
import { ApiProblemError } from '../http/post-json.js';
import { startProbe, type ProbeStarted } from '../playground/probe-api.js';
import { SendBar, type SendError } from '../playground/send-bar.js';
import { useLint } from '../warnings/use-lint.js';
import { usePageTitle } from './page-title.js';

/** `/`: compose a request, send it through the probe, and follow the exchange live. */
export function PlaygroundPage() {
  usePageTitle('');
  const lint = useLint();
  // "Open in playground" on /x/{id} hands a captured request over (read once, on mount).
  const [handoff] = useState(() => takePlaygroundHandoff());
  const [server, setServer] = useState(() => window.location.origin);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<SendError | null>(null);
  const [started, setStarted] = useState<ProbeStarted | null>(null);

  const send = async (request: ComposedRequest) => {
    setSending(true);
    setError(null);
    try {
      setStarted(await startProbe(server, request));
    } catch (e) {
      setError(
        e instanceof ApiProblemError
          ? { title: e.title, detail: e.detail }
          : { title: 'Send failed', detail: e instanceof Error ? e.message : undefined },
      );
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="playground-title">
      <h1 id="playground-title" className="text-2xl font-semibold">
        Playground
      </h1>
      <p className="mt-1 max-w-3xl text-zinc-700 dark:text-zinc-300">
        Compose a request, header by header, in the exact order and case you want. The panel shows
        the bytes it will put on the wire, with every CR and LF visible; Send hands them to the
        server&apos;s probe, which sends them as they are and records the exchange live. To see the
        same echo reached over HTTP/1.1 and over HTTP/2 side by side, open the lab{' '}
        <Link className="text-teal-700 underline dark:text-teal-300" to="/lab/echo-paths">
          three ways to reach the echo
        </Link>
        .
      </p>
      {handoff?.fromExchange ? (
        <p role="status" className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">
          Loaded from the capture{' '}
          <Link
            className="font-mono underline"
            to={`/x/${encodeURIComponent(handoff.fromExchange)}`}
          >
            /x/{handoff.fromExchange}
          </Link>
          ; edit it and send it again.
        </p>
      ) : null}
      <div className="mt-6">
        <Composer
          initial={handoff}
          server={server}
          footer={(request, update) => (
            <SendBar
              request={request}
              update={update}
              server={server}
              onServer={setServer}
              onSend={(r) => void send(r)}
              sending={sending}
              error={error}
              lint={lint}
            />
          )}
        />
      </div>
      {started ? (
        <div className="mt-10 border-t border-zinc-300 pt-6 dark:border-zinc-700">
          <ProbeSession key={started.id} started={started} lint={lint} />
        </div>
      ) : null}
    </section>
  );
}
