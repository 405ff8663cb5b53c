import type { StatusEntry } from '../types.js';
import { rfc, rfc9110 } from '../cite.js';

/** 2xx: the request was received, understood and accepted (RFC 9110 §15.3). */
export const successful: StatusEntry[] = [
  {
    code: 200,
    reason: 'OK',
    class: 'successful',
    registered: true,
    defined: rfc9110('15.3.1'),
    seeAlso: [rfc9110('15.1'), rfc(9111, '4.2.2')],
    contentAllowed: true,
    heuristicallyCacheable: true,
    headers: [],
    summary: 'The request succeeded; the content depends on the method.',
    meaning:
      'The request worked, and the content is what the method calls for (RFC 9110 §15.3.1): for GET the selected representation, for HEAD the same header fields without content, for POST the result of the processing, for PUT or DELETE a description of the outcome, for OPTIONS the communication options, for TRACE the request as the server received it.',
    guarantees:
      'The server processed the request fully as the method defines. A 200 to GET or HEAD is reusable by a cache, heuristically when it carries no explicit freshness (RFC 9110 §15.1, RFC 9111 §4.2.2).',
    doesNotGuarantee:
      'That the application-level operation went well: an API that returns {"error": ...} with 200 has lied at the HTTP layer. That the content arrived complete: a connection cut mid-body still started with 200 (check Content-Length or the end of the chunked stream). That it came from the origin just now: a cache may have served it (see Age).',
    whenToUse:
      'The default answer when the request did what it asked and there is a representation or result to return. Prefer 201 when a POST or PUT created a resource, 204 when there is nothing to send back, 206 for a Range request.',
    misuses: [
      'Error pages served with 200 ("soft 404"): crawlers index them and uptime checks stay green.',
      '200 with an empty body where 204 says it precisely.',
      '200 for a POST that created something, hiding the new URI that 201 plus Location would give.',
      'A login page returned with 200 in place of the protected resource, so API clients parse HTML as data.',
    ],
    clients: {
      browsers:
        'Render or run the content; fetch() resolves with response.ok true (ok covers 200-299).',
      apiClients:
        'Treated as the happy path by every client (axios, requests, HttpClient) and the body is parsed as data, which is why an error disguised as 200 breaks them quietly.',
      crawlers:
        'Indexed. Search engines detect error-looking pages answered with 200 and report them as soft 404s.',
      uptimeMonitors:
        'Up, unless a keyword or body assertion is configured; this is the only way to catch a soft error.',
      cdns: 'Cacheable: CDNs store it for the explicit lifetime, or heuristically from Last-Modified; many only cache by file extension unless told otherwise.',
    },
    related: [201, 204, 206, 304],
  },
  {
    code: 201,
    reason: 'Created',
    class: 'successful',
    registered: true,
    defined: rfc9110('15.3.2'),
    seeAlso: [rfc9110('10.2.2'), rfc9110('9.3.3'), rfc9110('9.3.4')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [
      {
        name: 'Location',
        level: 'expected',
        why: 'RFC 9110 §15.3.2: the new resource is identified by Location, or by the target URI when Location is absent.',
        simulatorDefault: '{origin}/api/status/200',
      },
      {
        name: 'ETag',
        level: 'optional',
        why: 'RFC 9110 §15.3.2: a validator for the created representation may be sent.',
      },
    ],
    summary: 'One or more new resources were created; Location names the primary one.',
    meaning:
      'The request has been fulfilled and has created one or more new resources (RFC 9110 §15.3.2). The primary one is identified by the Location field, or by the target URI if there is no Location. The content usually describes the new resource and links to it.',
    guarantees:
      'The resource exists at the moment of the response, at the URI in Location (which may be a relative reference, resolved against the target URI, RFC 9110 §10.2.2). A PUT that creates a resource must answer 201 (RFC 9110 §9.3.4).',
    doesNotGuarantee:
      'That every replica can already serve it: read-after-write may lag in an eventually consistent store. That retrying the POST is harmless: POST is not idempotent, so a lost 201 followed by a retry creates a second resource unless the API takes an idempotency key.',
    whenToUse:
      'A POST to a collection that adds a member, or a PUT to a URI that had no representation before. If the work is only queued, answer 202; if an existing resource changed, answer 200 or 204.',
    misuses: [
      '201 without Location when the new resource lives somewhere other than the target URI.',
      '201 for work that has only been queued (202 is the honest answer).',
      '201 for an update of an existing resource.',
      'An absolute Location built from an internal host name, leaking the backend address behind a proxy.',
    ],
    clients: {
      browsers:
        'A form POST answered 201 is rendered like any page; browsers do not follow Location on a 201. fetch() gives ok true and exposes Location if CORS allows the header.',
      apiClients:
        'Generated SDKs usually treat 201 like 200; well-behaved clients read Location to learn the new identifier rather than parsing it out of the body.',
      crawlers: 'Not encountered: crawlers do not POST.',
      uptimeMonitors: 'Up (a 2xx). Checks of create endpoints should clean up after themselves.',
      cdns: 'Passed through; not heuristically cacheable, and a POST response is rarely stored.',
    },
    related: [200, 202, 303, 409],
  },
  {
    code: 202,
    reason: 'Accepted',
    class: 'successful',
    registered: true,
    defined: rfc9110('15.3.3'),
    seeAlso: [],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [
      {
        name: 'Location',
        level: 'optional',
        why: 'Convention: a link to a status monitor for the queued job (RFC 9110 §15.3.3 suggests the content point at one).',
      },
      {
        name: 'Retry-After',
        level: 'optional',
        why: 'RFC 9110 §10.2.3: how long to wait before polling.',
      },
    ],
    summary: 'Accepted for processing, not yet acted upon; the outcome is unknown.',
    meaning:
      'The request has been accepted for processing, but the processing has not finished and may not even have started (RFC 9110 §15.3.3). It is deliberately noncommittal: HTTP has no way to send the eventual outcome on this exchange, so the content should describe the current state and point to where the outcome can be checked.',
    guarantees: 'The request passed whatever validation happened before it was queued.',
    doesNotGuarantee:
      'That the work will be done, or that it will end well: it may still be refused when it is processed. How to learn the outcome: there is no standard field; Location or a link in the content plus Retry-After are conventions, not rules.',
    whenToUse:
      'Asynchronous work: batch imports, video encoding, report generation, deliveries to a queue, webhook receipts that are processed later. Return a status resource the client can poll (or promise a callback).',
    misuses: [
      '202 for work that was in fact done synchronously; 200, 201 or 204 tells the client more.',
      '202 with no status resource and no callback, leaving the client unable to ever learn the outcome.',
      'Clients that treat 202 as "done" and report the job complete.',
    ],
    clients: {
      browsers:
        'Rendered like any response; fetch() resolves with ok true, so page code must poll by itself.',
      apiClients:
        'Plain clients stop at the 202. Long-running-operation helpers in some cloud SDKs follow Location (or a vendor field) and Retry-After until the job reaches a terminal state.',
      crawlers: 'Not encountered: crawlers do not submit work.',
      uptimeMonitors:
        'Up. A monitor that wants to know the job finished must poll the status resource.',
      cdns: 'Passed through and not stored.',
    },
    related: [200, 201, 303, 102],
  },
  {
    code: 203,
    reason: 'Non-Authoritative Information',
    class: 'successful',
    registered: true,
    defined: rfc9110('15.3.4'),
    seeAlso: [rfc9110('7.7')],
    contentAllowed: true,
    heuristicallyCacheable: true,
    headers: [],
    summary: "A transforming proxy modified the origin's 200 response content.",
    meaning:
      "The request worked, but the content is a version of the origin's 200 response that a transforming proxy has modified (RFC 9110 §15.3.4, §7.7): recompressed images, injected markup, rewritten text. It lets the recipient know the bytes are not exactly what the origin sent.",
    guarantees:
      'Everything a 200 would, except that the content is not authoritative: it was transformed on the way.',
    doesNotGuarantee:
      'That the content matches the origin byte for byte, or that a transformation happened only when 203 is shown: most transforming proxies keep sending 200 and say nothing.',
    whenToUse:
      'Only when you operate a transforming intermediary and want downstream clients to know. An origin server has no reason to send it.',
    misuses: [
      'Origin servers answering 203 to mean "data from a third party" or "partial data".',
      'Using 203 to mean "served from cache" (the Age field says that).',
    ],
    clients: {
      browsers: 'Treated as 200: rendered, and fetch() gives ok true.',
      apiClients: 'Any 2xx counts as the happy path; almost nobody checks for 203 specifically.',
      crawlers: 'Handled like a 200.',
      uptimeMonitors: 'Up, like a 200; a body-content check may notice the transformed content.',
      cdns: 'Heuristically cacheable, like 200 (RFC 9110 §15.1).',
    },
    related: [200, 502],
  },
  {
    code: 204,
    reason: 'No Content',
    class: 'successful',
    registered: true,
    defined: rfc9110('15.3.5'),
    seeAlso: [rfc(9112, '6.3')],
    contentAllowed: false,
    heuristicallyCacheable: true,
    headers: [
      {
        name: 'ETag',
        level: 'optional',
        why: 'RFC 9110 §15.3.5: metadata in a 204 (e.g. the new ETag after a PUT) refers to the target resource.',
      },
    ],
    summary: 'Succeeded with no content; the client stays where it is.',
    meaning:
      'The request worked and there is no content to send (RFC 9110 §15.3.5). Header fields in the response, such as a new ETag after a PUT, describe the target resource after the action. The response ends at the empty line after the header section; a browser that navigated stays on the current page.',
    guarantees:
      'The action was applied. There is nothing to read: the message cannot contain content.',
    doesNotGuarantee:
      'Anything about the state of the resource beyond the header fields sent. It is not a way to say "not found" or "empty result".',
    whenToUse:
      'PUT, PATCH or DELETE with nothing useful to return; beacons and analytics collectors; answers to CORS preflight OPTIONS requests; an autosave endpoint behind a form.',
    misuses: [
      'Sending content after a 204: an HTTP/1.1 client reads those bytes as the start of the next response, desynchronising the connection.',
      '204 for a search with no results (200 with an empty list) or for a missing resource (404).',
      'Client code that calls response.json() on every 2xx and crashes on the empty 204.',
    ],
    clients: {
      browsers:
        'A link, form or navigation answered with 204 leaves the current page in place; fetch() resolves with ok true and an empty body, so response.json() throws.',
      apiClients:
        'Most libraries return an empty body; typed clients that always deserialise fail on it unless told the endpoint returns no content.',
      crawlers: 'Nothing to index; search engines may report the URL as an empty or soft-404 page.',
      uptimeMonitors: 'Up for a status check; any keyword check fails because there is no body.',
      cdns: 'Heuristically cacheable (RFC 9110 §15.1); CDNs usually cache it only with explicit Cache-Control.',
    },
    related: [200, 205, 304],
  },
  {
    code: 205,
    reason: 'Reset Content',
    class: 'successful',
    registered: true,
    defined: rfc9110('15.3.6'),
    seeAlso: [],
    contentAllowed: false,
    heuristicallyCacheable: false,
    headers: [],
    summary: 'Succeeded; the client should reset the document view (e.g. clear the form).',
    meaning:
      'The request worked, and the server asks the user agent to reset the document view to its original state, typically to clear a form so the user can enter the next record (RFC 9110 §15.3.6). The server must not send content with it.',
    guarantees: 'The action was applied, and the response carries no content.',
    doesNotGuarantee:
      'That anything gets reset: no browser implements the reset, so the page has to do it in script.',
    whenToUse:
      'Custom clients for repeated data entry that implement the reset themselves. In a browser app, answer 204 or 200 and clear the form in code.',
    misuses: [
      'Sending content with a 205 (RFC 9110 §15.3.6: a server MUST NOT generate content).',
      'Expecting a browser to clear a form on 205.',
    ],
    clients: {
      browsers:
        'A navigation answered with 205 leaves the page as it is, like 204; forms are not reset. fetch() resolves with ok true and no body.',
      apiClients: 'Handled as an empty 2xx; nothing resets anything.',
      crawlers: 'Nothing to index.',
      uptimeMonitors: 'Up for a status check.',
      cdns: 'Passed through; not heuristically cacheable.',
    },
    related: [204, 200],
  },
  {
    code: 206,
    reason: 'Partial Content',
    class: 'successful',
    registered: true,
    defined: rfc9110('15.3.7'),
    seeAlso: [rfc9110('14.2'), rfc9110('14.4'), rfc9110('13.1.5'), rfc9110('14.6')],
    contentAllowed: true,
    heuristicallyCacheable: true,
    headers: [
      {
        name: 'Content-Range',
        level: 'required',
        why: 'RFC 9110 §15.3.7.1: a single-part 206 MUST carry Content-Range (the simulator computes it from the content it sends).',
      },
      {
        name: 'Content-Type',
        level: 'expected',
        why: 'RFC 9110 §15.3.7.2: a multi-part 206 uses multipart/byteranges with a boundary.',
      },
      {
        name: 'ETag',
        level: 'expected',
        why: 'RFC 9110 §15.3.7: MUST be sent when a 200 for the same request would have carried it.',
      },
    ],
    summary: 'One or more ranges of the selected representation, as the Range header asked.',
    meaning:
      'The server is fulfilling a Range request by sending one or more parts of the selected representation (RFC 9110 §15.3.7). One part comes with Content-Range saying which bytes of how many; several parts come as multipart/byteranges, each part with its own Content-Range.',
    guarantees:
      'The bytes are exactly the ranges named in Content-Range. Parts from different responses may be combined only when they share the same strong validator (RFC 9110 §15.3.7.3); a client that sent If-Range gets either 206 for the unchanged representation or a full 200.',
    doesNotGuarantee:
      'That the server sent the ranges in the order asked, or all of them: it may coalesce or reorder ranges. That the representation has not changed since an earlier part, unless If-Range or validators were used.',
    whenToUse:
      'Only in answer to a request with Range that the server can satisfy: media seeking, resumable downloads, PDF viewers reading pages on demand. A request with no Range, or one the server chooses to ignore, gets 200 with the whole representation.',
    misuses: [
      '206 to a request that had no Range field.',
      'A Content-Range whose length or offsets do not match the content sent.',
      'Ignoring If-Range and splicing bytes of a changed file onto an old partial download.',
      'Answering an unsatisfiable range with 206 instead of 416.',
    ],
    clients: {
      browsers:
        'Media elements request Range: bytes=0- and need 206 to seek; Safari insists on range support for video. Download managers in browsers resume with Range and If-Range.',
      apiClients:
        'curl -r and -C - request ranges; resumable download tools check Content-Range before appending.',
      crawlers:
        'Crawlers ask for whole documents; some cap the bytes they read, but they do not expect a 206.',
      uptimeMonitors: 'Up; a monitor only sees 206 if it sends Range.',
      cdns: 'Heuristically cacheable. CDNs commonly fetch the whole object or large chunks from the origin and slice ranges out of their cache.',
    },
    related: [200, 416, 412],
  },
  {
    code: 207,
    reason: 'Multi-Status',
    class: 'successful',
    registered: true,
    defined: rfc(4918, '11.1'),
    seeAlso: [rfc(4918, '13'), rfc(4918, '14.16')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [
      {
        name: 'Content-Type',
        level: 'expected',
        why: 'RFC 4918 §13: the body is a DAV:multistatus XML document (application/xml or text/xml).',
        simulatorDefault: 'application/xml; charset=utf-8',
      },
    ],
    summary: 'WebDAV: one status per resource, in an XML multistatus body.',
    meaning:
      'WebDAV: the body is a DAV:multistatus XML document with a separate status for each resource or property involved (RFC 4918 §11.1, §13). The 207 itself only says "read the body".',
    guarantees:
      'The body lists per-resource (and per-property) statuses; each one must be read to know what happened.',
    doesNotGuarantee:
      'That any single operation worked: a 207 can carry nothing but 403s and 423s inside.',
    whenToUse:
      'PROPFIND and PROPPATCH answers, and WebDAV methods that touch several resources (COPY, MOVE, DELETE of a collection) where some members fail.',
    misuses: [
      'Treating 207 as "everything worked" without parsing the body.',
      'Using 207 with an ad hoc JSON body for REST batch APIs: the definition is the DAV:multistatus XML format, and generic clients will not understand the JSON.',
    ],
    clients: {
      browsers:
        'Browsers never send WebDAV methods by themselves; fetch() reports ok true and leaves the XML to the script.',
      apiClients:
        'WebDAV clients (davfs2, the Windows WebDAV redirector, macOS Finder, rclone) parse the multistatus body; generic HTTP clients just see a 2xx.',
      crawlers: 'Crawlers do not speak WebDAV (no PROPFIND), so they never receive a 207.',
      uptimeMonitors: 'Up unless the check parses the body.',
      cdns: 'Passed through: responses to WebDAV methods are not stored by CDNs.',
    },
    related: [208, 200, 424],
  },
  {
    code: 208,
    reason: 'Already Reported',
    class: 'successful',
    registered: true,
    defined: rfc(5842, '7.1'),
    seeAlso: [rfc(4918, '11.1')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary: 'WebDAV bindings: members of this binding were already listed in this multistatus.',
    meaning:
      'WebDAV bindings (RFC 5842 §7.1): used inside a 207 multistatus body to say that the members of this collection were already listed earlier in the same response, because several bindings lead to the same resource. It stops a Depth: infinity PROPFIND from listing, or looping through, the same collection again and again.',
    guarantees: 'The resource was already reported in this multistatus body; look there.',
    doesNotGuarantee:
      'Anything as a top-level status: it is meant for entries inside a 207 body. Servers should only use it with clients that declared support for bindings (RFC 5842 §7.1).',
    whenToUse:
      'Inside 207 bodies of servers that implement RFC 5842 bindings, when a collection is reached a second time.',
    misuses: [
      'Returning 208 as the status of a whole response.',
      'Using it to mean "duplicate submission" in an API.',
    ],
    clients: {
      browsers: 'Not encountered in practice; it lives inside WebDAV XML bodies.',
      apiClients:
        'Only binding-aware WebDAV clients interpret it; others see an unknown status inside the multistatus body.',
      crawlers: 'Never seen: a 208 only exists inside WebDAV multistatus bodies.',
      uptimeMonitors:
        'Never seen as a response status; a check that parses 207 bodies may meet it as an entry.',
      cdns: 'Not cached by default.',
    },
    related: [207, 508],
  },
  {
    code: 226,
    reason: 'IM Used',
    class: 'successful',
    registered: true,
    defined: rfc(3229, '10.4.1'),
    seeAlso: [rfc(3229, '10.5'), rfc(3229, '10.6')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [
      {
        name: 'IM',
        level: 'expected',
        why: 'RFC 3229 §10.5: the IM field lists the instance-manipulations applied to produce the content.',
      },
      {
        name: 'ETag',
        level: 'required',
        why: 'RFC 3229 §10.4.1: the response MUST carry the entity tag of the current instance.',
      },
    ],
    summary:
      'Delta encoding: the content is the result of instance-manipulations (e.g. a diff) on the current instance.',
    meaning:
      'Delta encoding (RFC 3229 §10.4.1): the server fulfilled a GET whose A-IM field asked for instance-manipulations, and the content is the result of applying them, for example a diff against a version the client already holds. The IM field names the manipulations applied.',
    guarantees:
      'Combined with the base instance the client named, the content yields the current instance; the response carries the ETag of that current instance (RFC 3229 §10.4.1).',
    doesNotGuarantee:
      'A complete representation: on its own the content may be a fragment or a diff. A cache that does not understand delta encoding must not serve it as if it were a full response (RFC 3229 §10.6).',
    whenToUse:
      'Only in answer to a GET whose A-IM lists a manipulation the server supports, when sending a delta is cheaper than the whole representation, e.g. feeds polled often by the same client.',
    misuses: [
      'Sending 226 to a request without A-IM.',
      'Omitting the ETag of the current instance, so the client cannot ask for the next delta.',
    ],
    clients: {
      browsers: 'Browsers never send A-IM and so never get a 226.',
      apiClients:
        'Only clients written for delta encoding send A-IM and apply the result; to any other client it is an unusual 2xx.',
      crawlers: 'Crawlers send no A-IM and always get full representations.',
      uptimeMonitors: 'Not encountered unless the check sends A-IM.',
      cdns: 'Rarely cached: it is only valid for requests with a matching A-IM and base instance.',
    },
    related: [200, 304],
  },
];
