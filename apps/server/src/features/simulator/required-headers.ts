/**
 * The header fields each status requires or conventionally carries, with the simulator's
 * defaults. The catalog's `headers[].simulatorDefault` wins when it has one; the table below
 * covers what the issue lists so the simulator is right even before the catalog is complete.
 * Every default can be replaced (or removed with an empty value) by the `header` option.
 */
import type { StatusInfo } from './status-info.js';
import { SAMPLE, unsatisfiedRange } from './ranges.js';

export interface HeaderContext {
  /** `http://host:port` of this request when its Host is usable, else '' (relative URLs). */
  origin: string;
  /** The request's method; when given, a 405's Allow leaves it out (see allowFor). */
  method?: string;
}

/** Defaults by code: [name, value, why]. `{origin}` is replaced by the request's origin. */
const DEFAULTS: Record<number, [string, string, string][]> = {
  // RFC 9110 §15.3.2: a 201 identifies the primary resource created, by Location.
  201: [['Location', '{origin}/api/status/200', 'RFC 9110 §15.3.2']],
  // RFC 9110 §15.4: 3xx that redirect carry Location (§15.4.2-§15.4.9); 300 SHOULD when preferred.
  300: [['Location', '{origin}/api/status/200', 'RFC 9110 §15.4.1']],
  301: [['Location', '{origin}/api/status/200', 'RFC 9110 §15.4.2']],
  302: [['Location', '{origin}/api/status/200', 'RFC 9110 §15.4.3']],
  303: [['Location', '{origin}/api/status/200', 'RFC 9110 §15.4.4']],
  307: [['Location', '{origin}/api/status/200', 'RFC 9110 §15.4.8']],
  308: [['Location', '{origin}/api/status/200', 'RFC 9110 §15.4.9']],
  // RFC 9110 §15.5.2: a 401 MUST send WWW-Authenticate with at least one challenge.
  401: [['WWW-Authenticate', 'Basic realm="switchyard", charset="UTF-8"', 'RFC 9110 §15.5.2']],
  // RFC 9110 §15.5.6: a 405 MUST send Allow listing the supported methods.
  405: [['Allow', 'GET, HEAD, OPTIONS', 'RFC 9110 §15.5.6']],
  // RFC 9110 §15.5.8: a 407 MUST send Proxy-Authenticate.
  407: [['Proxy-Authenticate', 'Basic realm="switchyard-proxy"', 'RFC 9110 §15.5.8']],
  // RFC 9110 §15.5.17: a 416 to a byte-range request SHOULD send Content-Range: bytes */length.
  416: [['Content-Range', unsatisfiedRange(Buffer.byteLength(SAMPLE)), 'RFC 9110 §15.5.17']],
  // RFC 9110 §15.5.22: a 426 MUST send Upgrade naming the required protocol(s).
  426: [['Upgrade', 'websocket', 'RFC 9110 §15.5.22']],
  // RFC 6585 §4 and RFC 9110 §15.6.4: Retry-After MAY say how long to wait.
  429: [['Retry-After', '5', 'RFC 6585 §4']],
  503: [['Retry-After', '5', 'RFC 9110 §15.6.4']],
};

/** Per status: the defaults with `{origin}` unresolved, computed once (StatusInfo is immutable). */
const templates = new WeakMap<StatusInfo, readonly [string, string][]>();

function templatesOf(info: StatusInfo): readonly [string, string][] {
  const known = templates.get(info);
  if (known) return known;
  const out = new Map<string, [string, string]>();
  for (const [name, value] of DEFAULTS[info.code] ?? []) {
    out.set(name.toLowerCase(), [name, value]);
  }
  for (const requirement of info.entry?.headers ?? []) {
    if (requirement.simulatorDefault === undefined || requirement.level === 'optional') continue;
    // The computed ones (Content-Range of 206/416, Upgrade of 101) stay the simulator's own.
    const lower = requirement.name.toLowerCase();
    if (lower === 'content-range' || (info.code === 101 && lower === 'upgrade')) continue;
    // Connection is hop-by-hop and the server's to manage (respond.ts adds "upgrade" to it).
    if (lower === 'connection') continue;
    out.set(lower, [requirement.name, requirement.simulatorDefault]);
  }
  const list = [...out.values()];
  templates.set(info, list);
  return list;
}

/** Whether a default of this status is an absolute URL built from the request's origin. */
export function needsOrigin(info: StatusInfo): boolean {
  return templatesOf(info).some(([, value]) => value.includes('{origin}'));
}

/**
 * The defaults for a status, in the order they should appear. Lower-case names are unique.
 */
export function defaultHeaders(info: StatusInfo, ctx: HeaderContext): [string, string][] {
  return templatesOf(info).map(([name, value]) => {
    if (info.code === 405 && ctx.method !== undefined && name.toLowerCase() === 'allow') {
      return [name, allowFor(ctx.method)];
    }
    return [name, value.replaceAll('{origin}', ctx.origin)];
  });
}

/**
 * The simulated 405's Allow for a request method. RFC 9110 §15.5.6: 405 means the method
 * received is not supported by the target resource, and Allow lists the methods it does
 * support, so it never names the method used. HEAD goes with GET (§9.3.2: HEAD is GET without
 * content, and its response carries the same fields, Allow included): a GET or HEAD request is
 * told the resource takes POST; any other method is told GET, HEAD.
 */
export function allowFor(method: string): string {
  return method === 'GET' || method === 'HEAD' ? 'POST' : 'GET, HEAD';
}

/** Origin for absolute defaults: only a Host that looks like host[:port] is echoed back. */
export function originOf(host: string | undefined, protocol: string): string {
  if (
    host === undefined ||
    !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)
  ) {
    return '';
  }
  return `${protocol}://${host}`;
}
