import type { InterimResponse } from '@switchyard/exchange';
import { RawBytesView } from '../bytes/raw-bytes-view.js';
import { formatMicros } from './frame-format.js';
import { http2FieldLines, isHttp2Version } from './head-text.js';

/**
 * The version a 1xx went out in: the exchange's, except a 101 on an HTTP/2 exchange, which is the
 * HTTP/1.1 response that switched to h2c (RFC 7540 §3.2; HTTP/2 itself has no 101, RFC 9113 §8.6).
 */
function versionOf(response: InterimResponse, httpVersion: string): string {
  return response.status === 101 && isHttp2Version(httpVersion) ? '1.1' : httpVersion;
}

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
            {isHttp2Version(httpVersion) && response.status !== 101 ? (
              // RFC 9113 §8.1: an informational HEADERS frame; no reason phrase (§8.3.2).
              <RawBytesView
                title={`${response.status} at ${formatMicros(response.time)} (HTTP/2 HEADERS, decoded)`}
                text={http2FieldLines([[':status', String(response.status)]], response.headers)}
                lineFeeds="plain"
                showBytes={false}
              />
            ) : (
              <RawBytesView
                title={`${response.status} ${response.reason} at ${formatMicros(response.time)} (rebuilt from the recorded fields)`}
                text={
                  [
                    `HTTP/${versionOf(response, httpVersion)} ${response.status} ${response.reason}`,
                    ...response.headers.map(([name, value]) => `${name}: ${value}`),
                  ].join('\r\n') + '\r\n\r\n'
                }
              />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
