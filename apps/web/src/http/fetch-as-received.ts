/**
 * Calls a URL with fetch and keeps the response as the browser exposes it: status code, reason
 * phrase, the protocol actually used (Resource Timing's nextHopProtocol), headers in the order
 * fetch lists them, and the body as text (bounded). Fetch hides some things by design (Fetch
 * standard): names are lower-cased and sorted, repeated fields are combined, interim 1xx
 * responses are never surfaced, and a redirect answered with `redirect: 'manual'` is opaque.
 */

/** Characters of body kept for display; the rest is counted, not shown. */
export const BODY_PREVIEW_LIMIT = 64 * 1024;

export type FetchOutcome =
  | {
      kind: 'response';
      /** e.g. `HTTP/1.1 418 I'm a teapot` */
      statusLine: string;
      status: number;
      headers: [string, string][];
      body: string;
      /** Characters of body not shown (0 when all is shown). */
      bodyOmitted: number;
    }
  | { kind: 'opaque-redirect' }
  | { kind: 'network-error'; message: string };

/** Maps an ALPN-style protocol id (`http/1.1`, `h2`, `h3`) to its HTTP-version text. */
export function httpVersionLabel(nextHopProtocol: string | undefined): string {
  switch ((nextHopProtocol ?? '').toLowerCase()) {
    case 'http/1.1':
      return 'HTTP/1.1';
    case 'http/1.0':
      return 'HTTP/1.0';
    case 'h2':
    case 'h2c':
      return 'HTTP/2';
    case 'h3':
      return 'HTTP/3';
    default:
      return 'HTTP/?';
  }
}

function protocolOf(url: string): string | undefined {
  const entries = globalThis.performance?.getEntriesByName?.(url, 'resource') as
    PerformanceResourceTiming[] | undefined;
  return entries?.[entries.length - 1]?.nextHopProtocol;
}

/** Fetches `url` (absolute) and returns what was received; never throws. */
export async function fetchAsReceived(url: string, init: RequestInit = {}): Promise<FetchOutcome> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', redirect: 'manual', ...init });
  } catch (err) {
    return { kind: 'network-error', message: err instanceof Error ? err.message : String(err) };
  }
  if (response.type === 'opaqueredirect') return { kind: 'opaque-redirect' };
  let text = '';
  try {
    text = await response.text();
  } catch (err) {
    text = '';
    return {
      kind: 'network-error',
      message: `reading the body failed: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  const version = httpVersionLabel(protocolOf(response.url || url));
  // RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ].
  const statusLine = `${version} ${response.status} ${response.statusText}`.trimEnd();
  return {
    kind: 'response',
    statusLine,
    status: response.status,
    headers: [...response.headers],
    body: text.slice(0, BODY_PREVIEW_LIMIT),
    bodyOmitted: Math.max(0, text.length - BODY_PREVIEW_LIMIT),
  };
}

/** The exchange id named by a captured response (`X-Switchyard-Capture`), if it is a plain id. */
export function captureIdOf(headers: [string, string][]): string | undefined {
  const value = headers
    .find(([name]) => name.toLowerCase() === 'x-switchyard-capture')?.[1]
    ?.trim();
  if (!value) return undefined;
  const match = /^(?:\/x\/)?([A-Za-z0-9_-]{8,128})$/.exec(value);
  return match?.[1];
}
