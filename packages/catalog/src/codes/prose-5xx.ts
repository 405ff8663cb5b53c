import type { Prose } from './prose-type.js';

/** Reader-facing prose for the registered 5xx codes (RFC 9110 §15.6 and extensions). */
export const prose5xx: Record<
  500 | 501 | 502 | 503 | 504 | 505 | 506 | 507 | 508 | 510 | 511,
  Prose
> = {
  500: {
    meaning:
      'The server encountered an unexpected condition that prevented it from fulfilling the request (RFC 9110 §15.6.1). It is the generic server-side failure: an unhandled exception, a crashed handler, a misconfiguration.',
    guarantees:
      'The fault is on the server side; the request may have been fine. Nothing more is promised.',
    doesNotGuarantee:
      'It does not say whether the request had side effects before the failure: a POST that returns 500 may or may not have created the order. Retrying is only safe for idempotent methods or with an idempotency key.',
    whenToUse:
      'When nothing more specific applies to a server-side failure. If an upstream failed, 502/504 are more precise; if the server is overloaded or in maintenance, 503.',
    misuses: [
      'Sending stack traces, SQL or internal hostnames in the body in production.',
      'Using 500 for client mistakes that the code failed to validate (a missing field causing a null dereference): fix the validation and answer 4xx.',
      'Wrapping every error, including 404s from a backend, into 500 at an API gateway.',
    ],
    clients: {
      browsers: 'Render the body; browsers do not retry 500 automatically.',
      apiClients:
        'Many SDKs retry 500 for idempotent requests with back-off (the AWS and Google Cloud libraries, urllib3 when 500 is in status_forcelist), which is why idempotency keys matter for POST.',
      crawlers:
        'Googlebot slows down crawling a site that returns 5xx, and URLs that keep failing with 5xx are eventually dropped from the index; for robots.txt, a 5xx makes Google stop crawling the site for a while.',
      uptimeMonitors:
        'Every monitor alerts on 5xx; a rising 500 rate is the classic error-budget signal in SLO dashboards.',
      cdns: 'Not cached by default; CDNs can serve a stale copy instead (RFC 5861 stale-if-error, Cloudflare Always Online, Fastly serve-stale) so users do not see the error.',
    },
  },
  501: {
    meaning:
      'The server does not support the functionality required to fulfil the request (RFC 9110 §15.6.2). The typical case is a request method the server does not recognise or implement for any resource; RFC 9110 §9.1 says an origin server SHOULD answer such methods with 501.',
    guarantees:
      'The server cannot do this at all, for any resource, so retrying will not help. It is heuristically cacheable (RFC 9110 §15.1).',
    doesNotGuarantee:
      'It does not list what the server does support; an OPTIONS request or the documentation can.',
    whenToUse:
      'Unknown methods (e.g. PROPFIND to a server without WebDAV), an unsupported Transfer-Encoding in the request, or a planned API feature that is deliberately not implemented yet.',
    misuses: [
      'Using 501 for a method that exists on the server but not on this resource: that is 405 with Allow.',
      'Answering 501 for a temporary outage of a feature; that is 503.',
    ],
    clients: {
      browsers:
        'Shown like any error; browsers do not send unusual methods from navigation, only from fetch().',
      apiClients: 'Not retried; WebDAV clients use it to detect servers without WebDAV support.',
      crawlers:
        'Googlebot uses GET and HEAD, which every server implements; a 501 to those signals a broken server and is handled like other 5xx.',
      uptimeMonitors:
        'Monitors that use HEAD see 501 from rare servers that do not implement it; switch the check to GET.',
      cdns: 'Heuristically cacheable, so an edge may store it; Cloudflare does not show custom error pages for 501 so APIs can pass it through intact.',
    },
  },
  502: {
    meaning:
      'The server, acting as a gateway or proxy, received an invalid response from an inbound server it accessed while attempting to fulfil the request (RFC 9110 §15.6.3). In practice proxies also use it when the upstream refused the connection or closed it without a response.',
    guarantees:
      'The gateway itself is up; the problem lies between it and the upstream or in the upstream.',
    doesNotGuarantee:
      'It does not say whether the upstream processed the request: it may have crashed after committing a write. It does not name which hop failed when there are several proxies.',
    whenToUse:
      'In gateways and reverse proxies when the upstream response is malformed, the connection is reset or refused, or TLS to the upstream fails.',
    misuses: [
      'Returning 502 from an application that called another service and got a business error back (e.g. a 404 from a payment API); map it to what it means for your client.',
      'Using 502 for upstream timeouts; 504 says that precisely.',
    ],
    clients: {
      browsers:
        'Show the proxy\'s error page (nginx\'s "502 Bad Gateway", the Cloudflare or AWS page); no automatic retry.',
      apiClients:
        'Treated as transient by most retry policies (curl --retry, the cloud SDKs); gRPC clients map an HTTP 502 to UNAVAILABLE, which their retry policies also treat as retryable.',
      crawlers: 'Handled like other 5xx: the crawl slows, and persistent failures drop URLs.',
      uptimeMonitors:
        'Alerts immediately; during deploys a short burst of 502s usually means the proxy routed to instances that were restarting.',
      cdns: 'Generated by CDNs when the origin response is broken (Cloudflare uses 502 alongside its own 520-527 codes); not cached by default, with stale content served where configured.',
    },
  },
  503: {
    meaning:
      'The server is currently unable to handle the request due to a temporary overload or scheduled maintenance, which will likely be alleviated after some delay (RFC 9110 §15.6.4). The server MAY send Retry-After to say how long.',
    guarantees:
      'The condition is temporary. When Retry-After is present, the client has an explicit time after which a retry is reasonable.',
    doesNotGuarantee:
      'The server is not obliged to use 503 when overloaded (it may refuse connections instead), and without Retry-After it says nothing about how long the condition lasts.',
    whenToUse:
      'Planned maintenance (with Retry-After), load shedding, dependency outages that make the whole service unusable, a starting instance that is not ready.',
    misuses: [
      'Serving the maintenance page with 200: crawlers index it and monitors stay green.',
      "Using 503 for per-client rate limits (nginx limit_req's default), which reads as an outage; 429 is the per-client signal.",
      'Leaving a site on 503 for days; crawlers eventually treat it as gone.',
    ],
    clients: {
      browsers:
        'Render the maintenance page; no automatic retry, and Retry-After is ignored for navigation.',
      apiClients:
        'Retried with back-off by virtually all SDKs and by curl --retry, which honours Retry-After.',
      crawlers:
        'Google recommends 503 for temporary downtime: Googlebot keeps the indexed content and comes back later; if 503s last more than a couple of days, URLs start dropping out of the index.',
      uptimeMonitors:
        'Alert on it, which is why scheduled maintenance windows are declared in the monitor to avoid false pages.',
      cdns: 'Not cached by default; Envoy-based meshes answer 503 "no healthy upstream" themselves, and CDNs can serve stale content instead of the 503 where configured.',
    },
  },
  504: {
    meaning:
      'The server, acting as a gateway or proxy, did not receive a timely response from an upstream server it needed to access in order to complete the request (RFC 9110 §15.6.5).',
    guarantees:
      'The gateway gave up waiting; the client did get an answer rather than a hung connection.',
    doesNotGuarantee:
      'It does not say whether the upstream is still working on the request or has already completed it: a slow POST may finish after the 504 was sent, so blind retries can duplicate work.',
    whenToUse:
      'In gateways when an upstream read or connect timed out: nginx after proxy_read_timeout (60 s by default), an AWS ALB after its idle timeout.',
    misuses: [
      'Raising the proxy timeout to minutes instead of making the long operation asynchronous (202 plus polling).',
      "Answering 504 from the application itself when its own database query timed out; that is a 500 or 503 from the client's point of view.",
    ],
    clients: {
      browsers: "Show the proxy's timeout page; no automatic retry.",
      apiClients:
        'Retried by most policies for idempotent requests; for POST, only with an idempotency key.',
      crawlers:
        'Handled as a 5xx: Googlebot reduces its crawl rate, which compounds slow-origin problems.',
      uptimeMonitors: 'Alerts; often paired with high latency graphs just before.',
      cdns: 'CloudFront returns 504 when the origin does not answer in time; Cloudflare uses its own 524 for the equivalent case. Not cached by default.',
    },
  },
  505: {
    meaning:
      'The server does not support, or refuses to support, the major version of HTTP used in the request message (RFC 9110 §15.6.6). The server SHOULD describe in the body why that version is not supported and which protocols it does support.',
    guarantees: 'The request was not processed because of its protocol version, not its content.',
    doesNotGuarantee:
      'It does not tell the client which version to use instead, other than by the body; it is not a negotiation mechanism (ALPN and Upgrade are).',
    whenToUse:
      'A request line with an unsupported major version, such as HTTP/2.0 written as text over an HTTP/1.x connection, or HTTP/1.0 at a server that has chosen to refuse it.',
    misuses: [
      'Using 505 to force clients onto HTTP/2; HTTP/2 is negotiated with ALPN (RFC 9113 §3.2), and an HTTP/1.1 client will just fail.',
      'Answering 505 to an HTTP/1.0 request that HTTP/1.1 servers can serve; RFC 9110 §2.5 expects backward-compatible handling.',
    ],
    clients: {
      browsers:
        'Browsers negotiate versions via ALPN and fall back on their own, so they virtually never receive 505.',
      apiClients:
        'Seen with hand-written clients or fuzzers that put odd versions in the request line; nginx answers 505 to a request line claiming HTTP/2 or later.',
      crawlers: 'Crawlers negotiate HTTP/1.1 or HTTP/2 through ALPN and do not trigger it.',
      uptimeMonitors: 'Not seen unless a monitor forces an unusual version.',
      cdns: "Edges terminate the client's protocol themselves and speak their own version to the origin, so an origin 505 reflects the CDN-to-origin hop.",
    },
  },
  506: {
    meaning:
      'From Transparent Content Negotiation (RFC 2295 §8.1, Experimental): the server has an internal configuration error in which the chosen variant resource is itself configured to engage in transparent negotiation, so negotiation would never end.',
    guarantees: 'The failure is a server configuration error, not a fault of the request.',
    doesNotGuarantee:
      'Nothing beyond the configuration error; RFC 2295 never saw broad deployment and clients know nothing about it.',
    whenToUse:
      "Only in a server that implements RFC 2295 negotiation (Apache httpd's mod_negotiation is the one widely deployed example) when a variant points back into negotiation.",
    misuses: [
      'Using it for any content-negotiation failure; a client whose Accept cannot be satisfied gets 406, or a default representation.',
      'Emitting it from an application that has no RFC 2295 negotiation at all.',
    ],
    clients: {
      browsers: 'Handled as a generic 5xx; browsers stopped sending the Negotiate header long ago.',
      apiClients:
        'Generic 5xx handling; not worth retrying because configuration errors do not heal.',
      crawlers: 'Googlebot handles it like any 5xx and retries later.',
      uptimeMonitors:
        "Alerts like any 5xx; the fix is in the server's type maps or MultiViews configuration.",
      cdns: "Not cached; a CDN relays the origin's 506 as an ordinary server error.",
    },
  },
  507: {
    meaning:
      'WebDAV (RFC 4918 §11.5): the method could not be performed on the resource because the server is unable to store the representation needed to complete the request. The condition is considered temporary.',
    guarantees:
      'The failure is a storage limit on the server side (disk, quota), not a malformed request.',
    doesNotGuarantee:
      'It does not distinguish a full disk from a per-user quota, and it does not say when space will be available.',
    whenToUse:
      'WebDAV or file-sync servers out of space or over a user quota (Nextcloud and ownCloud answer uploads over quota with 507).',
    misuses: [
      'Using 507 for an oversized single upload that no amount of free space would accept; that is 413.',
      'Returning it from non-storage APIs as a generic "resource exhausted"; 503 is better understood there.',
    ],
    clients: {
      browsers: 'Shown as an error; web file managers translate it into "quota exceeded" messages.',
      apiClients:
        'Sync clients (Nextcloud, rclone, Cyberduck) stop uploading and report the quota; retrying immediately does not help.',
      crawlers: 'Not relevant: crawlers do not write.',
      uptimeMonitors: 'Only upload checks see it, typically as the first warning of a full volume.',
      cdns: 'Not cached; WebDAV writes are passed through.',
    },
  },
  508: {
    meaning:
      'From WebDAV bindings (RFC 5842 §7.2): the server terminated an operation because it encountered an infinite loop while processing a request with "Depth: infinity", because one resource is reachable through a binding cycle.',
    guarantees:
      'The whole operation failed; RFC 5842 §7.2 says 508 indicates that the entire operation failed.',
    doesNotGuarantee:
      'It does not say where the cycle is; the client must walk the collection with a smaller depth to find it.',
    whenToUse:
      'Only in servers that support WebDAV bindings (the BIND method), for PROPFIND or other Depth: infinity operations that loop.',
    misuses: [
      'The CloudLinux/LiteSpeed "508 Resource Limit Is Reached" page on shared hosting, which means the account hit its process or CPU limit; 503 would say that.',
      'Using 508 for redirect loops; those are a client-side detection (browsers report ERR_TOO_MANY_REDIRECTS), not a status.',
    ],
    clients: {
      browsers:
        'Seen mostly as the shared-hosting "Resource Limit Is Reached" page rather than its WebDAV meaning.',
      apiClients:
        'WebDAV clients retry with Depth: 1 and walk the tree; others treat it as a generic 5xx.',
      crawlers:
        'Treated like other 5xx; repeated 508s from an overloaded shared host slow the crawl.',
      uptimeMonitors:
        'On shared hosting, an alerting 508 means the account is being throttled, not that WebDAV broke.',
      cdns: 'Not cached; a throttled shared host behind a CDN still shows 508 whenever a cache miss reaches it.',
    },
  },
  510: {
    meaning:
      'From the HTTP Extension Framework (RFC 2774 §7): the policy for accessing the resource was not met in the request, and the server should send back the information the client needs to issue an extended request (mandatory extension declarations with Man/C-Man). RFC 2774 was never adopted and the IESG moved it to Historic in 2021; IANA marks 510 as obsoleted.',
    guarantees: 'Only that the request failed on the server side, as a generic 5xx.',
    doesNotGuarantee:
      'No modern client implements RFC 2774 extension declarations, so the "how to extend" information cannot be acted on.',
    whenToUse:
      'Not in new designs. HTTP extensions are negotiated today with new header fields, media types, or ALPN.',
    misuses: [
      'Using 510 to mean "this API needs a newer client version"; answer 400 or 426-style guidance with a problem+json body instead.',
      'Citing RFC 2774 as current practice.',
    ],
    clients: {
      browsers: 'Handled as a generic 5xx.',
      apiClients:
        "Libraries still name the constant (Go's StatusNotExtended, Python's HTTPStatus.NOT_EXTENDED), but none act on it.",
      crawlers:
        'Treated as a server error; a persistent 510 eventually drops the URL like any other 5xx would.',
      uptimeMonitors: 'Alerts as a 5xx; the cause is an application choosing an obsolete code.',
      cdns: 'Relayed uncached; no CDN implements RFC 2774 extension declarations.',
    },
  },
  511: {
    meaning:
      'The client needs to authenticate to gain network access (RFC 6585 §6). It is meant for intercepting proxies such as captive portals on hotel or airport Wi-Fi, not for origin servers; the body SHOULD link to the login page rather than contain it.',
    guarantees:
      'The response did not come from the origin the client asked for; the network intercepted it. Caches MUST NOT store it (RFC 6585 §6).',
    doesNotGuarantee:
      'It does not authenticate anything about the site itself, and over HTTPS the interception shows up as a certificate error instead, because the portal cannot impersonate the origin.',
    whenToUse:
      'Captive portals answering plain-HTTP requests from devices that have not logged in to the network yet.',
    misuses: [
      'Origin servers using 511 for their own login requirement; RFC 6585 §6 says it SHOULD NOT be generated by origin servers. Use 401.',
      'Captive portals answering 302 or 200 with the login page instead, which gets cached and indexed as if it were the requested site.',
    ],
    clients: {
      browsers:
        'Operating systems and browsers probe known URLs (connectivitycheck.gstatic.com/generate_204, detectportal.firefox.com, captive.apple.com) and open a portal login window when the answer is not the expected one; RFC 8908 and RFC 8910 standardise a portal API to replace this guessing.',
      apiClients:
        'Fail with a confusing error; an API client on captive Wi-Fi should report "network login required" instead of parsing the body as JSON.',
      crawlers: 'Crawlers run on datacentre networks and do not meet it.',
      uptimeMonitors:
        'Not seen from datacentres; it shows up in mobile or branch-office synthetic checks.',
      cdns: 'Never stored (RFC 6585 §6); CDNs never generate it.',
    },
  },
};
