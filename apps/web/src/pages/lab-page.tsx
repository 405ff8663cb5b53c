import { Link } from 'react-router';
import { usePageTitle } from './page-title.js';
import { UpcomingNotice } from './upcoming-notice.js';

/** `/lab/101`: the guided lab, once sending and capture are available. */
export function LabPage() {
  usePageTitle('Lab: 101 Switching Protocols');
  return (
    <section aria-labelledby="lab-title" className="max-w-3xl">
      <h1 id="lab-title" className="text-2xl font-semibold">
        Lab: 101 Switching Protocols
      </h1>
      <UpcomingNotice>
        A guided lab will walk you through producing a 101, breaking it the common ways and reading
        the warnings, checking each step against your own captures. It needs the probe and the lint
        rules, which are still being built. Meanwhile, read{' '}
        <Link className="text-teal-700 underline dark:text-teal-300" to="/status/101">
          101 Switching Protocols
        </Link>{' '}
        and compose a handshake in the{' '}
        <Link className="text-teal-700 underline dark:text-teal-300" to="/">
          playground
        </Link>
        .
      </UpcomingNotice>
    </section>
  );
}
