/**
 * A probe exchange made fit to share (the CLI's `--har` file): the same credential rules as the
 * server applies before storage (`redactExchange` of packages/exchange: Authorization,
 * Proxy-Authorization, Cookie, Set-Cookie, the `token` query value), extended to the fields
 * only the probe records:
 * - `endpoint` and `probe.url`, the full URL the probe was given, whose query may hold a token;
 * - `probe.sentBase64` / `probe.receivedBase64`, the exact bytes on the wire;
 * - `probe.redirect.location` / `.next`, where a redirect's query may hold a token.
 * Values are replaced by `[redacted]`; the record's `redactions` lists what was replaced.
 */
import {
  REDACTED,
  redactExchange,
  redactTarget,
  type HeaderList,
  type RedactOptions,
  type Redaction,
} from '@switchyard/exchange';
import type { ProbeExchange } from './types.js';

/** Shortest credential value scrubbed from raw bytes (as in packages/exchange redact.ts). */
const MIN_SECRET = 3;

/** Values that redaction replaced between `before` and `after` (same order, same length). */
function replacedValues(before: HeaderList, after: HeaderList, into: Set<string>): void {
  before.forEach(([, value], i) => {
    if (after[i]?.[1] === REDACTED && value !== REDACTED && value.trim() !== '') {
      into.add(value.trim());
    }
  });
}

/** Replaces every secret in base64-encoded bytes (read as latin1, as heads are, RFC 9110 §5.5). */
function scrubBase64(base64: string, secrets: readonly string[]): string {
  const text = Buffer.from(base64, 'base64').toString('latin1');
  const clean = secrets.reduce((t, secret) => t.split(secret).join(REDACTED), text);
  return clean === text ? base64 : Buffer.from(clean, 'latin1').toString('base64');
}

/**
 * A copy of `exchange` with credentials redacted everywhere the probe recorded them (see the
 * module comment). Idempotent; `options` as for `redactExchange`.
 */
export function redactProbeExchange(
  exchange: ProbeExchange,
  options: RedactOptions = {},
): ProbeExchange {
  const clean = redactExchange(exchange, options) as ProbeExchange;
  const redactions: Redaction[] = [...clean.redactions];
  const note = (redaction: Redaction) => {
    const same = (r: Redaction) =>
      r.location === redaction.location && r.name === redaction.name && r.index === redaction.index;
    if (!redactions.some(same)) redactions.push(redaction);
  };
  const secrets = new Set<string>();
  replacedValues(exchange.request.headers, clean.request.headers, secrets);
  exchange.interim.forEach((r, i) => replacedValues(r.headers, clean.interim[i]!.headers, secrets));
  if (exchange.response && clean.response) {
    replacedValues(exchange.response.headers, clean.response.headers, secrets);
  }
  /** The URL with its credential query values replaced (names listed as `query`). */
  const url = (text: string): string => {
    const red = redactTarget(text, options);
    for (const value of red.values) secrets.add(value);
    for (const name of red.names) note({ location: 'query', name });
    return red.target;
  };
  url(exchange.request.target);
  const endpoint = url(clean.endpoint);
  const probe = { ...clean.probe, url: url(clean.probe.url) };
  if (probe.redirect) {
    probe.redirect = { ...probe.redirect, location: url(probe.redirect.location) };
    if (probe.redirect.next !== undefined) probe.redirect.next = url(probe.redirect.next);
  }
  let response = clean.response;
  if (response) {
    // RFC 9110 §10.2.2: a redirect's Location may carry the token on to the next request.
    const headers = response.headers.map(([name, value], index): [string, string] => {
      if (name.toLowerCase() !== 'location') return [name, value];
      const safe = url(value);
      if (safe !== value) note({ location: 'response-header', name, index });
      return [name, safe];
    });
    response = { ...response, headers };
  }
  const list = [...secrets]
    .filter((s) => s.length >= MIN_SECRET && s !== REDACTED)
    .sort((a, b) => b.length - a.length);
  if (list.length > 0) {
    probe.sentBase64 = scrubBase64(probe.sentBase64, list);
    probe.receivedBase64 = scrubBase64(probe.receivedBase64, list);
    if (response?.raw !== undefined) {
      const raw = scrubBase64(response.raw, list);
      if (raw !== response.raw) {
        response = { ...response, raw };
        note({ location: 'response-raw', name: 'raw' });
      }
    }
  }
  const result: ProbeExchange = { ...clean, endpoint, probe, redactions };
  if (response) result.response = response;
  return result;
}
