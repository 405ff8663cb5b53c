import type { Prose } from './prose-type.js';

type Codes = 419 | 420 | 444 | 449 | 450 | 460 | 463 | 494 | 495 | 496 | 497 | 499 | 999;

/** Reader-facing prose for the well-known unregistered 4xx codes, and for the out-of-range 999. */
export const proseUnregistered4xx: Record<Codes, Prose> = {
  419: {
    meaning:
      'Laravel\'s answer when its CSRF middleware rejects a state-changing request: the form\'s _token (or the X-CSRF-TOKEN header) is missing or does not match the session, usually because the session expired while the form was open. Laravel labels it "Page Expired".',
    guarantees:
      'Within a Laravel application: the request was not processed and reloading the form to get a fresh token fixes it.',
    doesNotGuarantee:
      'Outside Laravel it means nothing; generic clients treat it as an unknown 4xx, i.e. as 400 (RFC 9110 §15).',
    whenToUse: 'Only as Laravel does; in other frameworks a CSRF failure is normally 403.',
    misuses: [
      'Copying 419 into non-Laravel APIs, where clients and monitors have no idea what it means.',
      'Letting AJAX front ends show a bare "419" instead of refreshing the token and retrying once.',
    ],
    clients: {
      browsers:
        'The user sees Laravel\'s "Page Expired" page after submitting a form left open too long.',
      apiClients:
        'SPA clients using Sanctum must first fetch /sanctum/csrf-cookie; forgetting it produces 419 on every POST.',
      crawlers: 'Crawlers do not submit forms; not relevant.',
      uptimeMonitors:
        'Only form-submitting synthetic checks meet it, usually because they replay a stale token.',
      cdns: 'Passed through; not heuristically cacheable, so an edge stores it only if the response carries explicit freshness (RFC 9111 §3).',
    },
  },
  420: {
    meaning:
      'Two unrelated private uses. Twitter\'s v1 Search and Streaming APIs answered "420 Enhance Your Calm" when a client was rate limited, before Twitter moved to the standard 429. Spring Framework once defined 420 "Method Failure" (from an early WebDAV draft) and has deprecated it.',
    guarantees:
      'None beyond the class: an unrecognised 4xx is handled as a 400 by generic clients (RFC 9110 §15).',
    doesNotGuarantee:
      'There is no Retry-After convention and no agreed meaning; the same number means "slow down" to one client and "method failed" to another.',
    whenToUse:
      'Never in new APIs: use 429 (with Retry-After) for rate limits and 424 or 422 for failed WebDAV-style operations.',
    misuses: [
      'Reusing 420 for rate limiting because of its fame; generic retry logic will not back off on it.',
    ],
    clients: {
      browsers: 'Displayed as a generic client error.',
      apiClients:
        'Old Twitter client libraries backed off on 420; modern SDKs do not recognise it and will not retry.',
      crawlers: 'Treated as a generic 4xx: not indexed.',
      uptimeMonitors: 'Counted as down, like any 4xx.',
      cdns: 'Not heuristically cacheable; Twitter sent it uncacheable, and an edge would store it only with explicit Cache-Control freshness.',
    },
  },
  444: {
    meaning:
      'Not a response at all: in nginx, "return 444;" makes the server close the connection without sending anything. 444 only appears in nginx\'s access log, to record that the request was dropped on purpose.',
    guarantees:
      'The client receives no status line, no headers and no body; the request went no further than nginx.',
    doesNotGuarantee:
      'The client cannot tell a deliberate 444 from a crash or a network failure; nothing on the wire says "refused".',
    whenToUse:
      'Dropping traffic you never want to answer: requests for unknown Host names on the default server, vulnerability scanners, abusive bots.',
    misuses: [
      'Using 444 for legitimate clients that deserve an error they can understand (403, 429).',
      'Expecting to see 444 in a browser or in curl: it is never sent, so a simulator can only reproduce it by closing the connection.',
    ],
    clients: {
      browsers: "Show a network error such as Chrome's ERR_EMPTY_RESPONSE.",
      apiClients:
        'See a connection closed before any response (curl: "(52) Empty reply from server"); many retry it as a transient network error.',
      crawlers:
        'Treat it as a connection failure, which Googlebot handles like a server error: it slows down and retries later.',
      uptimeMonitors: 'Report a connection error rather than a status code.',
      cdns: 'A CDN sees the origin close the connection and answers its own 502 or 520 to the client.',
    },
  },
  449: {
    meaning:
      'A Microsoft extension, "Retry With": the server cannot honour the request until the client performs some action and retries. Exchange ActiveSync uses it to tell a device it must run the Provision command (accept security policies) before syncing.',
    guarantees:
      'Within Exchange ActiveSync: the client can succeed after provisioning and retrying.',
    doesNotGuarantee:
      "Outside Microsoft's protocols it has no meaning; generic clients treat it as a 400.",
    whenToUse: 'Only inside protocols that define it (MS-ASHTTP).',
    misuses: [
      'Adopting 449 in public APIs; a 4xx with a problem+json body saying what to do is understood by every client.',
    ],
    clients: {
      browsers:
        'Displayed as a generic client error; browsers never receive it from Exchange ActiveSync.',
      apiClients:
        'ActiveSync mail clients (phones, Outlook mobile) provision and retry; other libraries treat it as an unknown 4xx.',
      crawlers: 'Not relevant.',
      uptimeMonitors:
        'An Exchange ActiveSync probe sees it when its test device profile needs re-provisioning.',
      cdns: 'Exchange ActiveSync traffic is not cached by CDNs; an edge would store a 449 only with explicit freshness.',
    },
  },
  450: {
    meaning:
      "Used by Windows Parental Controls (Windows Vista and 7) to report that a page was blocked by the family-safety settings. The code is produced on the user's own machine by the Windows networking stack, not by the remote web server.",
    guarantees: 'Only that the local policy blocked the request; the site itself was never asked.',
    doesNotGuarantee:
      "It says nothing about the site's availability, and servers should never send it.",
    whenToUse: 'Never from a server.',
    misuses: [
      'Reading a 450 in client telemetry as a server problem; it is a local content filter.',
    ],
    clients: {
      browsers:
        'Internet Explorer showed a "blocked by parental controls" page; modern browsers on supported Windows versions no longer meet it.',
      apiClients:
        'Only applications using WinINet on a parentally controlled account could see it.',
      crawlers: 'Never seen: crawlers do not run behind Windows Parental Controls.',
      uptimeMonitors: 'Never seen from monitoring networks.',
      cdns: 'Never involved: the block happens before any request leaves the machine.',
    },
  },
  460: {
    meaning:
      "Logged by AWS Application Load Balancers when the client closed the connection before the idle timeout elapsed, typically because the client's own timeout was shorter than the time the target needed to respond.",
    guarantees:
      'The load balancer had received the request; the response could not be delivered because the client left.',
    doesNotGuarantee:
      'It does not say whether the target processed the request: it often did, so a client-side retry may duplicate work.',
    whenToUse: 'It is an ALB log value, not something an application should send.',
    misuses: [
      'Counting 460s as server errors in dashboards; they measure impatient or timed-out clients.',
      'Fixing 460s by raising the ALB idle timeout when the client timeout is the shorter one.',
    ],
    clients: {
      browsers: 'The user navigated away or the tab closed; the browser never sees a 460.',
      apiClients: 'The client gave up (its timeout fired) and sees its own timeout error, not 460.',
      crawlers: 'A crawler with a short timeout shows up as 460s in ALB logs.',
      uptimeMonitors:
        'A monitor with a short timeout against a slow target appears in ALB logs as 460 and reports a timeout itself.',
      cdns: 'When CloudFront sits in front of the ALB, its origin timeout closing the connection shows up as 460 in the ALB logs.',
    },
  },
  463: {
    meaning:
      "Returned by AWS Application Load Balancers when the request's X-Forwarded-For header lists more than 30 IP addresses, which usually indicates a proxy loop or a chain of misconfigured proxies each appending an address.",
    guarantees: 'The request was rejected at the load balancer and never reached a target.',
    doesNotGuarantee:
      'It does not say which hop is adding addresses; the header itself has to be inspected.',
    whenToUse: 'Not an application code; it documents an ALB limit.',
    misuses: [
      'Treating it as a client bug when the loop is in your own proxy chain (for instance, a CDN forwarding back to itself).',
    ],
    clients: {
      browsers: 'Receive an error page from the load balancer; users cannot fix it.',
      apiClients: 'Fail with an unknown 4xx; retrying does not help.',
      crawlers: 'Treated as a generic 4xx.',
      uptimeMonitors:
        'Alert as down; a sudden appearance usually follows a proxy or CDN configuration change.',
      cdns: 'Most often caused by a CDN or proxy forwarding to itself repeatedly, each hop extending X-Forwarded-For.',
    },
  },
  494: {
    meaning:
      'nginx\'s internal code for a request header line or header section that does not fit in large_client_header_buffers. nginx rewrites it to 400 on the wire with the page "Request Header Or Cookie Too Large"; the 494 exists so that error_page can treat the case separately.',
    guarantees: 'The request was rejected before reaching any upstream.',
    doesNotGuarantee:
      'Clients never see 494 itself, only a 400, unless an error_page rule maps it to another code.',
    whenToUse:
      'Only in nginx configuration (error_page 494 ...); the standard answer for oversized headers is 431.',
    misuses: ['Sending 494 from an application; use 431 (RFC 6585 §5).'],
    clients: {
      browsers:
        'Show nginx\'s 400 "Request Header Or Cookie Too Large" page, usually fixed by clearing the site\'s cookies.',
      apiClients: 'Receive a 400 and cannot tell from the status that headers are the problem.',
      crawlers: 'Rarely affected: crawlers send small headers.',
      uptimeMonitors: 'Report a 400; the nginx error log says "client sent too long header line".',
      cdns: 'Edges with larger header limits may forward what nginx at the origin rejects, producing 400s only on the origin.',
    },
  },
  495: {
    meaning:
      'nginx\'s internal code for a client certificate that failed verification (ssl_verify_client). Like the other 49x codes it exists for error_page handling; the client receives a 400 with the page "The SSL certificate error".',
    guarantees:
      'The TLS handshake completed, but the certificate the client presented was not accepted.',
    doesNotGuarantee:
      'The client sees only 400, not which check failed (expiry, issuer, revocation); the nginx error log has the detail.',
    whenToUse: 'In nginx error_page rules for mutual-TLS deployments.',
    misuses: [
      'Expecting clients to distinguish certificate errors by status code; tell them in the body.',
    ],
    clients: {
      browsers:
        "Show nginx's 400 page; the user may have picked the wrong certificate in the browser's certificate prompt.",
      apiClients:
        'mTLS clients receive a 400 and must check which certificate and CA chain they sent.',
      crawlers: 'Crawlers do not present client certificates; they would meet 496, not 495.',
      uptimeMonitors: 'An mTLS monitor with an expired client certificate starts failing with 400.',
      cdns: "CDNs terminate TLS themselves; client-certificate checks at the origin see the CDN's certificate, not the user's.",
    },
  },
  496: {
    meaning:
      'nginx\'s internal code for a request without the client certificate that ssl_verify_client on requires. The client receives a 400 with the page "No required SSL certificate was sent".',
    guarantees: 'The server requires mutual TLS for this location and got no certificate.',
    doesNotGuarantee:
      'The client only sees 400; nothing at the HTTP level says a certificate is expected.',
    whenToUse:
      'In nginx error_page rules, e.g. to redirect users without certificates to instructions.',
    misuses: [
      'Using it as an access-control mechanism for browsers without explaining how to install a certificate.',
    ],
    clients: {
      browsers:
        'Show the 400 page when the user has no suitable certificate or dismissed the selection prompt.',
      apiClients:
        'Fail with 400 until configured with a client certificate and key (curl --cert/--key).',
      crawlers: 'Every crawler request gets it, so mTLS-protected URLs are never indexed.',
      uptimeMonitors: 'A monitor without a client certificate fails permanently with 400.',
      cdns: 'A CDN connecting to an mTLS origin must present its own client certificate (e.g. Cloudflare Authenticated Origin Pulls), or the origin answers 400.',
    },
  },
  497: {
    meaning:
      'nginx\'s internal code for a plain HTTP request that arrived on a port configured for HTTPS. nginx answers 400 with "The plain HTTP request was sent to HTTPS port", unless error_page 497 redirects it.',
    guarantees:
      'The server speaks TLS on this port; the same request over https:// will be understood.',
    doesNotGuarantee: 'The client only sees 400 (or whatever error_page maps 497 to).',
    whenToUse:
      'In nginx, "error_page 497 =301 https://$host$request_uri;" turns the mistake into a redirect.',
    misuses: [
      'Relying on 497 redirects for security: the first request already travelled in clear text; HSTS avoids that.',
    ],
    clients: {
      browsers: "Show nginx's 400 page when a user types http://host:443/.",
      apiClients:
        'Typically a misconfigured base URL (http:// with port 443); the fix is the scheme.',
      crawlers: 'Treated as a 400 unless redirected.',
      uptimeMonitors: 'A check configured with http:// on the HTTPS port fails with 400.',
      cdns: 'A CDN configured to reach the origin over HTTP on port 443 triggers it on every request.',
    },
  },
  499: {
    meaning:
      'nginx\'s log-only code for "client closed request": the client closed the connection while nginx was still processing the request, so no status could be sent. Cloudflare logs it too for the same reason.',
    guarantees: 'The client stopped waiting; nothing was delivered to it.',
    doesNotGuarantee:
      'It does not mean the upstream stopped working: the backend may have completed the request (proxy_ignore_client_abort decides whether nginx keeps waiting).',
    whenToUse: 'Never sent; it is a logging value.',
    misuses: [
      "Counting 499s as server errors, or ignoring a surge of them: they usually mean responses are slower than clients' timeouts.",
    ],
    clients: {
      browsers:
        'Users navigating away or cancelling fetch() (AbortController) leave 499s in the server log.',
      apiClients: 'The client hit its own timeout and reports that; the server logs 499.',
      crawlers:
        'Crawlers with short timeouts against slow pages leave 499s and, from their side, record a timeout.',
      uptimeMonitors: 'Monitor timeouts against slow endpoints appear as 499 in nginx logs.',
      cdns: "Cloudflare records 499 in its logs when the visitor disconnects before it finished; origins behind CDNs see 499 when the CDN's own origin timeout fires first.",
    },
  },
  999: {
    meaning:
      "LinkedIn's refusal of requests it classifies as automated: crawlers, scrapers and link-preview fetchers it does not recognise. RFC 9110 §15 calls any value outside 100..599 invalid and says a client SHOULD process such a response as a 5xx (Server Error), even though LinkedIn means it as a refusal of the client.",
    guarantees:
      'None from HTTP: a conforming client treats it as a server error, and a strict one may reject the response as malformed.',
    doesNotGuarantee:
      'It does not mean the page is missing or that the same request from a browser would fail.',
    whenToUse:
      "Never. It is kept here as documentation; Switchyard's simulator only serves 100..599 and cannot produce it.",
    misuses: [
      "Inventing out-of-range codes: many clients throw on them (Node's res.writeHead accepts only 100..999, and some parsers only 100..599).",
    ],
    clients: {
      browsers: 'Logged-in browser sessions rarely see it; anonymous automated fetches do.',
      apiClients:
        'Libraries differ: some raise a protocol error for a status above 599, others hand it through as an unknown code.',
      crawlers: 'Link checkers and SEO crawlers report LinkedIn URLs as broken with 999.',
      uptimeMonitors:
        'Monitoring LinkedIn pages produces constant 999 failures; they are bot blocks, not outages.',
      cdns: 'Relayed as an unknown status by the edges that accept it; not heuristically cacheable, so stored only with explicit Cache-Control freshness.',
    },
  },
};
