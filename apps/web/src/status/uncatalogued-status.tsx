import { Link } from 'react-router';
import type { StatusEntry } from '@switchyard/catalog';
import { classLabels } from './class-labels.js';

/**
 * A code in 100..599 with no catalog entry. RFC 9110 §15: a client that does not recognise a
 * status code treats it as the x00 code of its class.
 */
export function UncataloguedStatus({
  code,
  classEntry,
}: {
  code: number;
  classEntry: StatusEntry | undefined;
}) {
  return (
    <article aria-labelledby="status-title">
      <h1 id="status-title" className="text-3xl font-semibold">
        <span className="font-mono">{code}</span> (no catalog entry)
      </h1>
      <p className="mt-2 max-w-3xl">
        {code} is neither registered with IANA nor a well-known unregistered code in Switchyard's
        catalog. By{' '}
        <a
          className="text-teal-700 underline dark:text-teal-300"
          href="https://www.rfc-editor.org/rfc/rfc9110#section-15"
          rel="noopener noreferrer"
        >
          RFC 9110 §15
        </a>{' '}
        a client that does not recognise it treats it as{' '}
        {classEntry ? (
          <Link
            className="text-teal-700 underline dark:text-teal-300"
            to={`/status/${classEntry.code}`}
          >
            {classEntry.code} {classEntry.reason}
          </Link>
        ) : (
          `${Math.floor(code / 100)}00`
        )}
        {classEntry ? ` (${classLabels[classEntry.class]})` : ''}.
      </p>
    </article>
  );
}
