import type { StatusEntry } from '../types.js';
import { rfc } from '../cite.js';
import { prose5xx } from './prose-5xx.js';
import { httpExperimentsToHistoric } from './web-citation.js';

/** 506..511 (509 is unassigned): RFC 2295, RFC 4918, RFC 5842, RFC 2774 and RFC 6585. */
export const serverErrors506to511: StatusEntry[] = [
  {
    code: 506,
    reason: 'Variant Also Negotiates',
    class: 'server-error',
    registered: true,
    defined: rfc(2295, '8.1'),
    seeAlso: [],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      'Transparent content negotiation (RFC 2295) is misconfigured: the chosen variant negotiates too.',
    ...prose5xx[506],
    related: [300, 406, 500],
  },
  {
    code: 507,
    reason: 'Insufficient Storage',
    class: 'server-error',
    registered: true,
    defined: rfc(4918, '11.5'),
    seeAlso: [],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary: 'WebDAV: the server cannot store the representation needed to complete the request.',
    ...prose5xx[507],
    related: [413, 500, 423],
  },
  {
    code: 508,
    reason: 'Loop Detected',
    class: 'server-error',
    registered: true,
    defined: rfc(5842, '7.2'),
    seeAlso: [rfc(5842, '7.1')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      'WebDAV bindings: the server met an infinite loop while processing a Depth: infinity request.',
    ...prose5xx[508],
    related: [208, 500, 507],
  },
  {
    code: 510,
    // IANA lists "Not Extended (OBSOLETED)": the annotation is not part of the phrase RFC 2774 §7
    // defines, so `reason` holds the phrase and `deprecated` carries the obsoletion.
    reason: 'Not Extended',
    class: 'server-error',
    registered: true,
    defined: rfc(2774, '7'),
    seeAlso: [httpExperimentsToHistoric],
    contentAllowed: true,
    heuristicallyCacheable: false,
    deprecated:
      'Obsoleted: RFC 2774 (the HTTP Extension Framework) was moved from Experimental to Historic by the IESG in December 2021 (status-change-http-experiments-to-historic); IANA marks 510 "OBSOLETED".',
    headers: [],
    summary:
      'Obsoleted (RFC 2774, now Historic): the request did not declare an extension the server required.',
    ...prose5xx[510],
    related: [501, 400, 417],
  },
  {
    code: 511,
    reason: 'Network Authentication Required',
    class: 'server-error',
    registered: true,
    defined: rfc(6585, '6'),
    seeAlso: [rfc(8910, '1'), rfc(8908, '1')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      'A captive portal or network gate intercepts the request: log in to the network first.',
    ...prose5xx[511],
    related: [401, 407, 302],
  },
];
