import { Link } from 'react-router';
import { Composer } from '../composer/composer.js';
import { usePageTitle } from './page-title.js';

/** `/`: compose an upgrade request and see its exact bytes. Sending arrives with the probe. */
export function PlaygroundPage() {
  usePageTitle('');
  return (
    <section aria-labelledby="playground-title">
      <h1 id="playground-title" className="text-2xl font-semibold">
        Playground
      </h1>
      <p className="mt-1 max-w-3xl text-zinc-700 dark:text-zinc-300">
        Compose a request, header by header, in the exact order and case you want. The panel shows
        the bytes it would put on the wire, with every CR and LF visible.
      </p>
      <div
        role="note"
        className="mt-3 max-w-3xl rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950 dark:border-sky-700 dark:bg-sky-950/40 dark:text-sky-100"
      >
        Sending arrives with the probe: for now the composer shows the bytes but does not send them.
        Meanwhile the{' '}
        <Link className="underline" to="/status">
          status pages
        </Link>{' '}
        have a <strong>Try it</strong> button that calls the simulator for real.
      </div>
      <div className="mt-6">
        <Composer />
      </div>
    </section>
  );
}
