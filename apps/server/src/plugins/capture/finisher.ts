/**
 * Completes finished exchanges off the response path (issue 4: capture writes are batched off
 * the request path). A recorder's `finish()` only hands its record over; the finisher queues it
 * and later redacts, lints and stores the whole batch. Until then `peek(id)` still serves the
 * exchange (redacted and linted on demand), so a share link works the moment it is handed out.
 *
 * When: an exchange that finishes while the server is idle is completed once the current I/O
 * callbacks are done (`setImmediate`). While exchanges keep finishing (the previous batch ran
 * less than a window ago), they are gathered for up to one window (default 20 ms, or until
 * `maxBatch` are queued) and completed together: linting many records in a row instead of one
 * per event-loop turn roughly halves lint's CPU cost per exchange under load (issue 4 bench,
 * ws-handshake with capture on), because its code and data stay hot.
 *
 * Durability: the queue holds at most one window of exchanges (or `maxBatch`); the store's own
 * batch window (see storage/sqlite-store.ts) bounds the rest.
 */
import {
  DEFAULT_REDACT_HEADERS,
  redactExchange,
  type Exchange,
  type HeaderList,
} from '@switchyard/exchange';
import { lintExchange } from '@switchyard/lint';

/** What the finisher feeds: the store's `put` (errors are its caller's to log). */
export type StoreExchange = (exchange: Exchange) => void;

/**
 * The stored form of a captured exchange: credentials redacted, then linted. Issue 5: every
 * stored exchange carries its lint findings (lint is pure and never throws). Never mutates
 * `captured`.
 */
export function completeExchange(captured: Exchange): Exchange {
  const exchange = mayNeedRedaction(captured) ? redactExchange(captured) : { ...captured };
  exchange.findings = lintExchange(exchange);
  return exchange;
}

const CREDENTIAL_FIELDS = new Set<string>(DEFAULT_REDACT_HEADERS);

/**
 * A field line naming a credential field, in a raw head: leading and trailing whitespace
 * allowed (`\s` is the set `String#trim` removes, which is what redaction compares after).
 */
const CREDENTIAL_LINE = new RegExp(
  String.raw`(?:^|\n)\s*(?:${DEFAULT_REDACT_HEADERS.join('|')})\s*:`,
  'i',
);

function hasCredentialField(headers: HeaderList): boolean {
  for (const [name] of headers) if (CREDENTIAL_FIELDS.has(name.toLowerCase())) return true;
  return false;
}

function rawHasCredentialLine(raw: string | undefined): boolean {
  return raw !== undefined && CREDENTIAL_LINE.test(Buffer.from(raw, 'base64').toString('latin1'));
}

/**
 * False only when `redactExchange` (default rules) would change nothing: no query string in
 * the target, no credential field in any parsed head, and no line naming one in a raw head.
 * Previews and notes are scrubbed only of values found there, so they need no check. Most
 * exchanges carry no credentials, and this check is much cheaper than redaction (which
 * decodes and rebuilds every raw head).
 */
export function mayNeedRedaction(exchange: Exchange): boolean {
  if (exchange.request.target.includes('?')) return true;
  if (hasCredentialField(exchange.request.headers)) return true;
  for (const interim of exchange.interim) if (hasCredentialField(interim.headers)) return true;
  if (exchange.response && hasCredentialField(exchange.response.headers)) return true;
  return rawHasCredentialLine(exchange.request.raw) || rawHasCredentialLine(exchange.response?.raw);
}

/** Batching knobs of {@link ExchangeFinisher} (defaults in brackets). */
export interface FinisherOptions {
  /** Longest a finished exchange waits while exchanges keep finishing, ms [20]. */
  windowMs?: number;
  /** Queue length that ends a batch window early [128]. */
  maxBatch?: number;
  /** Monotonic clock in ms [performance.now]; tests pass their own. */
  now?: () => number;
}

/** A queue of finished exchanges, completed and stored in batches. */
export class ExchangeFinisher {
  private readonly queue = new Map<string, Exchange>();
  private immediate: NodeJS.Immediate | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly windowMs: number;
  private readonly maxBatch: number;
  private readonly now: () => number;
  /** When the last batch was completed (clock ms); -Infinity before the first. */
  private lastDrain = -Infinity;

  /** `onError` sees an exchange that could not be completed (it is then dropped, not stored). */
  constructor(
    private readonly store: StoreExchange,
    private readonly onError: (error: unknown, id: string) => void = () => {},
    options: FinisherOptions = {},
  ) {
    this.windowMs = Math.max(0, options.windowMs ?? 20);
    this.maxBatch = Math.max(1, options.maxBatch ?? 128);
    this.now = options.now ?? (() => performance.now());
  }

  /** Queues a finished exchange (as captured); it is completed and stored in a coming batch. */
  add(exchange: Exchange): void {
    this.queue.set(exchange.id, exchange);
    if (this.immediate) return;
    const busy = this.now() - this.lastDrain < this.windowMs;
    if (busy && this.queue.size < this.maxBatch) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.drain();
      }, this.windowMs);
      return;
    }
    // Idle (or a full batch): complete it once the current I/O callbacks are done.
    this.immediate = setImmediate(() => {
      this.immediate = undefined;
      this.drain();
    });
  }

  /** A queued exchange, completed (redacted, linted), or undefined when none is queued. */
  peek(id: string): Exchange | undefined {
    const queued = this.queue.get(id);
    return queued && completeExchange(queued);
  }

  /** Completes and stores everything queued, now. */
  drain(): void {
    if (this.immediate) clearImmediate(this.immediate);
    if (this.timer) clearTimeout(this.timer);
    this.immediate = undefined;
    this.timer = undefined;
    // Entries added while draining (none today: completion is synchronous) are taken too.
    for (const [id, exchange] of this.queue) {
      this.queue.delete(id);
      let completed: Exchange;
      try {
        completed = completeExchange(exchange);
      } catch (error) {
        this.onError(error, id);
        continue;
      }
      this.store(completed);
    }
    this.lastDrain = this.now();
  }

  /** Exchanges waiting to be completed. */
  get size(): number {
    return this.queue.size;
  }
}
