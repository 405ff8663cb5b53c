import type { StatusEntry } from '../types.js';
import { rfc, rfc9110 } from '../cite.js';
import { upgradeGuide426 } from '../guides/upgrade-426.js';

/** 426 Upgrade Required, with its upgrade guide (kept beside 101's). */
export const upgradeRequiredEntries: StatusEntry[] = [
  {
    code: 426,
    reason: 'Upgrade Required',
    class: 'client-error',
    registered: true,
    defined: rfc9110('15.5.22'),
    seeAlso: [rfc9110('7.8'), rfc(6455, '4.2.2'), rfc(6455, '4.4')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [
      {
        name: 'Upgrade',
        level: 'required',
        why: 'RFC 9110 §15.5.22: the server MUST send Upgrade naming the required protocol(s).',
        simulatorDefault: 'websocket',
      },
      {
        name: 'Connection',
        level: 'required',
        why: 'RFC 9110 §7.8: a sender of Upgrade MUST also send the "upgrade" connection option.',
        simulatorDefault: 'Upgrade',
      },
    ],
    summary: 'Refused in the current protocol; retry after upgrading to one named in Upgrade.',
    meaning:
      'The server refuses to perform the request using the current protocol but might do so after the client upgrades to a different one; the 426 MUST carry an Upgrade field naming the protocol(s) required (RFC 9110 §15.5.22). Today it usually means "this URL speaks WebSocket only": a plain HTTP request reached an endpoint that expects an Upgrade: websocket handshake. Some WebSocket servers also use it for an unsupported Sec-WebSocket-Version (RFC 6455 §4.2.2 names 426 as one suitable answer).',
    guarantees:
      'The request was not carried out. The Upgrade field says which protocol(s) the server would accept, so the client knows what to retry with; a WebSocket server refusing a version lists the versions it speaks in Sec-WebSocket-Version (RFC 6455 §4.4).',
    doesNotGuarantee:
      "That retrying with the named protocol will work: authentication, origin checks or the application may still refuse. That an Upgrade field is present in practice: some servers send a bare 426 (ws's standalone server, Spring's version refusal), which RFC 9110 §15.5.22 does not allow. It is not a redirect to HTTPS.",
    whenToUse:
      'When a resource can only be served over another protocol the client could switch to on this connection: a WebSocket-only path hit with plain HTTP, or an unsupported WebSocket version. Send Upgrade (and Connection: upgrade, RFC 9110 §7.8) and a short body saying what to use. To require HTTPS, redirect instead (301 or 308).',
    misuses: [
      'A 426 without an Upgrade field (RFC 9110 §15.5.22: MUST send one).',
      'Using 426 to force HTTPS: browsers never upgrade an http:// connection to TLS on request; redirect and use HSTS.',
      'Using 426 to mean "upgrade your app or SDK version": that is not a protocol the connection can switch to; use 400 or 403 with a problem+json explanation.',
      'Answering an HTTP/2 request with 426 Upgrade: websocket: Upgrade does not exist in HTTP/2 (RFC 9113 §8.2.2); WebSockets there need extended CONNECT (RFC 8441).',
    ],
    clients: {
      browsers:
        "Navigating to a WebSocket-only URL shows the 426's body. A new WebSocket() whose handshake gets 426 fires error and then close with code 1006; scripts cannot read the status or the Upgrade field.",
      apiClients:
        'Treated as a 4xx error; the WebSocket libraries report a failed handshake with the status (ws: "Unexpected server response: 426"). A client can read Upgrade and Sec-WebSocket-Version to decide how to retry.',
      crawlers:
        'An error: the URL is not indexed, and crawlers will not attempt a protocol upgrade.',
      uptimeMonitors:
        'A plain HTTP check reports it as down unless 426 is configured as the expected status; for a WebSocket endpoint that is the right configuration, or better a check that completes the handshake.',
      cdns: 'Not heuristically cacheable; passed to the client. If every request through the CDN gets 426 but direct requests do not, the CDN or proxy is stripping Upgrade.',
    },
    related: [101, 400, 505],
    upgrade: upgradeGuide426,
  },
];
