import { Link } from 'react-router';
import { LabStepCard } from '../lab/lab-step-card.js';
import { labSteps } from '../lab/lab-steps.js';
import { usePageTitle } from './page-title.js';

/**
 * `/lab/101`: a guided lab. Each step sends a prepared request through the probe (so the exact
 * bytes go out, including ones a browser would never send), then checks the user's own capture.
 */
export function LabPage() {
  usePageTitle('Lab: 101 Switching Protocols');
  const origin = globalThis.location?.origin ?? 'http://localhost';
  return (
    <section aria-labelledby="lab-title" className="max-w-3xl">
      <h1 id="lab-title" className="text-2xl font-semibold">
        Lab: 101 Switching Protocols
      </h1>
      <p className="mt-2 text-zinc-700 dark:text-zinc-300">
        Make a connection switch protocols, then break the handshake the ways real clients and
        proxies do, and read what the warnings say. Each button sends the request shown, exactly,
        from this server's probe; the check reads your own capture. Background:{' '}
        <Link className="text-teal-700 underline dark:text-teal-300" to="/status/101">
          101 Switching Protocols
        </Link>
        ; every warning links to its{' '}
        <Link className="text-teal-700 underline dark:text-teal-300" to="/rules">
          rule
        </Link>
        .
      </p>
      <p className="mt-2 text-zinc-700 dark:text-zinc-300">
        Next:{' '}
        <Link className="text-teal-700 underline dark:text-teal-300" to="/lab/echo-paths">
          three ways to reach the echo
        </Link>{' '}
        (HTTP/1.1 Upgrade, h2c then RFC 8441, HTTP/2 prior knowledge), side by side.
      </p>
      {/* minmax(0, 1fr): a wide request block scrolls inside its card instead of widening the page. */}
      <ol className="mt-6 grid grid-cols-1 gap-6">
        {labSteps.map((step, index) => (
          <LabStepCard key={step.id} step={step} number={index + 1} origin={origin} />
        ))}
      </ol>
    </section>
  );
}
