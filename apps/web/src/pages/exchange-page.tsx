import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isInProgress } from '../exchange/exchange-progress.js';
import { ExchangeView } from '../exchange/exchange-view.js';
import { REFRESH_INTERVAL_MS, useExchangeSnapshots } from '../exchange/use-exchange-snapshots.js';
import { usePageTitle } from './page-title.js';

/**
 * `/x/{id}`: a captured exchange, read-only, loaded from `/api/exchanges/{id}`. An exchange still
 * in progress (a live snapshot of an active capture) is re-fetched until it ends.
 */
export function ExchangePage() {
  const id = useParams().id ?? '';
  const snapshots = useExchangeSnapshots(id);
  const { result } = snapshots;
  // The id this page has seen in progress, so an end while watched can be said as such.
  const [sawInProgress, setSawInProgress] = useState('');
  if (result?.kind === 'ok' && isInProgress(result.exchange) && sawInProgress !== id) {
    setSawInProgress(id);
  }
  usePageTitle(`Exchange ${id}`);

  if (result === null) {
    return (
      <p role="status" className="text-zinc-600 dark:text-zinc-400">
        Loading exchange…
      </p>
    );
  }
  if (result.kind === 'ok') {
    return (
      <ExchangeView
        exchange={result.exchange}
        live={{
          checkedAt: snapshots.checkedAt,
          refreshing: snapshots.refreshing,
          refreshError: snapshots.refreshError,
          autoRefresh: snapshots.autoRefresh,
          intervalSeconds: REFRESH_INTERVAL_MS / 1000,
          reload: snapshots.reload,
          sawInProgress: sawInProgress === id,
        }}
      />
    );
  }
  const notFound = result.kind === 'problem' && result.status === 404;
  return (
    <section role="alert" aria-labelledby="exchange-error-title" className="max-w-2xl">
      <h1 id="exchange-error-title" className="text-2xl font-semibold">
        {notFound ? 'No exchange with this link' : 'The exchange could not be loaded'}
      </h1>
      <p className="mt-2">
        {notFound
          ? 'The id may be mistyped, or the capture has expired under the retention policy.'
          : 'The server or the network failed; try again later.'}
      </p>
      <dl className="mt-3 grid grid-cols-[5rem_1fr] gap-x-4 text-sm sm:grid-cols-[6rem_1fr]">
        <dt className="font-medium">Id</dt>
        <dd className="font-mono break-all">{id}</dd>
        {result.kind === 'problem' ? (
          <>
            <dt className="font-medium">Status</dt>
            <dd>{result.status}</dd>
            {result.problem.title ? (
              <>
                <dt className="font-medium">Problem</dt>
                <dd>{result.problem.title}</dd>
              </>
            ) : null}
            {result.problem.detail ? (
              <>
                <dt className="font-medium">Detail</dt>
                <dd className="break-words">{result.problem.detail}</dd>
              </>
            ) : null}
          </>
        ) : (
          <>
            <dt className="font-medium">Error</dt>
            <dd className="break-words">{result.message}</dd>
          </>
        )}
      </dl>
      <p className="mt-4">
        <Link className="text-teal-700 underline dark:text-teal-300" to="/">
          Back to the playground
        </Link>
      </p>
    </section>
  );
}
