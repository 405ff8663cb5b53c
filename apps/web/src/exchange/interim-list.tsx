import type { InterimResponse } from '@switchyard/exchange';
import { RawBytesView } from '../bytes/raw-bytes-view.js';
import { formatMicros } from './frame-format.js';

/** Interim 1xx responses (RFC 9110 §15.2) in the order sent, before the final response. */
export function InterimList({
  interim,
  httpVersion,
}: {
  interim: InterimResponse[];
  httpVersion: string;
}) {
  if (interim.length === 0) return null;
  return (
    <section aria-labelledby="interim-title" className="mt-6">
      <h2 id="interim-title" className="text-lg font-semibold">
        Interim responses ({interim.length})
      </h2>
      <ol className="mt-2 grid gap-3">
        {interim.map((response, index) => (
          <li key={index}>
            <RawBytesView
              title={`${response.status} ${response.reason} at ${formatMicros(response.time)} (rebuilt from the recorded fields)`}
              text={
                [
                  `HTTP/${httpVersion} ${response.status} ${response.reason}`,
                  ...response.headers.map(([name, value]) => `${name}: ${value}`),
                ].join('\r\n') + '\r\n\r\n'
              }
            />
          </li>
        ))}
      </ol>
    </section>
  );
}
