import type { Prose } from './prose-type.js';

/** Reader-facing prose for 400..408 (RFC 9110 §15.5.1..§15.5.9). */
export const prose400to408: Record<400 | 401 | 402 | 403 | 404 | 405 | 406 | 407 | 408, Prose> = {
  400: {
    meaning:
      "The catch-all client error. RFC 9110 §15.5.1 lets a server send 400 for anything it perceives as the client's fault: unparseable syntax, invalid message framing (e.g. both Content-Length and Transfer-Encoding, or conflicting Content-Length values), deceptive request routing, or a request the application cannot make sense of. A more specific 4xx should be preferred whenever one fits.",
    guarantees:
      'The server did not act on the request. Repeating it byte for byte will fail the same way; something in the request has to change first.',
    doesNotGuarantee:
      'It does not say which part of the request is wrong: unless the body (ideally application/problem+json, RFC 9457) points at the field or header, the client has to guess. It also does not prove the request is malformed by the spec; some servers reject perfectly valid requests (an unusual but legal header, a long cookie) with 400.',
    whenToUse:
      'Unparseable JSON, a missing required query parameter, broken message framing, a malformed Host header. For well-formed content with invalid values prefer 422, for oversize parts prefer 413/414/431, for an unsupported Content-Type prefer 415.',
    misuses: [
      'Answering every validation failure, auth failure and missing resource with 400, so clients cannot tell "fix the request" from "log in" (401) or "it does not exist" (404).',
      'Returning 400 with an empty body: the client learns nothing about what to change.',
      'Returning 400 for a server-side bug triggered by valid input; that is a 500.',
    ],
    clients: {
      browsers:
        'Render the response body as a page; fetch() resolves with ok === false. nginx\'s "400 Bad Request - Request Header Or Cookie Too Large" page is a frequent sight when cookies grow.',
      apiClients:
        'SDKs surface it as non-retryable, except where a vendor encodes something else in a 400: AWS sends ThrottlingException as 400 and botocore retries it by error code, not by status. A blind retry loop on 400 only multiplies the failure.',
      crawlers:
        'Googlebot treats every 4xx except 429 alike: the URL is not indexed, and an indexed URL that starts returning 400 is dropped.',
      uptimeMonitors:
        "Most monitors (UptimeRobot, for one) mark any 4xx as down by default, so a health URL that answers 400 to the monitor's plain GET pages someone at night.",
      cdns: 'Not cached by default at Cloudflare, Fastly or CloudFront; each 400 goes back to the origin unless the origin sends explicit Cache-Control.',
    },
  },
  401: {
    meaning:
      'The request lacks valid authentication credentials for the target resource. RFC 9110 §15.5.2 makes the WWW-Authenticate challenge mandatory: the response tells the client which scheme (Basic, Bearer, Digest, ...) and realm to use. If the request carried credentials, 401 means they were refused.',
    guarantees:
      'The client may repeat the request with new or different credentials in Authorization; the challenge in WWW-Authenticate says how.',
    doesNotGuarantee:
      'It does not mean "forbidden": valid credentials may still yield 403. It does not say whether the resource exists (servers often answer 401 before looking). Despite the name, it is about authentication, not authorization.',
    whenToUse:
      'No credentials, an expired or revoked token, a bad signature. With OAuth 2.0 bearer tokens, RFC 6750 §3 adds error="invalid_token" and error_description parameters to the challenge.',
    misuses: [
      "Sending 401 without WWW-Authenticate (RFC 9110 §15.5.2 says MUST); many SPAs do this to avoid the browser's Basic dialog, when a Bearer challenge would avoid it just as well.",
      'Using 401 for an authenticated user who lacks permission; that is 403.',
      'Redirecting an unauthenticated API call to an HTML login page (302 then 200) instead of answering 401, which breaks every non-browser client.',
    ],
    clients: {
      browsers:
        "A Basic or Digest challenge opens the native credential dialog (also for fetch/XHR made with default credentials); a Bearer challenge shows nothing and the page's script must react.",
      apiClients:
        'OAuth-aware clients refresh the access token once and retry; curl sends credentials only when given -u (Basic by default, while --anyauth first reads the challenge to pick a scheme).',
      crawlers:
        'Crawlers send no credentials; Googlebot treats the URL like other 4xx and does not index it, which is the intended outcome for private pages.',
      uptimeMonitors:
        'A monitor without credentials sees 401 as down unless told to expect it; many teams point monitors at an unauthenticated /healthz instead.',
      cdns: 'Not stored by shared caches by default; and RFC 9111 §3.5 keeps shared caches from reusing responses to requests carrying Authorization unless the response explicitly allows it.',
    },
  },
  402: {
    meaning:
      'Reserved for future use since HTTP/1.1; RFC 9110 §15.5.3 still defines no semantics, headers or body format for it. Some services use it privately to signal an unpaid account or exhausted credit.',
    guarantees:
      'Only that the request failed as a client error; any further meaning is a private agreement between that server and its clients.',
    doesNotGuarantee:
      'There is no standard way to pay, no standard body and no standard retry behaviour; a generic client cannot act on a 402.',
    whenToUse:
      'Only within an API whose documentation defines it (Stripe, for instance, returns 402 when a request was valid but the payment failed). Otherwise use 403 with a problem+json body explaining the billing state.',
    misuses: [
      'Expecting browsers or generic clients to start a payment flow on 402: none do.',
      'Using 402 for rate limits tied to a plan; 429 with Retry-After is understood by far more clients.',
    ],
    clients: {
      browsers: 'Shown as an ordinary error page; no payment UI, no special handling.',
      apiClients:
        "Handled only where the vendor's SDK defines it (e.g. Stripe's libraries raise a card error); elsewhere it is just a non-retryable 4xx.",
      crawlers: 'Googlebot treats it as a generic 4xx: not indexed.',
      uptimeMonitors:
        'Counted as down by monitors that expect 2xx; a billing lapse on a monitored API shows up this way.',
      cdns: 'No default caching at the major CDNs.',
    },
  },
  403: {
    meaning:
      'The server understood the request and refuses to fulfil it (RFC 9110 §15.5.4). If credentials were sent, they were valid but insufficient; if none were sent, authenticating is not expected to help. The reason may be explained in the body, or withheld.',
    guarantees: 'Retrying the same request with the same credentials will be refused again.',
    doesNotGuarantee:
      'It does not confirm the resource exists: a server that wants to hide it answers 404 instead (RFC 9110 §15.5.4 allows exactly that). It does not say whether other credentials would work; that is the realm of 401.',
    whenToUse:
      'Authenticated but lacking the role or scope; IP or country blocks; a WAF rule; directory listing disabled. With OAuth, a token missing a required scope gets 403 with error="insufficient_scope".',
    misuses: [
      'Returning 403 for a missing or expired login, which hides the WWW-Authenticate challenge the client needs (use 401).',
      'Answering 403 where the path genuinely does not exist, turning typos into confusing permission errors.',
      'Using 403 for legal takedowns, where 451 names the real reason.',
    ],
    clients: {
      browsers:
        'Show the body; nothing prompts for credentials. Cloudflare and other WAF block pages typically arrive as 403.',
      apiClients:
        "Reported as a permission error and not retried; GitHub's API also uses 403 (or 429, with X-RateLimit-Remaining: 0) for primary rate limits, so clients there must read headers to tell the two apart.",
      crawlers:
        'Googlebot does not index a 403 URL; bot-blocking rules that answer 403 to Googlebot remove pages from search. For robots.txt, Google treats a 4xx (other than 429) as "no robots.txt", i.e. everything may be crawled.',
      uptimeMonitors:
        "Frequently the first sign that a WAF or allow-list started blocking the monitor's IP addresses.",
      cdns: 'Not cached by default; CDN-generated 403s (hotlink protection, geo-blocking) never reach the origin.',
    },
  },
  404: {
    meaning:
      'The origin server did not find a current representation for the target resource, or is not willing to disclose that one exists (RFC 9110 §15.5.5). It says nothing about whether the absence is temporary or permanent.',
    guarantees:
      'No representation was sent for the target. The response is heuristically cacheable (RFC 9110 §15.1), so caches may reuse it for a while without explicit freshness information.',
    doesNotGuarantee:
      'It does not mean "never existed" or "gone forever" (that is 410), nor "you may not see it" (a server may use 404 to hide a 403). It does not mean the whole API route is unknown; many APIs also use it for "the record with this id does not exist".',
    whenToUse:
      'Unknown paths, deleted items when you do not track deletions, and resources you want to hide from unauthorized users.',
    misuses: [
      'The "soft 404": answering 200 with a "page not found" page, which search engines then index as real content.',
      'Returning 404 from an API for "the collection is empty"; that is 200 with an empty list.',
      'Redirecting every unknown URL to the home page (301/302), which Google treats as a soft 404 anyway.',
    ],
    clients: {
      browsers:
        'Render the custom error page from the body; a 404 for a script or stylesheet fails that subresource silently except in DevTools.',
      apiClients:
        'Mapped to "not found" errors and not retried; some clients treat 404 on DELETE as already done (idempotent deletion).',
      crawlers:
        'Googlebot drops 404 URLs from the index after recrawling them a few times and keeps re-checking them at a lower rate; 404 does not harm the rest of the site.',
      uptimeMonitors:
        'Alerts on it when checking a specific page; a 404 on a health endpoint usually means a deployment removed or renamed the route.',
      cdns: 'Cached briefly by default: Cloudflare keeps 404 for 3 minutes and Fastly and Varnish cache it with their default TTL when the origin gives no Cache-Control, which absorbs bursts of requests for missing files.',
    },
  },
  405: {
    meaning:
      'The method is known to the server but the target resource does not support it (RFC 9110 §15.5.6). The origin server MUST send an Allow field listing the methods the resource does support, which may be empty.',
    guarantees:
      'The resource exists as far as routing is concerned and Allow tells the client which methods would be accepted. The response is heuristically cacheable (RFC 9110 §15.1).',
    doesNotGuarantee:
      'It does not say that a method listed in Allow will succeed for this particular user or body; it is about the resource, not about permissions.',
    whenToUse:
      'POST to a read-only resource, DELETE on a collection that cannot be deleted, PUT where the API only accepts PATCH.',
    misuses: [
      'Omitting Allow, which RFC 9110 §15.5.6 requires.',
      'Answering 405 to OPTIONS: CORS preflights then fail in the browser with "Response to preflight request doesn\'t pass access control check".',
      'Using 405 for a method the server does not implement anywhere (e.g. an unknown extension method); that is 501.',
    ],
    clients: {
      browsers:
        'An HTML form that POSTs to a static file host (S3 website endpoints, many static servers) gets 405; in fetch() a preflight answered with 405 surfaces as a CORS error, not as the status.',
      apiClients:
        'Treated as a programming error and not retried; a few clients read Allow to pick a fallback (e.g. PUT instead of PATCH).',
      crawlers:
        'Crawlers use GET and HEAD; a 405 to HEAD makes some link checkers report a broken link even though GET works.',
      uptimeMonitors:
        'Monitors that use HEAD by default report the site as down when the server only allows GET; switch the check to GET.',
      cdns: 'Heuristically cacheable, so a CDN may store a 405 to a GET without explicit freshness; most pass other methods through and let the origin answer.',
    },
  },
  406: {
    meaning:
      "Proactive content negotiation failed: the target has no representation acceptable according to the request's Accept, Accept-Charset, Accept-Encoding or Accept-Language fields, and the server is unwilling to send a default (RFC 9110 §15.5.7). The server SHOULD list the available representations in the body.",
    guarantees:
      'The resource exists and could be served in some form, but not in the forms the client said it accepts.',
    doesNotGuarantee:
      'It does not say which representations exist unless the body lists them; there is no standard field for that.',
    whenToUse:
      'Rarely. RFC 9110 §12.1 lets a server ignore the Accept* fields and send its default representation, which usually serves clients better than an error.',
    misuses: [
      'Returning 406 because a client sent Accept: text/html to a JSON API; sending the JSON is almost always more useful.',
      'Confusing it with 415: 406 is about what the client can receive, 415 about what it sent.',
    ],
    clients: {
      browsers:
        'Browsers send broad Accept values (including */*), so they rarely trigger it; when they do, the body is shown.',
      apiClients:
        'Often met when a client sends a narrow Accept (application/xml) to a framework that only produces JSON; Spring MVC answers 406 via HttpMediaTypeNotAcceptableException.',
      crawlers:
        'Googlebot sends broad Accept headers; a 406 to it is treated like any other 4xx and the URL is not indexed.',
      uptimeMonitors:
        'Seen when a monitor sends a custom Accept header the endpoint does not produce.',
      cdns: 'Not cached by default; if the origin negotiates, it must send Vary for caches to store the right variant.',
    },
  },
  407: {
    meaning:
      'Like 401, but the credentials are required by a proxy in the path, not by the origin (RFC 9110 §15.5.8). The proxy MUST send Proxy-Authenticate with a challenge; the client retries with Proxy-Authorization.',
    guarantees: 'The request did not pass the proxy; the origin server has not seen it.',
    doesNotGuarantee:
      "It says nothing about the origin's own authentication, which may still answer 401 once the proxy lets the request through.",
    whenToUse:
      'Only in forward proxies (corporate proxies, Squid, authenticated egress gateways). An origin server or reverse proxy acting as the origin should use 401.',
    misuses: [
      'A reverse proxy in front of an application answering 407 to end users; their browser is not configured for that proxy and shows a confusing proxy prompt.',
      'Omitting Proxy-Authenticate, which leaves clients no way to authenticate.',
    ],
    clients: {
      browsers:
        'Show a proxy-credentials dialog naming the proxy; for HTTPS, the 407 arrives in answer to CONNECT, before any TLS with the origin.',
      apiClients:
        "Node's fetch (undici) and most SDKs need explicit proxy credentials configured; curl uses --proxy-user and --proxy-anyauth.",
      crawlers:
        'Not normally met; a crawler behind an authenticating proxy fails every URL with 407.',
      uptimeMonitors:
        'A monitor running inside a network with an authenticating egress proxy reports every target down with 407.',
      cdns: "CDNs are reverse proxies and do not send 407; they pass an origin's 407 through uncached.",
    },
  },
  408: {
    meaning:
      'The server did not receive a complete request message within the time it was prepared to wait (RFC 9110 §15.5.9). In practice it is a statement about this connection: servers send it with Connection: close (RFC 9112 §9.6) and then close, and a client with a request in transit MAY repeat it, on a new connection if this one is no longer usable.',
    guarantees:
      'The server did not process the request; the client may repeat it on a new connection.',
    doesNotGuarantee:
      'It does not mean the server is slow or overloaded (that is 503 or 504), and it does not apply to the response taking long: 408 is about the request arriving too slowly.',
    whenToUse:
      'Idle keep-alive connections and slow or stalled uploads; servers also send it to close an idle connection on which no request started.',
    misuses: [
      'Using 408 when an upstream call timed out; a gateway should answer 504.',
      'Using 408 for a long-running application operation; the request arrived, so the right answers are 503, 504, or 202 with polling.',
    ],
    clients: {
      browsers:
        'Chromium and Firefox treat a 408 on a reused keep-alive connection as a stale connection and transparently resend the request on a fresh one, so users rarely see it.',
      apiClients:
        "Treated as retryable by most HTTP libraries and by curl's --retry, since the request was never processed.",
      crawlers: 'Googlebot retries later; repeated 408s read as server trouble and slow the crawl.',
      uptimeMonitors:
        'Rare; usually points at a middlebox cutting slow uploads or a very short server read timeout.',
      cdns: "Edges such as Cloudflare send 408 themselves when a client's request stalls; it is never cached.",
    },
  },
};
