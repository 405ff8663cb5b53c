/** The probe's target URL (RFC 3986) and what follows from its scheme (RFC 6455 §3, RFC 9110 §4.2). */
import { parseIp } from './ip-address.js';
import { ProbeInputError } from './errors.js';

/** A parsed target. */
export interface TargetUrl {
  scheme: 'ws' | 'wss' | 'http' | 'https';
  /** TLS is used (`wss`, `https`). */
  secure: boolean;
  /** `ws`/`wss`: the default request is an opening handshake. */
  websocket: boolean;
  /** Host name or IP literal without brackets. */
  hostname: string;
  port: number;
  /** The Host header value a well-formed request carries (RFC 9110 §7.2; port only when not default). */
  authority: string;
  /** Path and query, the origin-form request-target (RFC 9112 §3.2.1). */
  path: string;
  href: string;
}

const DEFAULT_PORTS = { ws: 80, wss: 443, http: 80, https: 443 } as const;

/** Parses and checks a target URL; throws {@link ProbeInputError}. */
export function parseTargetUrl(text: string): TargetUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ProbeInputError(`${JSON.stringify(text)} is not an absolute URL`, 'url');
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'ws' && scheme !== 'wss' && scheme !== 'http' && scheme !== 'https') {
    throw new ProbeInputError(`scheme ${scheme}: is not one of ws, wss, http, https`, 'url');
  }
  // RFC 6455 §3: fragment identifiers are meaningless in WebSocket URIs.
  if (url.hash !== '' && (scheme === 'ws' || scheme === 'wss')) {
    throw new ProbeInputError('a ws/wss URL must not have a fragment (RFC 6455 §3)', 'url');
  }
  if (url.username !== '' || url.password !== '') {
    throw new ProbeInputError('userinfo in the URL is not supported (RFC 9110 §4.2.4)', 'url');
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  if (hostname === '') throw new ProbeInputError('the URL has no host', 'url');
  const port = url.port === '' ? DEFAULT_PORTS[scheme] : Number(url.port);
  const ip = parseIp(hostname);
  const hostText = ip?.family === 6 ? `[${hostname}]` : hostname;
  const authority = url.port === '' ? hostText : `${hostText}:${port}`;
  return {
    scheme,
    secure: scheme === 'wss' || scheme === 'https',
    websocket: scheme === 'ws' || scheme === 'wss',
    hostname,
    port,
    authority,
    path: `${url.pathname || '/'}${url.search}`,
    href: url.href,
  };
}
