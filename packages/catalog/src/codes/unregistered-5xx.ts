import type { StatusEntry } from '../types.js';
import { rfc9110 } from '../cite.js';
import { proseUnregistered5xx } from './prose-unregistered-5xx.js';
import { webDoc } from './web-citation.js';

// RFC 9110 §15: a client treats an unrecognised code as the x00 of its class (here 500). None of
// these is heuristically cacheable (RFC 9110 §15.1), so a cache stores one only when the response
// carries explicit freshness such as Cache-Control: max-age (RFC 9111 §3).
const unrecognisedServerError = rfc9110('15');

const cloudflare5xx = (code: number) =>
  webDoc(
    `Cloudflare docs: Error ${code}`,
    `Error ${code}`,
    `https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/error-${code}/`,
  );

const cloudflareOriginError = (
  code: 520 | 521 | 522 | 523 | 524 | 525 | 526 | 527 | 530,
  reason: string,
  summary: string,
  related: number[],
): StatusEntry => ({
  code,
  reason,
  class: 'server-error',
  registered: false,
  usedBy: 'Cloudflare (generated at its edge about the origin server behind it)',
  defined: unrecognisedServerError,
  seeAlso: [cloudflare5xx(code)],
  contentAllowed: true,
  heuristicallyCacheable: false,
  headers: [],
  summary,
  ...proseUnregistered5xx[code],
  related,
});

/** Well-known 5xx codes no RFC registers, each marked with who uses it. */
export const unregisteredServerErrors: StatusEntry[] = [
  {
    code: 509,
    reason: 'Bandwidth Limit Exceeded',
    class: 'server-error',
    registered: false,
    usedBy: 'Apache bandwidth modules and cPanel/WHM shared hosting (site over its traffic quota)',
    defined: unrecognisedServerError,
    seeAlso: [],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary: 'Shared-hosting convention: the site used up its bandwidth allowance for the period.',
    ...proseUnregistered5xx[509],
    related: [503, 429, 507],
  },
  cloudflareOriginError(
    520,
    'Web Server Returned an Unknown Error',
    'Cloudflare got an empty, malformed or otherwise unexpected response from the origin.',
    [502, 500, 521],
  ),
  cloudflareOriginError(
    521,
    'Web Server Is Down',
    'Cloudflare could not connect: the origin refused the TCP connection.',
    [502, 522, 523],
  ),
  cloudflareOriginError(
    522,
    'Connection Timed Out',
    'Cloudflare timed out opening the TCP connection to the origin.',
    [504, 521, 524],
  ),
  cloudflareOriginError(
    523,
    'Origin Is Unreachable',
    'Cloudflare could not reach the origin at all (routing, DNS record or network problem).',
    [502, 521, 530],
  ),
  cloudflareOriginError(
    524,
    'A Timeout Occurred',
    'Cloudflare connected to the origin but got no HTTP response before its read timeout.',
    [504, 522, 408],
  ),
  cloudflareOriginError(
    525,
    'SSL Handshake Failed',
    'The TLS handshake between Cloudflare and the origin failed.',
    [526, 502, 495],
  ),
  cloudflareOriginError(
    526,
    'Invalid SSL Certificate',
    "Cloudflare (Full strict mode) could not validate the origin's certificate.",
    [525, 502, 495],
  ),
  {
    ...cloudflareOriginError(
      527,
      'Railgun Error',
      "Cloudflare's retired Railgun accelerator lost its connection to the origin listener.",
      [502, 520, 504],
    ),
    usedBy:
      'Cloudflare Railgun (a retired product; the code is no longer in current Cloudflare docs)',
    seeAlso: [
      webDoc(
        'Cloudflare docs: Cloudflare 5xx errors',
        'Cloudflare 5xx errors',
        'https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/',
      ),
    ],
  },
  {
    ...cloudflareOriginError(
      530,
      'Origin DNS Error',
      'Cloudflare cannot resolve or reach the origin; the body names a 1xxx error (e.g. 1016).',
      [523, 502, 503],
    ),
    usedBy:
      'Cloudflare (origin hostname cannot be resolved; a 1xxx error code in the body, no published reason phrase); also Pantheon ("site frozen")',
  },
  {
    code: 561,
    reason: 'Unauthorized',
    class: 'server-error',
    registered: false,
    usedBy:
      'AWS Application Load Balancer (authenticate action: the identity provider returned an error)',
    defined: unrecognisedServerError,
    seeAlso: [
      webDoc(
        'AWS Elastic Load Balancing: Troubleshoot your Application Load Balancers',
        'http-561-issues',
        'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#http-561-issues',
      ),
    ],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      "AWS ALB's user authentication failed because the identity provider returned an error.",
    ...proseUnregistered5xx[561],
    related: [401, 502, 511],
  },
  {
    code: 598,
    reason: 'Network Read Timeout Error',
    class: 'server-error',
    registered: false,
    usedBy: 'Some HTTP proxies (informal convention): timeout reading from the upstream network',
    defined: unrecognisedServerError,
    seeAlso: [rfc9110('15.6.5')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary: 'Informal proxy convention: reading the upstream response timed out.',
    ...proseUnregistered5xx[598],
    related: [504, 599, 524],
  },
  {
    code: 599,
    reason: 'Network Connect Timeout Error',
    class: 'server-error',
    registered: false,
    usedBy:
      "Some HTTP proxies (connect timeout), and client libraries such as Tornado's HTTP client, which reports 599 when no HTTP response was received at all",
    defined: unrecognisedServerError,
    seeAlso: [
      rfc9110('15.6.5'),
      webDoc(
        'Tornado documentation: tornado.httpclient',
        'HTTPClientError',
        'https://www.tornadoweb.org/en/stable/httpclient.html#tornado.httpclient.HTTPClientError',
      ),
    ],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      'Informal convention: connecting timed out, or (in client libraries) no response arrived at all.',
    ...proseUnregistered5xx[599],
    related: [504, 598, 522],
  },
];
