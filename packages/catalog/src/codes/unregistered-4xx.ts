import type { StatusEntry } from '../types.js';
import { rfc9110 } from '../cite.js';
import { proseUnregistered4xx } from './prose-unregistered-4xx.js';
import { webDoc } from './web-citation.js';

// RFC 9110 §15: a client treats an unrecognised code as the x00 of its class (here 400). None of
// these is heuristically cacheable (RFC 9110 §15.1), so a cache stores one only when the response
// carries explicit freshness such as Cache-Control: max-age (RFC 9111 §3).
const unrecognisedClientError = rfc9110('15');

const nginxRequestH = webDoc(
  'nginx source: src/http/ngx_http_request.h',
  'Our own HTTP codes',
  'https://github.com/nginx/nginx/blob/master/src/http/ngx_http_request.h',
);
const nginxSslErrors = webDoc(
  'nginx documentation: ngx_http_ssl_module',
  'Error processing',
  'https://nginx.org/en/docs/http/ngx_http_ssl_module.html#errors',
);
const awsAlbTroubleshooting = (anchor: string) =>
  webDoc(
    'AWS Elastic Load Balancing: Troubleshoot your Application Load Balancers',
    anchor,
    `https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#${anchor}`,
  );

/** Well-known 4xx codes no RFC registers, each marked with who uses it. */
export const unregisteredClientErrors: StatusEntry[] = [
  {
    code: 419,
    reason: 'Page Expired',
    class: 'client-error',
    registered: false,
    usedBy: 'Laravel (PHP): CSRF token missing or expired',
    defined: unrecognisedClientError,
    seeAlso: [webDoc('Laravel documentation', 'CSRF Protection', 'https://laravel.com/docs/csrf')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary: "Laravel's CSRF failure: the form's token is missing or its session expired.",
    ...proseUnregistered4xx[419],
    related: [403, 401, 400],
  },
  {
    code: 420,
    reason: 'Enhance Your Calm',
    class: 'client-error',
    registered: false,
    usedBy:
      'Twitter API v1 (rate limiting, "Enhance Your Calm", since replaced by 429); Spring Framework\'s deprecated HttpStatus.METHOD_FAILURE ("Method Failure", from a WebDAV draft)',
    defined: unrecognisedClientError,
    seeAlso: [],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      'Two unrelated private meanings: Twitter\'s old rate limit and Spring\'s WebDAV "Method Failure".',
    ...proseUnregistered4xx[420],
    related: [429, 424, 503],
  },
  {
    code: 444,
    reason: 'No Response',
    class: 'client-error',
    registered: false,
    usedBy:
      'nginx (internal: "return 444" closes the connection; the code only appears in access logs)',
    defined: unrecognisedClientError,
    seeAlso: [
      webDoc(
        'nginx documentation: ngx_http_rewrite_module',
        'return',
        'https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#return',
      ),
    ],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      'nginx closed the connection without sending any response; no client ever receives a 444.',
    ...proseUnregistered4xx[444],
    related: [499, 400, 403],
  },
  {
    code: 449,
    reason: 'Retry With',
    class: 'client-error',
    registered: false,
    usedBy: 'Microsoft IIS / Exchange ActiveSync: retry after performing the indicated action',
    defined: unrecognisedClientError,
    seeAlso: [],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      'Microsoft extension: the request lacks information; retry after doing what the server asks.',
    ...proseUnregistered4xx[449],
    related: [400, 428, 401],
  },
  {
    code: 450,
    reason: 'Blocked by Windows Parental Controls',
    class: 'client-error',
    registered: false,
    usedBy: 'Microsoft Windows (Vista/7 Parental Controls, WinINet)',
    defined: unrecognisedClientError,
    seeAlso: [],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      "Windows Parental Controls blocked the page; produced on the user's machine, not by a server.",
    ...proseUnregistered4xx[450],
    related: [403, 451],
  },
  {
    code: 460,
    reason: 'Client Closed Connection',
    class: 'client-error',
    registered: false,
    usedBy:
      'AWS Application Load Balancer (access logs: the client closed the connection before the idle timeout; AWS publishes no reason phrase)',
    defined: unrecognisedClientError,
    seeAlso: [awsAlbTroubleshooting('http-460-issues')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary: 'AWS ALB log entry: the client hung up before the load balancer could answer.',
    ...proseUnregistered4xx[460],
    related: [499, 408, 504],
  },
  {
    code: 463,
    reason: 'Too Many Forwarded IP Addresses',
    class: 'client-error',
    registered: false,
    usedBy:
      'AWS Application Load Balancer (X-Forwarded-For with more than 30 addresses; AWS publishes no reason phrase)',
    defined: unrecognisedClientError,
    seeAlso: [awsAlbTroubleshooting('http-463-issues')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary: 'AWS ALB refused a request whose X-Forwarded-For lists more than 30 IP addresses.',
    ...proseUnregistered4xx[463],
    related: [431, 400, 508],
  },
  {
    code: 494,
    reason: 'Request Header Too Large',
    class: 'client-error',
    registered: false,
    usedBy: 'nginx (internal; sent on the wire as 400 "Request Header Or Cookie Too Large")',
    defined: unrecognisedClientError,
    seeAlso: [nginxRequestH, rfc9110('5.4')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      "nginx's internal code for a header line or header section that overflows its buffers.",
    ...proseUnregistered4xx[494],
    related: [431, 400, 414],
  },
  {
    code: 495,
    reason: 'SSL Certificate Error',
    class: 'client-error',
    registered: false,
    usedBy: 'nginx (internal, for error_page; sent on the wire as 400)',
    defined: unrecognisedClientError,
    seeAlso: [nginxSslErrors],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary: "nginx's internal code for a client certificate that failed verification.",
    ...proseUnregistered4xx[495],
    related: [496, 400, 403],
  },
  {
    code: 496,
    reason: 'SSL Certificate Required',
    class: 'client-error',
    registered: false,
    usedBy: 'nginx (internal, for error_page; sent on the wire as 400)',
    defined: unrecognisedClientError,
    seeAlso: [nginxSslErrors],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary: "nginx's internal code for a required client certificate that was not presented.",
    ...proseUnregistered4xx[496],
    related: [495, 401, 400],
  },
  {
    code: 497,
    reason: 'HTTP Request Sent to HTTPS Port',
    class: 'client-error',
    registered: false,
    usedBy: 'nginx (internal, for error_page; sent on the wire as 400)',
    defined: unrecognisedClientError,
    seeAlso: [nginxSslErrors],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary: "nginx's internal code for plain HTTP arriving on a port that expects TLS.",
    ...proseUnregistered4xx[497],
    related: [400, 301, 426],
  },
  {
    code: 499,
    reason: 'Client Closed Request',
    class: 'client-error',
    registered: false,
    usedBy: 'nginx and Cloudflare logs (the client closed the connection first; never sent)',
    defined: unrecognisedClientError,
    seeAlso: [
      nginxRequestH,
      webDoc(
        'Cloudflare docs: Error 499',
        '499 Client Close Request',
        'https://developers.cloudflare.com/support/troubleshooting/http-status-codes/4xx-client-error/error-499/',
      ),
    ],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary: 'Log-only: the client closed the connection before the server had responded.',
    ...proseUnregistered4xx[499],
    related: [444, 408, 460],
  },
];
