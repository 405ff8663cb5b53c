import type { Prose } from './prose-type.js';

/** Reader-facing prose for 409..418 (RFC 9110 §15.5.10..§15.5.19). */
export const prose409to418: Record<
  409 | 410 | 411 | 412 | 413 | 414 | 415 | 416 | 417 | 418,
  Prose
> = {
  409: {
    meaning:
      'The request could not be completed because it conflicts with the current state of the target resource (RFC 9110 §15.5.10). It is meant for situations the user might resolve: the body should explain the conflict well enough for them to fix it and resubmit. Version conflicts on PUT are the classic case.',
    guarantees:
      "The request was understood and refused because of the resource's current state, not because of its syntax; a retry may succeed once that state changes.",
    doesNotGuarantee:
      'It does not say how to resolve the conflict or whether anything was partially applied; only the body can tell.',
    whenToUse:
      'Creating something that already exists (a duplicate username), an edit based on a stale version when the client did not use preconditions, a state-machine transition that is not allowed from the current state.',
    misuses: [
      'Using 409 for lost-update detection when the client sent If-Match: a failed precondition is 412.',
      'Returning 409 for plain validation errors that do not depend on state; that is 422 or 400.',
    ],
    clients: {
      browsers: "Nothing automatic; the page's script has to show the conflict to the user.",
      apiClients:
        "The Kubernetes API answers 409 both for AlreadyExists and for a stale resourceVersion, and client-go's RetryOnConflict helper re-reads and retries the update.",
      crawlers: 'Practically never seen by crawlers, which only read; treated as a generic 4xx.',
      uptimeMonitors:
        'Shows up only in write-path synthetic checks, e.g. a probe that creates the same record every run.',
      cdns: 'Not cached; conflicts are answers to unsafe methods, which caches do not store anyway.',
    },
  },
  410: {
    meaning:
      'The target resource is no longer available at the origin server and this condition is likely to be permanent (RFC 9110 §15.5.11). It is a deliberate statement that the resource was removed on purpose, with no forwarding address.',
    guarantees:
      'The server knows about the resource and says it is gone for good; clients with link-editing capabilities should remove references to it. The response is heuristically cacheable (RFC 9110 §15.1).',
    doesNotGuarantee:
      'It does not promise the URL will never be reused, and it does not say where the content went; if there is a new location, a 301 or 308 is the right answer.',
    whenToUse:
      'Expired promotions, deleted user content, retired API versions after their sunset date, pages removed for good that you want deindexed quickly.',
    misuses: [
      'Answering 410 for content that may come back (a temporarily disabled listing): use 404 or 503.',
      'Sending 410 for a resource that moved, instead of 301/308 with Location.',
    ],
    clients: {
      browsers: 'Displayed like any error page; no special behaviour.',
      apiClients:
        'Usually mapped to a not-found error; well-behaved sync clients delete their local copy.',
      crawlers:
        'Googlebot removes both 404 and 410 URLs from the index; Google staff have said a 410 is a slightly stronger signal and can make the URL drop out a little faster.',
      uptimeMonitors:
        'A 410 on a monitored URL almost always means the check outlived the page; update or delete the monitor.',
      cdns: 'Cached for short periods by default (Cloudflare: 3 minutes without origin Cache-Control), like 404.',
    },
  },
  411: {
    meaning:
      'The server refuses to accept the request without a defined Content-Length (RFC 9110 §15.5.12). The client may repeat the request after adding a valid Content-Length containing the length of the content.',
    guarantees:
      'Nothing was processed; the same request with a Content-Length header would get past this check.',
    doesNotGuarantee:
      'It does not promise the content will be accepted once its length is known; a 413 may follow if it is too big.',
    whenToUse:
      'Servers or storage APIs that must know the size up front (to reserve space, to check quotas) and will not read chunked request content.',
    misuses: [
      'Rejecting a GET or HEAD without content because it has no Content-Length; requests without content need none.',
      'Requiring Content-Length on HTTP/2 or HTTP/3, where DATA frames already delimit the content and the header is optional.',
    ],
    clients: {
      browsers:
        'Browsers always send Content-Length for form and fetch() bodies they know in advance, so they rarely meet it; streaming uploads (ReadableStream bodies) can.',
      apiClients:
        'Seen when streaming with Transfer-Encoding: chunked; Amazon S3, for example, rejects a PutObject without Content-Length with 411 MissingContentLength.',
      crawlers: 'Not relevant: crawlers send requests without content.',
      uptimeMonitors:
        'Only POST-based checks can trigger it, typically when the monitor sends an empty body without Content-Length: 0.',
      cdns: 'Some edges and load balancers add or require Content-Length themselves; the 411 is not cached.',
    },
  },
  412: {
    meaning:
      'One or more conditions in the request header fields evaluated to false when tested on the server (RFC 9110 §15.5.13). It is how conditional requests (If-Match, If-Unmodified-Since, If-None-Match on unsafe methods) prevent an operation on a resource state the client did not expect.',
    guarantees:
      'The method was not applied: the resource is unchanged by this request. Re-reading the resource gives the client the current state and validator to try again.',
    doesNotGuarantee:
      'It does not include the current representation or say which condition failed if several were sent.',
    whenToUse:
      'Optimistic concurrency: PUT or PATCH with If-Match: "etag" when the ETag no longer matches; create-only writes with If-None-Match: * when the resource already exists.',
    misuses: [
      'Answering 412 to a GET or HEAD whose If-None-Match matched: RFC 9110 §13.1.2 says that is 304 Not Modified.',
      'Using 412 for business rules ("the order must be paid first"); that is 409 or 422, preconditions are header fields.',
    ],
    clients: {
      browsers:
        'Browsers send If-None-Match and If-Modified-Since on revalidation, which yield 304, not 412; script-driven If-Match writes must handle 412 themselves.',
      apiClients:
        'Storage SDKs surface it as a precondition failure: Amazon S3 conditional writes (If-None-Match: * or If-Match on PutObject) and Google Cloud Storage generation preconditions both return 412.',
      crawlers: 'Crawlers do not send the conditions that produce 412.',
      uptimeMonitors: 'Not seen by plain GET checks.',
      cdns: 'Edges forward the conditions of unsafe methods to the origin; the resulting 412 is not stored.',
    },
  },
  413: {
    meaning:
      'The server refuses the request because its content is larger than the server is willing or able to process (RFC 9110 §15.5.14). The server may terminate the request or close the connection. RFC 9110 renamed it from "Payload Too Large" (and earlier "Request Entity Too Large").',
    guarantees:
      'The content was not processed. If Retry-After is present, the server says the condition is temporary and when to try again.',
    doesNotGuarantee:
      'It does not tell the client the size limit (only the body may), and it does not promise the client gets to read the response: a server that closes without reading the upload may cause a connection reset instead.',
    whenToUse:
      'Uploads or JSON bodies over a configured limit. Clients sending large content should use Expect: 100-continue so a 413 can arrive before the body is sent.',
    misuses: [
      'Using 413 for a too-long URL (414) or too-large headers (431).',
      'Sending 413 without a hint of the limit, so users keep retrying with slightly smaller files.',
    ],
    clients: {
      browsers:
        'Show the body, or a network error if the server reset the connection mid-upload. nginx\'s default client_max_body_size is 1m, and its page still says "413 Request Entity Too Large".',
      apiClients:
        'Not retried automatically; a multipart or resumable upload (S3 multipart, tus) is the usual fix.',
      crawlers: 'Not relevant to crawling; crawlers do not upload.',
      uptimeMonitors:
        'Only upload-style synthetic checks see it, typically after someone lowered a proxy limit.',
      cdns: 'CDNs enforce their own request-size limits and answer 413 at the edge; Cloudflare, for example, caps uploads at 100 MB on the Free and Pro plans.',
    },
  },
  414: {
    meaning:
      'The target URI is longer than the server is willing to interpret (RFC 9110 §15.5.15). RFC 9110 §4.1 recommends that senders and recipients support URIs of at least 8000 octets.',
    guarantees:
      'The request was rejected before the application looked at it. The response is heuristically cacheable (RFC 9110 §15.1).',
    doesNotGuarantee:
      'It does not say what the limit is, which differs per server and per hop (a CDN, a load balancer and the origin may each have their own).',
    whenToUse:
      'When the request line exceeds the configured limit, typically because a client put large data in the query string or a redirect loop keeps appending parameters.',
    misuses: [
      'Treating it as a client bug only: moving large filters from GET query parameters to a POST body (or the QUERY method draft) is often the real fix.',
      'Answering 400 for an overlong URI, hiding the cause; 414 is specific.',
    ],
    clients: {
      browsers:
        'Browsers themselves accept very long URLs (Chromium up to 2 MB), so the server usually sets the real limit; a redirect loop that grows the query string ends in 414.',
      apiClients:
        'Surfaced as a request error; GraphQL clients that use GET for persisted queries fall back to POST.',
      crawlers:
        'Googlebot ignores URLs that fail this way; faceted-navigation URLs that grow without bound are a typical source.',
      uptimeMonitors:
        'Seldom seen; a check URL with a long signed token can trip it after a proxy change.',
      cdns: "Heuristically cacheable, so an edge may cache the 414; nginx's default large_client_header_buffers (4 x 8k) makes 8 KB request lines the common practical ceiling.",
    },
  },
  415: {
    meaning:
      "The origin server refuses the request because the content is in a format the target resource does not support for this method (RFC 9110 §15.5.16). The cause is the request's Content-Type or Content-Encoding, or the server's inspection of the content itself.",
    guarantees:
      'The request was not processed; resending the same content in a supported media type or coding may work.',
    doesNotGuarantee:
      'It does not list what would be accepted unless the server adds Accept (for media types) or Accept-Encoding (for content codings), both suggested by RFC 9110 §15.5.16, or Accept-Patch (RFC 5789) for PATCH formats, or explains in the body.',
    whenToUse:
      'A JSON-only endpoint receiving form data or XML, a PATCH with a patch format the resource does not understand, gzip-compressed request content the server cannot decode.',
    misuses: [
      'Returning 415 when the Content-Type is right but the values are invalid; that is 422 or 400.',
      'Confusing it with 406: 415 is about what the client sent, 406 about what it accepts in return.',
    ],
    clients: {
      browsers:
        'HTML forms send application/x-www-form-urlencoded or multipart/form-data; pointing a form at a JSON-only API produces 415.',
      apiClients:
        'Common when a client forgets Content-Type: application/json; ASP.NET Core and Spring both answer 415 when no input formatter matches.',
      crawlers: 'Not relevant: crawlers do not send content.',
      uptimeMonitors: 'POST checks with a missing or wrong Content-Type produce it.',
      cdns: 'Not cached; edges pass it through from the origin.',
    },
  },
  416: {
    meaning:
      'The request had a Range header but none of its ranges overlap the current extent of the selected representation, or the set of ranges was rejected as invalid or excessive (RFC 9110 §15.5.17). A 416 to a byte-range request SHOULD carry Content-Range: bytes */<complete-length>.',
    guarantees:
      'No part of the representation was sent. With Content-Range present, the client learns the current full length and can form a valid request.',
    doesNotGuarantee:
      'It does not mean ranges are unsupported: a server that ignores Range answers 200 with the whole representation instead.',
    whenToUse:
      'A byte range starting past the end of the file, or too many / overlapping ranges that look like a denial-of-service attempt.',
    misuses: [
      'Answering 416 to a Range request for a resource that does not support ranges; ignore Range and send 200.',
      'Omitting Content-Range, which leaves resumable downloaders unable to tell whether they already have the whole file.',
    ],
    clients: {
      browsers:
        'Media elements and download managers send Range requests; resuming a download that is already complete typically gets 416, and browsers differ in whether they then finish or start over.',
      apiClients:
        'curl -C - treats a 416 to its resume request as nothing left to fetch, and wget -c reports that the file is already fully retrieved; both rely on the server honouring the range semantics.',
      crawlers: 'Crawlers rarely send Range; not relevant to indexing.',
      uptimeMonitors: 'Not seen by plain checks.',
      cdns: 'CDNs answer Range requests from their cache and generate 416 themselves for out-of-bounds ranges; the 416 is not cached but the full object is.',
    },
  },
  417: {
    meaning:
      "The expectation given in the request's Expect field could not be met by at least one of the inbound servers (RFC 9110 §15.5.18). The only expectation HTTP defines is 100-continue (RFC 9110 §10.1.1).",
    guarantees:
      'The request content was not processed; the same request without the Expect field can be sent.',
    doesNotGuarantee:
      'It does not say which hop failed the expectation, so a proxy and the origin look the same.',
    whenToUse:
      'When a request carries an expectation other than 100-continue, or a hop cannot honour 100-continue and chooses to reject rather than ignore it.',
    misuses: [
      'Answering 417 to Expect: 100-continue instead of simply replying with 100 or the final status; RFC 9110 §10.1.1 has an origin server answer a 100-continue expectation at once with either 100 or a final status, and names 417 for expectations other than 100-continue.',
      'Proxies that reject 100-continue outright, breaking uploads from clients that send it by default.',
    ],
    clients: {
      browsers: 'Browsers do not send Expect: 100-continue, so they do not meet 417.',
      apiClients:
        'curl sends Expect: 100-continue for large POST/PUT bodies and, on 417, repeats the request without it. In .NET Framework the infamous "(417) Expectation Failed" behind proxies was solved with ServicePointManager.Expect100Continue = false.',
      crawlers: 'Not relevant: crawlers send no Expect field.',
      uptimeMonitors: 'Rare; only upload checks through an old proxy.',
      cdns: 'Some edges strip Expect or answer 100 themselves; a 417 from the origin is passed through uncached.',
    },
  },
  418: {
    meaning:
      'Reserved. RFC 2324 (1998, an April Fools\' RFC for the Hyper Text Coffee Pot Control Protocol) defined "418 I\'m a teapot" for a teapot asked to brew coffee. Because it has been deployed as a joke often enough to be unusable for anything else, RFC 9110 §15.5.19 reserves 418 (IANA lists it as "(Unused)"): it cannot currently be assigned, and can be re-assigned if future circumstances require it, for example if the 4xx range ever ran out.',
    guarantees:
      'A client can only rely on the class: an unrecognised 4xx, treated like 400 (RFC 9110 §15).',
    doesNotGuarantee:
      "It has no standard HTTP semantics at all; any meaning is the sender's private joke or convention.",
    whenToUse:
      'Not in production protocols. Fine for Easter eggs (Google serves one at /teapot) and for testing how clients handle an unusual 4xx.',
    misuses: [
      'Using 418 as a "go away, bot" signal; crawlers and monitors cannot distinguish it from any other 4xx, and humans reading logs are misled.',
      'Expecting libraries to agree on the phrase: Node prints "I\'m a Teapot", Go "I\'m a teapot", and IANA "(Unused)".',
    ],
    clients: {
      browsers: 'Render the body like any 4xx; nothing else.',
      apiClients:
        "Most libraries know the constant (Go's http.StatusTeapot, Python's HTTPStatus.IM_A_TEAPOT) but treat it as a generic client error.",
      crawlers: 'Treated as a generic 4xx: the URL is not indexed.',
      uptimeMonitors: 'Reported as down like any 4xx.',
      cdns: 'Not cached; passed through from the origin.',
    },
  },
};
