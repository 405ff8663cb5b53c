import type { HeaderRequirement, StatusEntry } from '../types.js';
import { rfc, rfc9110 } from '../cite.js';

/** The simulator's redirect target: a page that answers 200, so a followed redirect ends well. */
const redirectTarget = '{origin}/api/status/200';

/** Location as a redirect carries it; `why` names the section that asks for it. */
function location(why: string, level: HeaderRequirement['level'] = 'expected'): HeaderRequirement {
  return { name: 'Location', level, why, simulatorDefault: redirectTarget };
}

/** 3xx: further action by the user agent is needed to fulfil the request (RFC 9110 §15.4). */
export const redirection: StatusEntry[] = [
  {
    code: 300,
    reason: 'Multiple Choices',
    class: 'redirection',
    registered: true,
    defined: rfc9110('15.4.1'),
    seeAlso: [rfc9110('12'), rfc9110('10.2.2')],
    contentAllowed: true,
    heuristicallyCacheable: true,
    headers: [
      location(
        'RFC 9110 §15.4.1: if the server has a preferred choice it SHOULD send it in Location.',
        'optional',
      ),
    ],
    summary: 'Several representations exist; the client (or user) picks one.',
    meaning:
      'The target resource has several representations, each with its own more specific URI, and the server wants the user agent or the user to choose one (RFC 9110 §15.4.1). If the server has a preference it should put that URI in Location; the content usually lists the choices with links. There is no standard format for that list.',
    guarantees:
      'Each listed choice is a representation of the target. The response is heuristically cacheable (RFC 9110 §15.1).',
    doesNotGuarantee:
      'That any client will choose automatically: browsers and most libraries do not follow a 300, even with a Location.',
    whenToUse:
      'Rarely: when proactive content negotiation (Accept, Accept-Language) cannot pick a representation and a human should choose, e.g. a document available in several formats or languages.',
    misuses: [
      'Using 300 as a generic redirect: browsers will not follow it.',
      'A 300 with neither a Location nor a list of choices in the content, leaving the client nowhere to go.',
      'Answering 300 where 406 or a sensible default representation would serve the client better.',
    ],
    clients: {
      browsers:
        "Not followed: the Fetch standard's redirect statuses are 301, 302, 303, 307 and 308, so the browser renders the 300's content and fetch() resolves with ok false.",
      apiClients:
        'Generally not followed (Python requests follows only 301, 302, 303, 307 and 308); the client gets the 300 and its content.',
      crawlers:
        'Treated as a page with links rather than a redirect; the choices are crawled like ordinary links.',
      uptimeMonitors: 'Reported as a 3xx; many monitors count any 3xx as up, others flag it.',
      cdns: 'Heuristically cacheable, so CDNs may keep it when Last-Modified or explicit freshness is present.',
    },
    related: [406, 302, 200],
  },
  {
    code: 301,
    reason: 'Moved Permanently',
    class: 'redirection',
    registered: true,
    defined: rfc9110('15.4.2'),
    seeAlso: [rfc9110('15.4'), rfc9110('10.2.2')],
    contentAllowed: true,
    heuristicallyCacheable: true,
    headers: [
      location('RFC 9110 §15.4.2: the server SHOULD send the new permanent URI in Location.'),
    ],
    summary: 'The resource has a new permanent URI (Location); clients may rewrite POST to GET.',
    meaning:
      'The resource has a new permanent URI, given in Location, and future references should use it (RFC 9110 §15.4.2). Clients that can edit links should update them. For historical reasons a user agent may change a POST into a GET when following it.',
    guarantees:
      'The target has moved for good; Location holds the new URI. The response is heuristically cacheable (RFC 9110 §15.1), so clients and caches may remember the move.',
    doesNotGuarantee:
      'That the method and content survive the redirect: browsers and many libraries turn POST into GET. That it can be undone quickly: browsers and CDNs may keep serving a cached 301 long after the server stops sending it.',
    whenToUse:
      'Permanent URL changes for GET and HEAD: domain moves, http to https, restructured paths. For a permanent move of an endpoint that receives POST, PUT or DELETE, use 308.',
    misuses: [
      '301 for a temporary move (maintenance pages, A/B tests): browsers cache it and keep redirecting after you switch back.',
      '301 for an API endpoint that receives POST: clients follow with GET and drop the body; use 308.',
      'Redirect chains (a -> b -> c) and loops; crawlers give up after a few hops.',
      'A Location with a relative path resolved against the wrong base behind a proxy.',
    ],
    clients: {
      browsers:
        'Followed automatically; a POST becomes a GET without content (Fetch: 301 and 302 rewrite POST). The redirect is cached, sometimes for a long time, and replaces the URL in the address bar.',
      apiClients:
        "curl follows only with -L and then turns POST into GET unless --post301; Python requests follows and rewrites POST to GET; Go's net/http rewrites every method other than GET and HEAD to GET; a client that does not follow gets the 301 and an empty or short body.",
      crawlers:
        'Strong signal: the new URI replaces the old one in the index and ranking signals move with it.',
      uptimeMonitors:
        'Many follow redirects and report the final status; a check pinned to the old URI keeps passing through the hop. Some flag unexpected redirects.',
      cdns: 'Heuristically cacheable, so CDNs cache 301s; purge them when the redirect changes.',
    },
    related: [308, 302, 410],
  },
  {
    code: 302,
    reason: 'Found',
    class: 'redirection',
    registered: true,
    defined: rfc9110('15.4.3'),
    seeAlso: [rfc9110('15.4'), rfc9110('10.2.2')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [location('RFC 9110 §15.4.3: the server SHOULD send the temporary URI in Location.')],
    summary: 'Temporarily elsewhere (Location); clients may rewrite POST to GET.',
    meaning:
      'The resource is temporarily at the URI given in Location; the client should keep using the original URI for future requests (RFC 9110 §15.4.3). As with 301, user agents may turn a POST into a GET when following it.',
    guarantees:
      'For now, the target can be found at Location. The original URI remains the one to bookmark and link.',
    doesNotGuarantee:
      'That the method is preserved (use 307 for that). That the redirect is stored: it is not cacheable unless explicit freshness says so.',
    whenToUse:
      'Temporary redirects of GET and HEAD: login walls, geographic or language routing, maintenance. After a form POST, 303 expresses "see the result over there" more precisely.',
    misuses: [
      '302 for a permanent move: crawlers keep the old URL in their index.',
      '302 for an API endpoint that receives POST or PUT: the method may become GET; use 307.',
      'Redirecting API clients to an HTML login page with 302: they follow it and parse a 200 login page as data; answer 401 instead.',
    ],
    clients: {
      browsers:
        'Followed automatically; a POST becomes a GET without content, other methods are kept (Fetch). Not cached unless the response says so.',
      apiClients:
        'curl -L follows and rewrites POST to GET unless --post302; Python requests changes any method other than HEAD to GET; Go net/http does the same (any method but GET and HEAD becomes GET).',
      crawlers:
        'Followed, but treated as temporary: the original URL usually stays the indexed one.',
      uptimeMonitors:
        'Usually followed and the final status reported; a check that does not follow sees 302 and may count it as up.',
      cdns: 'Not heuristically cacheable; CDNs pass it through unless Cache-Control gives it a lifetime.',
    },
    related: [307, 303, 301],
  },
  {
    code: 303,
    reason: 'See Other',
    class: 'redirection',
    registered: true,
    defined: rfc9110('15.4.4'),
    seeAlso: [rfc9110('15.4'), rfc9110('10.2.2')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [
      location('RFC 9110 §15.4.4: the other resource is the one the Location URI identifies.'),
    ],
    summary: 'See another resource (Location) with GET; the usual answer after a POST.',
    meaning:
      'The server redirects the user agent to a different resource, given in Location, that holds an indirect answer to the request (RFC 9110 §15.4.4). The client retrieves it with GET (or HEAD). The typical use is Post/Redirect/Get: after a POST, send the browser to a page showing the result so that reloading it does not repeat the POST.',
    guarantees:
      'The Location resource is meant to be fetched with GET, whatever the original method, and it is different from the target resource.',
    doesNotGuarantee:
      'That the original request had any particular effect: the result page tells. That the redirect is stored: 303 is not cacheable by default.',
    whenToUse:
      'After a POST, PUT or DELETE from a form or an API, to point at the result or the created resource; for a GET, to point at a description when the target (e.g. a real-world thing named by a URI) has no representation to transfer.',
    misuses: [
      '303 as a permanent move (use 301 or 308).',
      '303 after a request whose method and body should be repeated at the new location (use 307 or 308).',
    ],
    clients: {
      browsers:
        'Followed with GET for any method other than HEAD (Fetch), which is exactly why Post/Redirect/Get works: reloading the result page does not resubmit the form.',
      apiClients:
        "curl -L switches to GET (unless --post303); Python requests and Go's net/http also follow with GET.",
      crawlers: 'Followed like a temporary redirect.',
      uptimeMonitors: "Followed by most; the final page's status is reported.",
      cdns: 'Passed through; a CDN stores a 303 only when Cache-Control gives it a lifetime.',
    },
    related: [302, 201, 202],
  },
  {
    code: 304,
    reason: 'Not Modified',
    class: 'redirection',
    registered: true,
    defined: rfc9110('15.4.5'),
    seeAlso: [rfc9110('13.1.2'), rfc9110('13.1.3'), rfc(9111, '4.3.4')],
    contentAllowed: false,
    heuristicallyCacheable: false,
    headers: [
      {
        name: 'ETag',
        level: 'expected',
        why: 'RFC 9110 §15.4.5: MUST be sent when a 200 to the same request would have carried it.',
        simulatorDefault: '"switchyard-304"',
      },
      {
        name: 'Cache-Control',
        level: 'optional',
        why: 'RFC 9110 §15.4.5: MUST be sent when a 200 would have carried it (it refreshes the stored response).',
      },
      {
        name: 'Vary',
        level: 'optional',
        why: 'RFC 9110 §15.4.5: MUST be sent when a 200 would have carried it.',
      },
    ],
    summary: 'Conditional GET/HEAD: your stored copy is still valid; no content follows.',
    meaning:
      "A conditional GET or HEAD (If-None-Match, If-Modified-Since) found that the client's stored response is still current, so the server sends no content (RFC 9110 §15.4.5). It must send the fields a 200 would have carried among Content-Location, Date, ETag and Vary, plus Cache-Control and Expires, so the cache can refresh what it stored (RFC 9111 §4.3.4).",
    guarantees:
      'The representation the client holds under the matching validator is still the current one; the header fields in the 304 update the stored ones.',
    doesNotGuarantee:
      'Anything to a client that has no stored copy: a 304 has no content, so it is only meaningful as the answer to a conditional request.',
    whenToUse:
      'Whenever a conditional GET or HEAD matches the current validator; frameworks and static file servers do it automatically from ETag and Last-Modified.',
    misuses: [
      'A 304 to a request that carried no conditional field.',
      'Content after a 304 (RFC 9110 §15.4.5: the response ends with the header section).',
      'Omitting ETag or Cache-Control that the 200 carried, so the cache keeps stale metadata.',
      'ETags that change with every response (per server, per compression run), so 304 never happens.',
    ],
    clients: {
      browsers:
        'Revalidation is transparent: the browser serves the stored copy and fetch() sees a 200. Only a script that sets If-None-Match itself gets the 304 (Fetch then bypasses the HTTP cache). DevTools shows the real 304.',
      apiClients:
        'Clients without a cache never get a 304 unless they send validators; those that do (HTTP caching layers, ETag-aware SDKs) must reuse their stored body.',
      crawlers:
        'Search engine crawlers send conditional requests; a 304 tells them nothing changed and saves crawl budget.',
      uptimeMonitors: 'Checks normally send no validators and therefore see 200, not 304.',
      cdns: "CDNs revalidate stale objects with the origin and expect 304; they also answer clients' conditional requests with 304 from their cache.",
    },
    related: [200, 412, 204],
  },
  {
    code: 305,
    reason: 'Use Proxy',
    class: 'redirection',
    registered: true,
    defined: rfc9110('15.4.6'),
    seeAlso: [],
    contentAllowed: true,
    heuristicallyCacheable: false,
    deprecated:
      'RFC 9110 §15.4.6: defined in a previous version of HTTP and now deprecated; the reason, recorded by the 2014 HTTP/1.1 revision that deprecated it, is security concerns about in-band configuration of a proxy.',
    headers: [],
    summary: 'Deprecated: once told the client to repeat the request through a proxy.',
    meaning:
      "Deprecated (RFC 9110 §15.4.6). In the obsolete RFC 2616 it told the client to repeat the request through the proxy named in Location. Letting a response reconfigure the client's proxy was a security hole, so it was deprecated and clients ignore it.",
    guarantees:
      'Nothing today: no current client acts on a 305, so it promises no behaviour at all.',
    doesNotGuarantee:
      'That any client will use the proxy: browsers refuse to, and libraries treat it as an unfollowed 3xx.',
    whenToUse:
      'Never. Configure proxies out of band (system settings, PAC files, environment variables).',
    misuses: [
      'Any use: it is deprecated because of the security concerns of in-band proxy configuration.',
    ],
    clients: {
      browsers:
        'Not followed: not a Fetch redirect status. The browser shows the content of the response.',
      apiClients: 'Not followed by mainstream libraries; the caller receives the 305 as is.',
      crawlers: 'Treated as a non-redirecting 3xx, or as an error.',
      uptimeMonitors: 'Reported as a 3xx; usually worth an alert, since nothing should send it.',
      cdns: 'Relayed unchanged; a 305 is not stored without explicit freshness, and no CDN acts on it.',
    },
    related: [306, 407],
  },
  {
    // RFC 9110 §15.4.7: reserved, "(Unused)" is the registry's description, not a reason phrase
    // anyone sends. We keep it as the registry spells it and mark it reserved (not deprecated:
    // §15.4.7 never says so, unlike §15.4.6 for 305) so the UI can say "reserved" and the simulator can send it verbatim ("HTTP/1.1 306 (Unused)").
    code: 306,
    reason: '(Unused)',
    class: 'redirection',
    registered: true,
    defined: rfc9110('15.4.7'),
    seeAlso: [],
    contentAllowed: true,
    heuristicallyCacheable: false,
    reserved:
      'RFC 9110 §15.4.7: used in a previous version of the specification, no longer used; the code is reserved.',
    headers: [],
    summary: 'Reserved: had a meaning in an old draft, has none now.',
    meaning:
      'Reserved (RFC 9110 §15.4.7): it was used in a previous version of the specification and is no longer used. IANA lists its description as "(Unused)"; this catalog keeps that text as the reason so the code is still recognisable, and marks the entry reserved.',
    guarantees: 'Nothing: the code has no defined semantics.',
    doesNotGuarantee:
      'Any behaviour. A client that meets it can only fall back on the class: an unrecognised 3xx is treated like 300 (RFC 9110 §15).',
    whenToUse: 'Never. The code is reserved so that it is not reassigned.',
    misuses: [
      'Sending it at all; it exists only so the number is not reused.',
      "Reviving an old draft's meaning (switch to another proxy) for it.",
    ],
    clients: {
      browsers: 'Not followed; the content is shown.',
      apiClients: 'Returned to the caller as an unusual 3xx.',
      crawlers: 'Treated as an error or an unfollowed 3xx.',
      uptimeMonitors: 'Reported as a 3xx; anything sending it is misconfigured.',
      cdns: 'Relayed like any unknown 3xx; not stored without explicit freshness.',
    },
    related: [305],
  },
  {
    code: 307,
    reason: 'Temporary Redirect',
    class: 'redirection',
    registered: true,
    defined: rfc9110('15.4.8'),
    seeAlso: [rfc9110('15.4'), rfc9110('10.2.2')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [location('RFC 9110 §15.4.8: the server SHOULD send the temporary URI in Location.')],
    summary: 'Temporarily elsewhere (Location); repeat the same method and content there.',
    meaning:
      'The resource is temporarily at the URI in Location, and the client must repeat the same request there, with the same method and content (RFC 9110 §15.4.8). Future requests should still go to the original URI.',
    guarantees:
      'Following the redirect does not change the method: a POST is re-sent as a POST with its content.',
    doesNotGuarantee:
      'That the redirect is stored (not cacheable by default) or that the new location is stable.',
    whenToUse:
      'Temporary redirects of endpoints that receive POST, PUT, PATCH or DELETE: failover, moving an API to another host for a while, routing uploads to a storage node.',
    misuses: [
      '307 for a permanent move (308 tells caches and crawlers to remember it).',
      '307 after a form POST when the intent was to show a result page: the browser re-posts the form to the new URI (303 was meant).',
    ],
    clients: {
      browsers:
        'Followed with the same method and body. Chrome DevTools also shows "307 Internal Redirect" when HSTS makes the browser switch http:// to https:// before any request leaves the machine.',
      apiClients:
        "curl -L, Python requests and Go's net/http keep the method and re-send the body (Go only when it can replay it, e.g. a body with GetBody).",
      crawlers: 'Followed and treated as temporary, like 302.',
      uptimeMonitors: 'Followed by most; the final status is reported.',
      cdns: 'Not heuristically cacheable; CDNs forward it, and the client re-sends the request body to the new location itself.',
    },
    related: [302, 308, 303],
  },
  {
    code: 308,
    reason: 'Permanent Redirect',
    class: 'redirection',
    registered: true,
    defined: rfc9110('15.4.9'),
    seeAlso: [rfc9110('15.4'), rfc9110('10.2.2')],
    contentAllowed: true,
    heuristicallyCacheable: true,
    headers: [
      location('RFC 9110 §15.4.9: the server SHOULD send the new permanent URI in Location.'),
    ],
    summary: 'The resource has a new permanent URI (Location); repeat the same method there.',
    meaning:
      'The resource has a new permanent URI, given in Location, and the client must repeat the request there without changing the method or content (RFC 9110 §15.4.9; first defined in RFC 7238, then RFC 7538, now part of RFC 9110). It is 301 with the method preserved.',
    guarantees:
      'The move is permanent, Location holds the new URI, and following it keeps the method and content. Heuristically cacheable (RFC 9110 §15.1).',
    doesNotGuarantee:
      'That every client knows it: very old clients treat an unknown 3xx like 300 and do not follow it. That it can be undone quickly, since caches may remember it.',
    whenToUse:
      'Permanent moves of anything that receives POST, PUT, PATCH or DELETE (API endpoints, upload URLs), and any permanent move where method rewriting would be a bug.',
    misuses: [
      '308 for a temporary move.',
      '308 from an http:// URL for API clients that send secrets in the first request: the credentials have already crossed the network in clear text.',
    ],
    clients: {
      browsers: 'Followed with the same method and body; cached like 301.',
      apiClients:
        "curl -L, Python requests and Go's net/http follow and keep the method and body (Go only when it can replay the body).",
      crawlers: 'Strong signal, like 301: the new URI replaces the old one in the index.',
      uptimeMonitors: 'Usually followed; the final status is reported.',
      cdns: 'Heuristically cacheable, so CDNs may cache it; purge when it changes.',
    },
    related: [301, 307],
  },
];
