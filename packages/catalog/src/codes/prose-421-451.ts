import type { Prose } from './prose-type.js';

/** Reader-facing prose for 421..451 except 426 (RFC 9110, RFC 4918, RFC 8470, RFC 6585, RFC 7725). */
export const prose421to451: Record<421 | 422 | 423 | 424 | 425 | 428 | 429 | 431 | 451, Prose> = {
  421: {
    meaning:
      'The request was directed at a server that is unable or unwilling to produce an authoritative response for the target URI (RFC 9110 §15.5.20): the scheme and authority do not match an origin this server is configured for, or do not match the connection the request arrived on (§7.4). A proxy MUST NOT generate it.',
    guarantees:
      'The request was not processed, so the client MAY retry it on a different connection, even when the method is not idempotent.',
    doesNotGuarantee:
      'It does not mean the resource is missing, and it does not by itself forbid reusing the connection for other requests to other origins.',
    whenToUse:
      'When HTTP/2 or HTTP/3 connection coalescing sends a request for host B over a connection opened for host A (the certificate covers both) but this server does not serve B; when the Host does not match the TLS SNI name.',
    misuses: [
      'Sending 421 from a forward proxy (RFC 9110 forbids it).',
      'Using it as a generic "wrong host" 404 for plain HTTP/1.1 virtual hosts; there is no other connection to retry on, so 404 or 400 says more.',
    ],
    clients: {
      browsers:
        'Chromium and Firefox coalesce HTTP/2 connections across hostnames sharing a certificate and IP, and on 421 they transparently retry on a dedicated connection, so users do not see it.',
      apiClients:
        'Clients that open one connection per hostname rarely receive it; those that coalesce connections must retry on a fresh one, and how well they do that varies by library.',
      crawlers:
        'Googlebot opens connections per host and rarely meets it; if it does, the URL is retried later like other errors.',
      uptimeMonitors:
        "Appears when a monitor connects by IP or with a mismatched SNI; Apache httpd's mod_ssl answers 421 when Host differs from the SNI name.",
      cdns: 'Edges with wildcard or multi-domain certificates must answer 421 when a coalesced request reaches a host they do not serve; not cached.',
    },
  },
  422: {
    meaning:
      'The server understands the content type and the content is syntactically correct, but it cannot process the contained instructions (RFC 9110 §15.5.21). Originally WebDAV\'s "Unprocessable Entity" (RFC 4918 §11.2), it is now a core HTTP code, renamed "Unprocessable Content".',
    guarantees:
      'The content parsed; the problem is its meaning. The request was not applied, and the body should say which values are wrong.',
    doesNotGuarantee:
      'There is no standard error format; RFC 9457 problem details (with an extension member listing invalid fields) is the interoperable choice.',
    whenToUse:
      'Validation failures on well-formed JSON: a date in the past where a future one is required, an unknown enum value, a field that fails a business rule.',
    misuses: [
      'Using 422 for unparseable JSON (that is 400) or for the wrong Content-Type (415).',
      'Using it for conflicts with server state such as duplicates; 409 tells the client that the state, not the input, is the problem.',
    ],
    clients: {
      browsers: 'No built-in behaviour; form libraries read the body to highlight fields.',
      apiClients:
        'Widely used for validation: Rails answers :unprocessable_entity (:unprocessable_content since Rack 3.1), FastAPI returns 422 for request validation errors, and GitHub\'s API returns 422 "Validation Failed". Not retried.',
      crawlers: 'Not met when only GETting pages; treated as a generic 4xx.',
      uptimeMonitors: 'Only in POST checks whose fixture data has gone stale.',
      cdns: 'Not cached; it answers unsafe requests.',
    },
  },
  423: {
    meaning:
      'WebDAV (RFC 4918 §11.3): the source or destination resource of a method is locked, typically because the request did not submit the lock token in its If header. The body SHOULD contain a precondition or postcondition code such as lock-token-submitted or no-conflicting-lock.',
    guarantees:
      'Nothing was changed. Once the lock is released, or when the request carries the right lock token, the operation may proceed.',
    doesNotGuarantee:
      'It does not say who holds the lock or when it expires; a PROPFIND of the lockdiscovery property can tell.',
    whenToUse:
      'WebDAV and document-management servers enforcing write locks (a file open for editing in Office, a checked-out SharePoint document).',
    misuses: [
      'Using 423 for a locked user account; that is an authentication or authorization matter (401/403).',
      'Returning 423 from a non-WebDAV API for generic "busy" states, where 409 or 503 is better understood.',
    ],
    clients: {
      browsers:
        'Browsers do not speak WebDAV locking; script-driven editors must handle 423 themselves.',
      apiClients:
        "WebDAV clients (Windows Explorer's mini-redirector, macOS Finder, Microsoft Office, davfs2, rclone) report the file as locked for editing by someone else.",
      crawlers: 'Not relevant: locks affect write methods, which crawlers do not use.',
      uptimeMonitors:
        'Only WebDAV write probes (a synthetic upload to a share, say) meet it, typically when a crashed client left a stale lock behind.',
      cdns: 'Not cached; WebDAV write methods are passed through.',
    },
  },
  424: {
    meaning:
      'WebDAV (RFC 4918 §11.4): the method could not be performed on the resource because the requested action depended on another action that failed. It mostly appears inside a 207 Multi-Status body, e.g. when one property in an atomic PROPPATCH fails and the others are reported as 424.',
    guarantees:
      'This part of the operation was not performed, and the real cause is reported with its own status elsewhere in the same response.',
    doesNotGuarantee:
      'It does not carry the cause itself: a client must look at the other statuses in the Multi-Status body.',
    whenToUse:
      'Inside 207 responses for operations that must succeed or fail together; batch APIs sometimes reuse it per item for the same purpose.',
    misuses: [
      'Returning 424 as the top-level status for a failed call to an upstream service; that is 502 or 504.',
      'Reporting 424 without also reporting the failure it depends on.',
    ],
    clients: {
      browsers: 'Never handled specially; mostly invisible inside 207 XML bodies.',
      apiClients:
        'WebDAV and CalDAV/CardDAV clients parse it per resource from Multi-Status; generic HTTP clients just see a 4xx.',
      crawlers: 'Not relevant to crawling.',
      uptimeMonitors:
        'Never seen by GET checks; it lives inside the 207 bodies of WebDAV batch operations.',
      cdns: 'Not cached; it answers unsafe methods.',
    },
  },
  425: {
    meaning:
      'The server is unwilling to risk processing a request that might be replayed (RFC 8470 §5.2). It applies to requests sent in TLS 1.3 early data (0-RTT), which an attacker can replay; intermediaries mark such requests with Early-Data: 1 (RFC 8470 §5.1).',
    guarantees:
      'The request was not processed. A user agent that sent it in early data SHOULD retry automatically, and the retry MUST NOT be sent in early data (RFC 8470 §5.2). The 425 is not cacheable by default.',
    doesNotGuarantee:
      'It says nothing about the request itself being wrong; the same request sent after the handshake is expected to be processed normally.',
    whenToUse:
      'For non-idempotent or otherwise replay-sensitive requests (payments, state changes) that arrive in early data or with Early-Data: 1.',
    misuses: [
      'Sending 425 for a request that did not arrive in early data and carries no Early-Data: 1 (RFC 8470 §5.2: SHOULD NOT); the client has no reason or means to retry differently.',
      'Using "Too Early" for "the resource is not ready yet" (e.g. a report still being built); that is 202 or 503 with Retry-After.',
    ],
    clients: {
      browsers:
        'Browsers that use 0-RTT (Chrome and Firefox over TLS 1.3 and QUIC) retry a 425 after the handshake, invisibly to the user.',
      apiClients: 'Most API clients do not send early data and never see it.',
      crawlers: 'Crawlers generally do not use 0-RTT; not relevant to indexing.',
      uptimeMonitors:
        'Monitors open fresh TLS connections without session tickets, so they cannot send 0-RTT data and never trigger it.',
      cdns: "Cloudflare, with 0-RTT enabled, forwards early-data requests to the origin with Early-Data: 1; an intermediary that did so MUST pass the origin's 425 back, and the browser then retries after the handshake.",
    },
  },
  428: {
    meaning:
      'The origin server requires the request to be conditional (RFC 6585 §3). It exists to prevent the "lost update" problem: a client GETs a resource, modifies it and PUTs it back while someone else changed it in between. Requiring If-Match makes the second writer fail with 412 instead of silently overwriting.',
    guarantees:
      'Nothing was changed; the same request with a precondition (If-Match with the ETag from a fresh GET) will be evaluated. Per RFC 6585 §3, caches MUST NOT store it.',
    doesNotGuarantee: 'It does not say which precondition is expected unless the body explains it.',
    whenToUse:
      'On PUT, PATCH or DELETE of shared resources where concurrent edits are likely and clients are expected to use ETags.',
    misuses: [
      'Answering 428 to a request that did carry a precondition which failed; that is 412.',
      'Requiring conditions on GET, where they are optional optimisations.',
    ],
    clients: {
      browsers: 'No automatic handling; script must GET the resource, read its ETag and resend.',
      apiClients:
        'Generated SDKs for APIs that require If-Match usually expose an etag parameter; generic clients fail until the developer adds it.',
      crawlers: 'Not relevant: crawlers only read.',
      uptimeMonitors:
        'A write-path probe that PUTs without first reading the ETag fails with 428, by design.',
      cdns: 'Never stored (RFC 6585 §3); passed through from the origin.',
    },
  },
  429: {
    meaning:
      'The user has sent too many requests in a given amount of time (RFC 6585 §4). The response should explain the condition and MAY include Retry-After saying how long to wait. RFC 6585 does not define how the limit is counted or keyed (per user, per IP, per token).',
    guarantees:
      'The request was not processed, so it is safe to retry later; Retry-After, when present, gives the earliest sensible time. Caches MUST NOT store it (RFC 6585 §4).',
    doesNotGuarantee:
      'It does not say when the limit resets unless Retry-After or vendor headers (X-RateLimit-Reset, or the RateLimit fields from the IETF httpapi drafts) say so, and it does not promise the next request after the wait will be accepted.',
    whenToUse:
      'Per-client rate limits and quotas. Pair it with Retry-After; for a server that is overloaded for everyone, 503 is the better signal.',
    misuses: [
      'Sending 429 without Retry-After, so every client guesses its own back-off and they retry in synchronised waves.',
      "Using 503 (nginx's limit_req default status) or 403 for rate limiting: clients and crawlers read those as an outage or a ban.",
    ],
    clients: {
      browsers: "No automatic retry; the page's script must back off.",
      apiClients:
        "Most SDKs retry with exponential back-off and honour Retry-After (the AWS, Google Cloud, Stripe and OpenAI libraries, urllib3's Retry with respect_retry_after_header); curl --retry treats 429 as transient.",
      crawlers:
        'Googlebot treats 429 like a server error: it slows its crawl rate for the site, and URLs that keep answering 429 for a long time can drop out of the index.',
      uptimeMonitors:
        'Monitors hitting a rate-limited endpoint flap between up and down; exempt their IPs or use a dedicated health endpoint.',
      cdns: 'Never stored (RFC 6585 §4). CDN rate-limiting products (Cloudflare Rate Limiting, AWS WAF rate rules) generate 429 at the edge.',
    },
  },
  431: {
    meaning:
      'The server is unwilling to process the request because its header fields are too large (RFC 6585 §5): either one field or the header section as a whole. The body SHOULD say which. RFC 9110 §5.4 requires a 4xx in this case without naming one; 431 is the specific answer.',
    guarantees:
      'Nothing was processed; the same request with smaller or fewer header fields (typically fewer cookies) may succeed. Caches MUST NOT store it (RFC 6585 §5).',
    doesNotGuarantee:
      'It does not state the limit, which differs per server: Node.js defaults to 16 KB for the whole header section, nginx to buffers of 8 KB per line.',
    whenToUse:
      'Oversized Cookie headers, huge Authorization tokens (JWTs stuffed with claims), runaway custom headers.',
    misuses: [
      'Answering 400 instead (nginx does, via its internal 494), which hides the cause from users and developers.',
      'Answering 413, which is about the content, not the header section.',
    ],
    clients: {
      browsers:
        'Browsers resend every cookie for the domain; once a site sets too many, each request fails with 431 (or 400) until the user clears cookies for the site.',
      apiClients:
        'Not retried; usually traced to a bloated token. Node.js servers answer 431 when --max-http-header-size is exceeded.',
      crawlers: 'Crawlers send small headers and rarely meet it.',
      uptimeMonitors: 'Seen only when a check adds large custom headers or auth tokens.',
      cdns: 'Never stored (RFC 6585 §5); CDN edges impose their own header limits (roughly 32 KB at Cloudflare) and may answer 431 or 400 themselves.',
    },
  },
  451: {
    meaning:
      "The server is denying access to the resource as a consequence of a legal demand (RFC 7725 §3): a court order, a government block list, a copyright takedown, sanctions. The number references Ray Bradbury's Fahrenheit 451.",
    guarantees:
      'The refusal is legal, not technical. The blocking entity SHOULD identify itself in a Link header with rel="blocked-by" (RFC 7725 §4), and the body SHOULD explain the demand. The response is cacheable by default (RFC 7725 §3).',
    doesNotGuarantee:
      'It implies neither existence nor non-existence of the resource, and the server sending it may not be the origin (an ISP can block on the way). Removing the legal demand may still leave the resource unavailable.',
    whenToUse:
      'Content withheld in some jurisdictions, takedowns, geo-blocking required by law. Use rel="blocked-by" to name the entity implementing the block, not the one demanding it.',
    misuses: [
      'Using 451 for content blocked for business reasons (licensing regions, paywalls); that is 403.',
      'Sending 451 without any explanation of the demand in the body.',
    ],
    clients: {
      browsers: 'Render the explanatory body; no special UI.',
      apiClients:
        'Treated as a non-retryable client error; GitHub, for one, serves 451 for repositories disabled after legal takedowns.',
      crawlers:
        'Googlebot treats it like other 4xx codes: the URL is not indexed from the region that sees the 451.',
      uptimeMonitors:
        'Monitors probing from several regions see 451 only from some, which looks like a partial outage; several US news sites did this to EU visitors when the GDPR took effect in 2018.',
      cdns: 'Cacheable by default, so edges may store it; geo-dependent 451s need Vary or CDN-side geo rules so other regions are not served the block.',
    },
  },
};
