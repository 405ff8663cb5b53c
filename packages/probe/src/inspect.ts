/**
 * HTTP inspection helpers (pure): the caching headers of a response (RFC 9111) and the verdict
 * of a CORS preflight (Fetch standard, "CORS-preflight fetch" and "CORS check").
 */
import type { HeaderList } from '@switchyard/exchange';

function values(headers: HeaderList, name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
}

function joined(headers: HeaderList, name: string): string | undefined {
  const all = values(headers, name);
  return all.length === 0 ? undefined : all.join(', ');
}

/** The caching-relevant fields of a response, as sent. */
export interface CachingReport {
  /** RFC 9111 §5.2 */
  cacheControl?: string;
  /** RFC 9110 §8.8.3 */
  etag?: string;
  /** RFC 9110 §12.5.5 */
  vary?: string;
  /** RFC 9111 §5.1 */
  age?: string;
  /** RFC 9110 §8.8.2 */
  lastModified?: string;
  /** RFC 9111 §5.3 */
  expires?: string;
  /** Plain-language observations (e.g. "no-store: not stored by any cache"). */
  notes: string[];
}

/** Reads the caching headers of a response head. */
export function cachingReport(headers: HeaderList): CachingReport {
  const report: CachingReport = { notes: [] };
  const set = (key: Exclude<keyof CachingReport, 'notes'>, name: string) => {
    const v = joined(headers, name);
    if (v !== undefined) report[key] = v;
  };
  set('cacheControl', 'cache-control');
  set('etag', 'etag');
  set('vary', 'vary');
  set('age', 'age');
  set('lastModified', 'last-modified');
  set('expires', 'expires');
  const directives = (report.cacheControl ?? '')
    .toLowerCase()
    .split(',')
    .map((d) => d.trim());
  if (directives.includes('no-store')) {
    report.notes.push('no-store: no cache may store this response (RFC 9111 §5.2.2.5)');
  }
  if (directives.includes('no-cache')) {
    report.notes.push('no-cache: caches must revalidate before reuse (RFC 9111 §5.2.2.4)');
  }
  if (report.vary?.trim() === '*') {
    report.notes.push('Vary: * — a cache cannot match a later request (RFC 9110 §12.5.5)');
  }
  if (values(headers, 'etag').length > 1) {
    report.notes.push('several ETag fields: ETag is a singleton field (RFC 9110 §8.8.3)');
  }
  if (report.cacheControl === undefined && report.expires === undefined) {
    report.notes.push('no Cache-Control or Expires: caches may apply heuristic freshness');
  }
  return report;
}

/** The outcome of a CORS preflight check for one Origin. */
export interface CorsReport {
  origin: string;
  method: string;
  requestHeaders: string[];
  /** The preflight response's status (absent when none came). */
  status?: number;
  allowOrigin?: string;
  allowMethods?: string;
  allowHeaders?: string;
  allowCredentials?: string;
  maxAge?: string;
  /** Whether a browser would let the actual request go ahead. */
  allowed: boolean;
  /** Why not (or notes when allowed). */
  reasons: string[];
}

/** Fetch standard: CORS-safelisted methods need no Access-Control-Allow-Methods entry. */
const SAFELISTED_METHODS = new Set(['GET', 'HEAD', 'POST']);

/** Fetch standard "CORS-safelisted request-header" names (value checks aside). */
const SAFELISTED_HEADERS = new Set([
  'accept',
  'accept-language',
  'content-language',
  'content-type',
  'range',
]);

/** Header names a browser would list in Access-Control-Request-Headers for this request. */
export function nonSafelistedHeaders(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const n of names) {
    const lower = n.toLowerCase();
    // Forbidden request-headers (Host, Connection, Sec-*, ...) are set by the browser itself.
    if (lower === 'host' || lower === 'connection' || lower.startsWith('sec-')) continue;
    if (lower === 'upgrade' || lower === 'origin' || lower === 'content-length') continue;
    if (!SAFELISTED_HEADERS.has(lower)) out.add(lower);
  }
  return [...out].sort();
}

function listIncludes(list: string | undefined, item: string, caseSensitive: boolean): boolean {
  if (list === undefined) return false;
  return list
    .split(',')
    .map((s) => s.trim())
    .some((s) => s === '*' || (caseSensitive ? s === item : s.toLowerCase() === item));
}

/** Evaluates a preflight response the way the Fetch standard's CORS-preflight fetch does. */
export function corsVerdict(
  origin: string,
  method: string,
  requestHeaders: string[],
  response: { status: number; headers: HeaderList } | undefined,
): CorsReport {
  const report: CorsReport = { origin, method, requestHeaders, allowed: false, reasons: [] };
  if (response === undefined) {
    report.reasons.push('no response to the preflight');
    return report;
  }
  report.status = response.status;
  const h = response.headers;
  const take = (
    key: 'allowOrigin' | 'allowMethods' | 'allowHeaders' | 'allowCredentials' | 'maxAge',
    name: string,
  ) => {
    const v = joined(h, name);
    if (v !== undefined) report[key] = v;
  };
  take('allowOrigin', 'access-control-allow-origin');
  take('allowMethods', 'access-control-allow-methods');
  take('allowHeaders', 'access-control-allow-headers');
  take('allowCredentials', 'access-control-allow-credentials');
  take('maxAge', 'access-control-max-age');
  // Fetch: a preflight response must have an ok status (200-299).
  if (response.status < 200 || response.status > 299) {
    report.reasons.push(`preflight status ${response.status} is not an ok status (200-299)`);
  }
  const acao = values(h, 'access-control-allow-origin');
  if (acao.length !== 1) {
    report.reasons.push(
      acao.length === 0
        ? 'no Access-Control-Allow-Origin'
        : 'several Access-Control-Allow-Origin fields',
    );
  } else if (acao[0]!.trim() !== '*' && acao[0]!.trim() !== origin) {
    report.reasons.push(`Access-Control-Allow-Origin is ${acao[0]}, not ${origin} or *`);
  }
  // Method names are case-sensitive (RFC 9110 §9.1).
  if (!SAFELISTED_METHODS.has(method) && !listIncludes(report.allowMethods, method, true)) {
    report.reasons.push(`method ${method} is not in Access-Control-Allow-Methods`);
  }
  for (const name of requestHeaders) {
    if (!listIncludes(report.allowHeaders, name, false)) {
      report.reasons.push(`header ${name} is not in Access-Control-Allow-Headers`);
    }
  }
  report.allowed = report.reasons.length === 0;
  return report;
}
