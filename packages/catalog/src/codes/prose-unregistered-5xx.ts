import type { Prose } from './prose-type.js';

type Codes = 509 | 520 | 521 | 522 | 523 | 524 | 525 | 526 | 527 | 530 | 561 | 598 | 599;

/** Reader-facing prose for the well-known unregistered 5xx codes. */
export const proseUnregistered5xx: Record<Codes, Prose> = {
  509: {
    meaning:
      'A shared-hosting convention (Apache bandwidth-limiting modules, cPanel/WHM): the site has used up the bandwidth its hosting plan allows for the current period. IANA leaves 509 unassigned.',
    guarantees:
      'Only the generic 5xx meaning for clients that do not know the convention: the server failed the request (treated as 500, RFC 9110 §15).',
    doesNotGuarantee:
      'It does not say when the quota resets; the site usually stays down until the next billing period or an upgrade.',
    whenToUse:
      'Not in new software; if a quota is per client use 429, if the whole service is unavailable use 503 with Retry-After.',
    misuses: ['Returning 509 for per-user API quotas, where 429 tells clients to back off.'],
    clients: {
      browsers: 'Show the host\'s "Bandwidth Limit Exceeded" page.',
      apiClients:
        'Treated as a generic 5xx and retried by some, pointlessly, until the quota resets.',
      crawlers:
        'Handled like other 5xx: crawl slows; a whole month of 509 drops pages from the index.',
      uptimeMonitors: 'Alert as down; the fix is billing, not engineering.',
      cdns: 'Putting a CDN in front reduces origin bandwidth and is the usual cure; the 509 itself is not cached.',
    },
  },
  520: {
    meaning:
      "Cloudflare's catch-all for an origin response it could not use: the origin reset the connection, returned an empty response, sent headers over Cloudflare's limits, or answered with something that is not valid HTTP.",
    guarantees: 'Cloudflare connected to the origin; the problem is in what came back.',
    doesNotGuarantee:
      'It does not say which of those causes applied; origin logs around the Ray ID shown on the error page are needed.',
    whenToUse: 'Cloudflare-generated only; an origin must never send it.',
    misuses: [
      "An origin that crashes mid-response and relies on Cloudflare's 520 page instead of returning a proper 500.",
    ],
    clients: {
      browsers: "Show Cloudflare's branded error page with a Ray ID.",
      apiClients:
        'See an unknown 5xx with an HTML body instead of the API\'s JSON; most retry policies that cover "5xx" will retry it.',
      crawlers: 'Treated as a 5xx: Googlebot slows down and retries.',
      uptimeMonitors:
        'Alert; the 52x number tells the on-call engineer that the edge is fine and the origin is not.',
      cdns: 'Cloudflare generates it and does not cache it.',
    },
  },
  521: {
    meaning:
      "Cloudflare could not open a TCP connection to the origin because the origin refused it: the web server is down, or a firewall rejects Cloudflare's IP ranges.",
    guarantees: 'The request never reached the origin application.',
    doesNotGuarantee:
      'It does not distinguish a stopped server from a firewall rule blocking Cloudflare.',
    whenToUse:
      'Never sent by origins; Cloudflare emits it when the origin refuses the TCP connection.',
    misuses: [
      "Rate-limiting or blocking Cloudflare's own IP ranges at the origin firewall, which turns into 521s for every visitor.",
    ],
    clients: {
      browsers: 'Show Cloudflare\'s "Web server is down" page.',
      apiClients: 'See an unknown 5xx; it is safe to retry because nothing reached the origin.',
      crawlers:
        'Googlebot treats it as a server error: an origin that refuses connections for long loses its pages from the index.',
      uptimeMonitors:
        'Alert; checking the origin directly (bypassing Cloudflare) shows whether the server is up.',
      cdns: 'Cloudflare generates it and does not cache it; Always Online can serve an archived copy instead.',
    },
  },
  522: {
    meaning:
      "Cloudflare's TCP connection attempt to the origin timed out: no SYN-ACK came back. Typical causes are an overloaded origin, a firewall silently dropping Cloudflare's packets, or a wrong origin IP in DNS.",
    guarantees: 'The request did not reach the origin application.',
    doesNotGuarantee:
      'It does not say whether the origin is down or merely unreachable from some Cloudflare data centres.',
    whenToUse:
      'Never sent by origins; Cloudflare emits it after its TCP connection attempts to the origin go unanswered.',
    misuses: [
      "Dropping (instead of rejecting) traffic from Cloudflare's ranges at the origin, which converts into slow 522s instead of fast 521s.",
    ],
    clients: {
      browsers: 'Show Cloudflare\'s "Connection timed out" page after a noticeable wait.',
      apiClients:
        "See an unknown 5xx; a discussion in the curl project (curl/curl#16143) proposed adding 522 to --retry's transient codes because Cloudflare sends it where other proxies would send 504.",
      crawlers: 'Treated as a 5xx: crawl slows.',
      uptimeMonitors: 'Alert with long response times preceding the error.',
      cdns: 'Generated at the Cloudflare edge and never cached; each retry makes a new connection attempt to the origin.',
    },
  },
  523: {
    meaning:
      'Cloudflare could not reach the origin at all: its DNS record points to an address that is not routable, or there is a routing problem between Cloudflare and the origin network.',
    guarantees: 'The request did not reach the origin.',
    doesNotGuarantee:
      'It does not say whether the cause is a DNS record, an origin IP change or a network outage.',
    whenToUse:
      'Never sent by origins; Cloudflare emits it when the origin address cannot be reached.',
    misuses: [
      "Changing the origin's IP without updating the Cloudflare DNS record, then treating 523 as a Cloudflare outage.",
    ],
    clients: {
      browsers: 'Show Cloudflare\'s "Origin is unreachable" page.',
      apiClients: 'See an unknown 5xx; retries fail until DNS or routing is fixed.',
      crawlers:
        'Googlebot sees a 5xx; if the DNS record stays wrong, the crawl backs off and pages eventually fall out of the index.',
      uptimeMonitors: 'Alert; usually coincides with a hosting migration.',
      cdns: 'Generated at the edge and not cached; Cloudflare cannot fall back to another origin unless its Load Balancing is configured.',
    },
  },
  524: {
    meaning:
      "Cloudflare connected to the origin and sent the request, but the origin did not send an HTTP response before Cloudflare's proxy read timeout (100 seconds by default; Enterprise plans can raise it).",
    guarantees: 'The origin received the request.',
    doesNotGuarantee:
      'It does not say whether the origin finished: a long job may complete after the visitor saw 524, so retries can duplicate work.',
    whenToUse:
      'Cloudflare-generated only; long operations behind Cloudflare should return 202 and be polled.',
    misuses: [
      'Running report generation or large exports synchronously behind Cloudflare and treating the 524 as a Cloudflare bug.',
    ],
    clients: {
      browsers: 'Show Cloudflare\'s "A timeout occurred" page after about 100 seconds.',
      apiClients:
        'See an unknown 5xx; retrying a non-idempotent request is unsafe because the origin may have completed it.',
      crawlers:
        'Googlebot sees a 5xx and lowers its crawl rate, which at least lightens the load on the slow origin.',
      uptimeMonitors:
        'Usually give up before 100 seconds and report their own timeout rather than the 524.',
      cdns: 'Cloudflare generates it and does not cache it; it plays the role of 504 for Cloudflare.',
    },
  },
  525: {
    meaning:
      'The TLS handshake between Cloudflare and the origin failed (SSL mode Full or Full strict): the origin has no certificate on port 443, supports no cipher suite or TLS version in common with Cloudflare, or does not handle SNI.',
    guarantees:
      'The TCP connection succeeded; TLS to the origin did not, so no request reached the application.',
    doesNotGuarantee:
      "It says nothing about the visitor's TLS connection to Cloudflare, which worked.",
    whenToUse:
      'Never sent by origins; Cloudflare emits it when TLS to the origin cannot be negotiated.',
    misuses: [
      'Switching Cloudflare to Flexible SSL to make 525 go away, which leaves the Cloudflare-to-origin leg unencrypted.',
    ],
    clients: {
      browsers:
        'Show Cloudflare\'s "SSL handshake failed" page; the padlock is fine because the visitor\'s own TLS worked.',
      apiClients: "See an unknown 5xx; retries fail until the origin's TLS is fixed.",
      crawlers:
        "Googlebot sees a server error; the site stays uncrawlable until the origin's TLS is fixed.",
      uptimeMonitors:
        'Alert; a direct TLS check of the origin (openssl s_client -servername) shows the failure.',
      cdns: "Cloudflare-generated and never cached; it is the origin's TLS configuration, not the edge's, that needs fixing.",
    },
  },
  526: {
    meaning:
      "With SSL mode Full (strict), Cloudflare could not validate the origin's certificate: it is expired, self-signed, issued by an untrusted CA, or does not match the hostname Cloudflare asked for.",
    guarantees:
      'TLS to the origin was set up but rejected on certificate validation; no request reached the application.',
    doesNotGuarantee: 'It does not say which validation step failed.',
    whenToUse:
      'Never sent by origins; Cloudflare emits it when the origin certificate fails validation in Full (strict) mode.',
    misuses: [
      'Downgrading from Full (strict) to Full to silence it, which stops verifying the origin at all; install a valid or Cloudflare Origin CA certificate instead.',
    ],
    clients: {
      browsers: 'Show Cloudflare\'s "Invalid SSL certificate" page.',
      apiClients: 'See an unknown 5xx; often appears the day an origin certificate expires.',
      crawlers:
        'Googlebot sees a server error even though the visitor-facing certificate is perfectly valid.',
      uptimeMonitors:
        'Alert; certificate-expiry monitoring of the origin would have warned earlier.',
      cdns: 'Never cached; a Cloudflare Origin CA certificate, which the edge trusts, is the quickest fix.',
    },
  },
  527: {
    meaning:
      'Cloudflare Railgun error: the connection between Cloudflare and the Railgun listener at the origin failed (timeout, refused, TLS or proxy error). Railgun, a WAN-optimisation product, has been retired, so 527 no longer appears in current Cloudflare documentation.',
    guarantees: 'Historically: the request did not reach the origin through Railgun.',
    doesNotGuarantee: 'It carries no meaning outside Railgun deployments.',
    whenToUse: 'Not any more; kept for reading old logs.',
    misuses: [
      'Reusing 527 for any other origin-connection problem; the other 52x codes or 502 say more.',
    ],
    clients: {
      browsers: 'Showed a Cloudflare error page when Railgun was in use.',
      apiClients: 'An unknown 5xx.',
      crawlers: 'Handled as a 5xx, back when Railgun existed.',
      uptimeMonitors: 'Alerted like other 52x codes.',
      cdns: 'Cloudflare-only; not cached.',
    },
  },
  530: {
    meaning:
      'Returned by Cloudflare together with a 1xxx error in the body, most often 1016 (origin DNS error) or 1033 (Cloudflare Tunnel error): Cloudflare cannot resolve or reach the configured origin. Pantheon also uses 530 for a site that has been frozen.',
    guarantees: 'Cloudflare never reached the origin; the 1xxx code explains why.',
    doesNotGuarantee: 'The status alone does not say which 1xxx error applies; read the body.',
    whenToUse: 'Cloudflare- or Pantheon-generated only.',
    misuses: [
      'Diagnosing a 530 without reading the 1xxx code on the page, which names the actual problem.',
    ],
    clients: {
      browsers: "Show Cloudflare's error page with the 1xxx code.",
      apiClients: 'See an unknown 5xx with an HTML body.',
      crawlers:
        'Googlebot treats it as a 5xx; a Cloudflare Tunnel that stays down makes the crawl back off.',
      uptimeMonitors:
        'Alert; common after deleting an origin DNS record or stopping a Cloudflare Tunnel (cloudflared).',
      cdns: 'Generated at the Cloudflare edge and not cached; the 1xxx code in the body says which origin problem it is.',
    },
  },
  561: {
    meaning:
      'Returned by AWS Application Load Balancers that use the authenticate-oidc or authenticate-cognito listener action when the identity provider returns an error code while authenticating the user.',
    guarantees: 'The request did not reach the target; authentication at the load balancer failed.',
    doesNotGuarantee:
      'It does not say what the identity provider objected to; the ALB access log and the IdP logs do.',
    whenToUse: 'ALB-generated only.',
    misuses: [
      'Treating it as a generic server outage: it is an authentication configuration problem (client ID, secret, endpoints, redirect URI).',
    ],
    clients: {
      browsers: "Show the load balancer's error page after the login redirect round-trip.",
      apiClients:
        'Non-browser clients should not go through ALB OIDC authentication at all; they would meet redirects first.',
      crawlers: 'Never authenticate, so they see the login redirect rather than 561.',
      uptimeMonitors:
        'Browser-based synthetic logins fail with 561 when the IdP configuration changes.',
      cdns: 'Generated by the load balancer and sent without cache freshness, so caches in front of it do not store it.',
    },
  },
  598: {
    meaning:
      'An informal convention used by some HTTP proxies to report a network read timeout behind the proxy. It has no specification and no registration; 504 covers the same case in standard HTTP.',
    guarantees:
      'Only the generic 5xx meaning (treated as 500 by clients that do not know it, RFC 9110 §15).',
    doesNotGuarantee: 'Nothing about whether the upstream processed the request.',
    whenToUse: 'Not recommended; a gateway should answer 504 Gateway Timeout.',
    misuses: ['Emitting 598 from public gateways, where clients and dashboards expect 504.'],
    clients: {
      browsers: 'Shown as a generic server error.',
      apiClients:
        'An unknown 5xx; retry behaviour depends on whether the policy lists 5xx ranges or specific codes.',
      crawlers: 'Treated as a 5xx.',
      uptimeMonitors: 'Alert as a 5xx.',
      cdns: 'Not heuristically cacheable (RFC 9110 §15.1); stored by an edge only if the proxy added explicit freshness, which it should not.',
    },
  },
  599: {
    meaning:
      'An informal convention for a network connect timeout behind a proxy. Client libraries also use it as a sentinel: Tornado\'s HTTP client reports 599 when no HTTP response was received at all (connection failure or timeout), so a "599" in such logs never crossed the wire.',
    guarantees: 'Only the generic 5xx meaning when a server sends it.',
    doesNotGuarantee:
      'When a client library reports it, it does not mean the server answered; it means nothing was received.',
    whenToUse: 'Not recommended from servers; use 504 (or 502 for a refused connection).',
    misuses: ['Counting client-side 599 sentinels as server responses in analytics.'],
    clients: {
      browsers: 'Shown as a generic server error if a server ever sends it.',
      apiClients:
        'Tornado-based clients (and tools built on it) raise HTTPClientError with code 599 for timeouts and connection errors.',
      crawlers:
        'Treated as a 5xx, or as a connection failure when the code is a client-side sentinel.',
      uptimeMonitors:
        'Some Python-based monitors surface 599 for "no response", which is really a connectivity alert.',
      cdns: "A CDN treats an origin's 599 as an unknown server error and does not cache it.",
    },
  },
};
