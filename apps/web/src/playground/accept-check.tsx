import type { Exchange } from '@switchyard/exchange';
import type { LintModule } from '../warnings/use-lint.js';

const field = (headers: [string, string][], name: string) =>
  headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];

/**
 * Expected versus received Sec-WebSocket-Accept. RFC 6455 §4.2.2 (step 5.4): the server answers
 * base64(SHA-1(key + GUID)); §4.1: the client fails the connection when the value differs.
 * The expected value is computed here, in the browser, with the lint package.
 */
export function AcceptCheck({
  exchange,
  lint,
}: {
  exchange: Exchange;
  lint: LintModule | undefined;
}) {
  const key = field(exchange.request.headers, 'Sec-WebSocket-Key');
  if (key === undefined) return null;
  const received = exchange.response
    ? field(exchange.response.headers, 'Sec-WebSocket-Accept')
    : undefined;
  const expected = lint?.expectedAccept(key);
  const match = expected !== undefined && received !== undefined && received.trim() === expected;
  return (
    <section aria-label="Sec-WebSocket-Accept check" className="min-w-0 text-sm">
      <h2 className="text-lg font-semibold">Sec-WebSocket-Accept</h2>
      <dl className="mt-1 grid grid-cols-[6rem_1fr] gap-x-3 font-mono text-xs">
        <dt className="font-sans font-medium">Key</dt>
        <dd className="break-all">{key}</dd>
        <dt className="font-sans font-medium">Expected</dt>
        <dd className="break-all" data-testid="accept-expected">
          {expected ?? '…'}
        </dd>
        <dt className="font-sans font-medium">Received</dt>
        <dd className="break-all" data-testid="accept-received">
          {received ?? (exchange.response ? '(absent)' : '(no response yet)')}
        </dd>
      </dl>
      {exchange.response && expected !== undefined ? (
        <p
          data-testid="accept-verdict"
          className={`mt-1 font-medium ${match ? 'text-emerald-700 dark:text-emerald-300' : 'text-rose-700 dark:text-rose-300'}`}
        >
          {match
            ? 'Match: the server proved it read the key (RFC 6455 §4.2.2).'
            : 'Mismatch: a client must fail this connection (RFC 6455 §4.1).'}
        </p>
      ) : null}
    </section>
  );
}
