import type { StatusEntry } from '../types.js';
import { rfc, rfc9110 } from '../cite.js';
import { upgradeGuide101 } from '../guides/upgrade-101.js';

/**
 * 1xx: informational (interim) responses. RFC 9110 §15.2: a 1xx ends at the header section (no
 * content), a final response follows, and none is ever sent to an HTTP/1.0 client.
 * Wording rule for this file: 1xx is *informational*; none of this text calls it a success.
 */
export const informational: StatusEntry[] = [
  {
    code: 100,
    reason: 'Continue',
    class: 'informational',
    registered: true,
    defined: rfc9110('15.2.1'),
    seeAlso: [rfc9110('10.1.1'), rfc9110('15.2')],
    contentAllowed: false,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      'Interim: the request head was accepted, send the content (answers Expect: 100-continue).',
    meaning:
      'The server has read the request head, has not rejected it, and invites the client to send the content. It exists for Expect: 100-continue (RFC 9110 §10.1.1): a client about to upload a large body asks first, so a server that would refuse it (401, 413, 417) can say so before megabytes cross the network. The final status for the request still comes later on the same exchange.',
    guarantees:
      'Only that the head passed the checks the server made before reading content, and that a final response will follow (RFC 9110 §15.2). The client may start or continue sending the content.',
    doesNotGuarantee:
      'That the request will be accepted: after the 100 the final answer can still be any 4xx or 5xx. That a 100 will arrive at all: a server may omit it once some of the content has arrived, or answer with a final status at once (RFC 9110 §10.1.1), so clients wait only briefly before sending anyway. A server never sends it to an HTTP/1.0 client (RFC 9110 §15.2).',
    whenToUse:
      'On the server, when a request carries Expect: 100-continue and the head is acceptable, before reading the content; most servers do this for you (Node emits "checkContinue", nginx and Go answer automatically). On the client, add Expect: 100-continue to large uploads that may be refused for authentication or size.',
    misuses: [
      'Sending 100 and then refusing without reading the content, leaving the client mid-upload on a connection that must now be closed.',
      'Answering an expectation the server cannot meet with 100 instead of the final 417 (Expectation Failed).',
      'Client code that treats the first status line it reads as the final response and stops at the 100.',
      'Sending 100 to an HTTP/1.0 client (RFC 9110 §15.2 forbids any 1xx there).',
    ],
    clients: {
      browsers:
        'Browsers do not send Expect: 100-continue from forms, fetch() or XMLHttpRequest, so a 100 is rare; if one arrives it is skipped and never visible to page scripts.',
      apiClients:
        'curl adds Expect: 100-continue to large uploads and sends the body anyway after --expect100-timeout (1 s by default) if no 100 comes; Node\'s http client emits "continue"; .NET exposes it as ExpectContinue. Python requests never sends the expectation.',
      crawlers:
        'Crawlers fetch with GET and no content, so they never ask for and never see a 100.',
      uptimeMonitors:
        'The HTTP library consumes the 100; the check reports the final status that follows it.',
      cdns: "CDNs and reverse proxies often answer the Expect themselves, buffer the upload and then talk to the origin, so an origin's 100 may never reach the client.",
    },
    related: [417, 413, 101],
  },
  {
    code: 101,
    reason: 'Switching Protocols',
    class: 'informational',
    registered: true,
    defined: rfc9110('15.2.2'),
    seeAlso: [
      rfc9110('7.8'),
      rfc(6455, '4.2.2'),
      rfc(9113, '3.1'),
      rfc(9113, '8.6'),
      rfc(8441, '5'),
    ],
    contentAllowed: false,
    heuristicallyCacheable: false,
    headers: [
      {
        name: 'Upgrade',
        level: 'required',
        why: 'RFC 9110 §15.2.2: the server MUST generate an Upgrade field naming the protocol(s) it switches to; §7.8: only protocols the client offered.',
        simulatorDefault: 'websocket',
      },
      {
        name: 'Connection',
        level: 'required',
        why: 'RFC 9110 §7.8: a sender of Upgrade MUST also send the "upgrade" connection option.',
        simulatorDefault: 'Upgrade',
      },
      {
        name: 'Sec-WebSocket-Accept',
        level: 'expected',
        why: 'RFC 6455 §4.2.2: a WebSocket 101 carries base64(SHA-1(key + GUID)), computed from the request key.',
      },
    ],
    summary: 'Interim: the server switches this connection to the protocol named in Upgrade.',
    meaning:
      'The server accepts the client\'s Upgrade request: once the empty line that ends this response has been sent, the connection speaks the protocol named in the 101\'s Upgrade field (RFC 9110 §15.2.2, §7.8), and the original request is answered in that protocol. Today this is almost always a WebSocket handshake (RFC 6455 §4), after which the connection carries frames, not HTTP. HTTP/2 over cleartext once started the same way (Upgrade: h2c), but RFC 9113 §3.1 deprecates that upgrade because it "was never widely deployed". HTTP/2 and HTTP/3 have no 101 at all (RFC 9113 §8.6): WebSockets there open with an extended CONNECT that the server answers with a 2xx (RFC 8441, RFC 9220).',
    guarantees:
      "The server understood the Upgrade request and switches at once: the bytes after the 101 head belong to the new protocol. The 101's Upgrade field names the protocol(s) now in use (MUST, RFC 9110 §15.2.2), and they are among those the client offered (§7.8). When the request also carried Expect: 100-continue, a 100 was sent before the 101 (§7.8). In a WebSocket 101, Sec-WebSocket-Accept proves the server read this very handshake (RFC 6455 §4.2.2).",
    doesNotGuarantee:
      'That the new protocol will work: a WebSocket client still checks Sec-WebSocket-Accept, the subprotocol and the extensions, and fails the connection straight after the 101 if any is wrong. That the application admitted the user: many servers upgrade first and refuse with a close frame. That intermediaries will keep the tunnel open: proxies close idle upgraded connections on their own timers. A 101 is an informational, interim response and is never cached.',
    whenToUse:
      'Only to accept an Upgrade that an HTTP/1.1 client asked for, in practice a WebSocket handshake produced by a library (ws, websockets, gorilla, Spring, Channels) rather than by hand. Never in answer to a request without Upgrade, never to HTTP/1.0 (RFC 9110 §7.8: the server MUST ignore Upgrade in an HTTP/1.0 request; §15.2: no 1xx there), never on HTTP/2 or HTTP/3. For cleartext HTTP/2, use prior knowledge (RFC 9113 §3.3) rather than the deprecated h2c upgrade.',
    misuses: [
      'A 101 without an Upgrade field, or naming a protocol the client did not offer (RFC 9110 §15.2.2, §7.8).',
      'Leaving out Connection: upgrade in the 101 (RFC 9110 §7.8).',
      'Sending 101 in answer to an HTTP/1.0 request (RFC 9110 §15.2, §7.8).',
      'Sending the 101 before the 100 when the request also said Expect: 100-continue (RFC 9110 §7.8: the 100 comes first).',
      'Writing content or Content-Length after a 101 head as if it were a final response (RFC 9110 §15.2: a 1xx has no content).',
      'Counting the 101 as the end of the story in logs and metrics: the WebSocket can still be failed by the client a millisecond later.',
      'Presenting Upgrade: h2c as the current way to start HTTP/2: RFC 9113 §3.1 deprecates it; browsers reach HTTP/2 through TLS with ALPN "h2".',
    ],
    clients: {
      browsers:
        'A browser accepts a 101 only for a WebSocket it opened with new WebSocket(); it checks Sec-WebSocket-Accept and the chosen subprotocol and otherwise fails the connection (close code 1006 and a console error). fetch() cannot send Upgrade or Connection, so it never triggers or sees a 101. Browsers never use Upgrade: h2c.',
      apiClients:
        'WebSocket libraries (ws, python-websockets, gorilla Dialer) treat any status other than 101 as a failed handshake and report it. curl -i prints the 101 and then waits for bytes it cannot decode (Debian\'s curl has no ws:// support); curl --http2 on http:// still sends Upgrade: h2c. Node\'s http client emits "upgrade" with the raw socket.',
      crawlers:
        'Crawlers never send Upgrade, so they never receive a 101; WebSocket endpoints are invisible to them.',
      uptimeMonitors:
        'A plain HTTP check cannot exercise a WebSocket endpoint: it sends no Upgrade and gets 400, 404 or 426 back. Use a check that performs the handshake, expects 101 and exchanges a message or a ping.',
      cdns: 'CDNs and reverse proxies pass a 101 only where WebSocket support is enabled on the path (nginx: proxy_http_version 1.1 plus forwarded Upgrade and Connection); afterwards they relay bytes blindly and close the tunnel after their idle timeout. Nothing after the 101 is cached.',
    },
    related: [426, 100, 400, 200],
    upgrade: upgradeGuide101,
  },
  {
    code: 102,
    reason: 'Processing',
    class: 'informational',
    registered: true,
    defined: rfc(2518, '10.1'),
    seeAlso: [rfc9110('15.2')],
    contentAllowed: false,
    heuristicallyCacheable: false,
    deprecated:
      'RFC 4918 (which obsoletes RFC 2518) no longer defines 102; the code stays in the IANA registry pointing at RFC 2518 §10.1.',
    headers: [],
    summary: 'Interim (WebDAV, legacy): the server is still working on a long request.',
    meaning:
      'A WebDAV interim response: the server has the complete request and is still working on it, and the final status will follow. RFC 2518 §10.1 introduced it so that clients would not time out during long methods such as a COPY or MOVE of a deep collection. RFC 4918, which replaced RFC 2518, dropped the definition for lack of implementations; IANA still lists the code against RFC 2518.',
    guarantees:
      'When it was sent, the server held the whole request and had not given up on it. Nothing more: it is interim, and the final response is still to come.',
    doesNotGuarantee:
      'Progress (no percentage, no estimate) or a good outcome. That the client will wait longer because of it: most HTTP clients skip unknown 1xx responses without resetting any timer. It is never sent to an HTTP/1.0 client (RFC 9110 §15.2).',
    whenToUse:
      'Rarely, and only towards WebDAV clients known to expect it during long methods. For long-running API work, answer 202 with a status resource; to let the browser start fetching early, use 103.',
    misuses: [
      'Relying on 102 to keep a client or a proxy from timing out: few of them treat it as activity.',
      'Emitting a stream of 102s instead of designing an asynchronous API (202 plus a status URL).',
      'Citing RFC 4918 for it: RFC 4918 removed the definition; the registry entry points at RFC 2518 §10.1.',
      'Sending 102 to an HTTP/1.0 client, which predates interim responses (RFC 9110 §15.2).',
    ],
    clients: {
      browsers:
        'Skipped while the browser waits for the final response; page scripts never observe it.',
      apiClients:
        'Most libraries discard unknown 1xx responses; a few old ones mistook 102 for the final response and returned an empty result.',
      crawlers: 'Crawlers issue short GETs that never trigger it.',
      uptimeMonitors:
        "Checks report the final status; a request that keeps emitting 102 still runs into the monitor's overall timeout.",
      cdns: 'Intermediaries are not obliged to relay interim responses other than those they understand; do not expect a 102 to cross a CDN intact.',
    },
    related: [202, 103, 207],
  },
  {
    code: 103,
    reason: 'Early Hints',
    class: 'informational',
    registered: true,
    defined: rfc(8297, '2'),
    seeAlso: [rfc(8297, '3'), rfc9110('15.2'), rfc(8288, '3')],
    contentAllowed: false,
    heuristicallyCacheable: false,
    headers: [
      {
        name: 'Link',
        level: 'expected',
        why: 'RFC 8297 §2: a 103 carries header fields expected in the final response; in practice Link with rel=preload or rel=preconnect.',
        simulatorDefault: '<{origin}>; rel=preconnect',
      },
    ],
    summary:
      'Interim: header fields (usually Link preloads) likely to appear in the final response.',
    meaning:
      'An interim response that sends, ahead of time, header fields the server expects the final response to carry (RFC 8297 §2). Its use is Link fields with rel=preload or rel=preconnect: while the server is still rendering the page, the browser opens connections and fetches the critical stylesheets, scripts and fonts, so the page paints sooner once the HTML arrives.',
    guarantees:
      'Only hints: the links are what the server believes the page will need. A final response still follows, and several 103s may precede it.',
    doesNotGuarantee:
      "That the final response will carry these fields or match them: the 103's fields are hints only, and the final response's own header section is what counts (RFC 8297 §2). The final response may even be an error or a redirect. That the browser acts on them: support depends on the engine, on the request being a top-level navigation and on the HTTP version.",
    whenToUse:
      'When the server has real think time before the HTML (server rendering, database queries) and knows the critical subresources or origins up front. Many CDNs can emit it from Link fields seen in earlier responses. RFC 8297 §3 suggests sending it only where clients are known to handle it, e.g. over HTTP/2 and later.',
    misuses: [
      'Putting Set-Cookie, Content-Type or Cache-Control in a 103 and expecting them to take effect.',
      'Preloading resources the final page does not use: wasted bandwidth and console warnings.',
      'Sending it over HTTP/1.1 to clients that cannot cope with an unexpected 1xx (RFC 8297 §3 warns about these).',
      'Sending 103 to an HTTP/1.0 client, which cannot parse any 1xx (RFC 9110 §15.2).',
    ],
    clients: {
      browsers:
        'Chromium-based browsers act on preload and preconnect Link hints in a 103 for top-level navigations over HTTP/2 and HTTP/3; Firefox and Safari support subsets. Subresource requests and fetch() ignore it.',
      apiClients:
        'Most libraries skip it; Node\'s http client emits "information" events for it; curl -v prints it before the final response.',
      crawlers: 'Ignored: only the final response is indexed.',
      uptimeMonitors: 'Ignored: the check reports the final status.',
      cdns: 'Several CDNs generate 103 themselves from Link fields of earlier responses, so the hint reaches the browser before the origin has even answered.',
    },
    related: [200, 100],
  },
];
