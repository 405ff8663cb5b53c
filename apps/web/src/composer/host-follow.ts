/**
 * Host follows the Server field. RFC 9110 §7.2: Host carries the target URI's authority
 * (`uri-host [ ":" port ]`), with the port left out when it is the scheme's default (http and ws
 * 80, https and wss 443: RFC 9110 §4.2.1, §4.2.2, RFC 6455 §3), and never any userinfo
 * (§4.2.4). A Host the user has edited by hand is left alone: only a Host line whose value is
 * still the previous server's authority is rewritten, so a deliberately wrong Host stays wrong
 * (and the pre-flight lint keeps saying so).
 */
import type { HeaderField } from './request-model.js';

const SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);

/**
 * The authority a Host header names for `server` (an origin or URL such as
 * `https://example.test:8443`), or `undefined` while the text is not an http(s)/ws(s) URL with
 * a host (e.g. half typed).
 */
export function authorityOf(server: string): string | undefined {
  let url: URL;
  try {
    url = new URL(server.trim());
  } catch {
    return undefined;
  }
  if (!SCHEMES.has(url.protocol) || url.hostname === '') return undefined;
  // WHATWG URL's `host` is hostname plus the port only when it is not the scheme's default
  // (http/ws 80, https/wss 443), IPv6 in brackets, no userinfo: RFC 9110 §7.2's authority.
  return url.host;
}

/**
 * The header lines with Host moved from `previous` to `next`: the one Host line (names are
 * case-insensitive, RFC 9110 §5.1) is rewritten when its value is still `previous`, keeping its
 * place, case and enabled state. Returns `fields` itself when nothing changes: no Host line, a
 * value edited by hand, or several Host lines (only a hand edit makes those, and RFC 9112 §3.2
 * makes them a 400; the pre-flight lint says so, and the lines stay as the user wrote them).
 */
export function followHost(
  fields: HeaderField[],
  previous: string | undefined,
  next: string,
): HeaderField[] {
  const isHost = (field: HeaderField) => field.name.toLowerCase() === 'host';
  if (fields.filter(isHost).length !== 1 || previous === undefined) return fields;
  const index = fields.findIndex(isHost);
  const host = fields[index];
  if (host === undefined) return fields;
  if (host.value.trim().toLowerCase() !== previous.toLowerCase() || host.value === next) {
    return fields;
  }
  return fields.map((field, i) => (i === index ? { ...field, value: next } : field));
}
