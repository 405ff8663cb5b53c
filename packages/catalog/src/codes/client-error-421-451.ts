import type { StatusEntry } from '../types.js';
import { rfc, rfc9110 } from '../cite.js';
import { prose421to451 } from './prose-421-451.js';

/**
 * 421..451 except 426 (which lives in `426.ts` beside the upgrade guide): RFC 9110 §15.5.20-21,
 * WebDAV's RFC 4918 §11, RFC 8470, RFC 6585 and RFC 7725.
 */
export const clientErrors421to451: StatusEntry[] = [
  {
    code: 421,
    reason: 'Misdirected Request',
    class: 'client-error',
    registered: true,
    defined: rfc9110('15.5.20'),
    seeAlso: [rfc9110('7.4'), rfc(9113, '9.1.1')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      'This server cannot answer for this scheme and authority; retry on a different connection.',
    ...prose421to451[421],
    related: [400, 404, 502],
  },
  {
    code: 422,
    reason: 'Unprocessable Content',
    class: 'client-error',
    registered: true,
    defined: rfc9110('15.5.21'),
    seeAlso: [rfc(4918, '11.2'), rfc(9457, '3')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      'The content is well-formed and of a supported type, but its instructions cannot be processed.',
    ...prose421to451[422],
    related: [400, 409, 415],
  },
  {
    code: 423,
    reason: 'Locked',
    class: 'client-error',
    registered: true,
    defined: rfc(4918, '11.3'),
    seeAlso: [rfc(4918, '6'), rfc(4918, '10.4')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      'WebDAV: the source or destination resource is locked and the request did not submit the lock.',
    ...prose421to451[423],
    related: [409, 424, 412],
  },
  {
    code: 424,
    reason: 'Failed Dependency',
    class: 'client-error',
    registered: true,
    defined: rfc(4918, '11.4'),
    seeAlso: [rfc(4918, '13')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary: 'WebDAV: this action was not performed because another action it depended on failed.',
    ...prose421to451[424],
    related: [207, 423, 422],
  },
  {
    code: 425,
    reason: 'Too Early',
    class: 'client-error',
    registered: true,
    defined: rfc(8470, '5.2'),
    seeAlso: [rfc(8470, '5.1'), rfc(8470, '3')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      'The server will not risk processing a request that arrived in TLS early data (replayable).',
    ...prose421to451[425],
    related: [421, 400, 503],
  },
  {
    code: 428,
    reason: 'Precondition Required',
    class: 'client-error',
    registered: true,
    defined: rfc(6585, '3'),
    seeAlso: [rfc9110('13.1')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      'The server requires this request to be conditional (e.g. If-Match) to avoid lost updates.',
    ...prose421to451[428],
    related: [412, 409],
  },
  {
    code: 429,
    reason: 'Too Many Requests',
    class: 'client-error',
    registered: true,
    defined: rfc(6585, '4'),
    seeAlso: [rfc9110('10.2.3')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [
      {
        name: 'Retry-After',
        level: 'expected',
        why: 'RFC 6585 §4: the response MAY include Retry-After saying how long to wait; clients and SDKs rely on it for back-off.',
        simulatorDefault: '60',
      },
    ],
    summary: 'The client has sent too many requests in a given time (rate limiting).',
    ...prose421to451[429],
    related: [503, 420, 403],
  },
  {
    code: 431,
    reason: 'Request Header Fields Too Large',
    class: 'client-error',
    registered: true,
    defined: rfc(6585, '5'),
    seeAlso: [rfc9110('5.4')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      'The header section, or one field in it, is larger than the server is willing to process.',
    ...prose421to451[431],
    related: [414, 413, 494],
  },
  {
    code: 451,
    reason: 'Unavailable For Legal Reasons',
    class: 'client-error',
    registered: true,
    defined: rfc(7725, '3'),
    seeAlso: [rfc(7725, '4')],
    contentAllowed: true,
    // RFC 7725 §3: "A 451 response is cacheable by default", i.e. heuristically cacheable in the
    // sense of RFC 9110 §15.1 (which lists only the codes RFC 9110 itself defines).
    heuristicallyCacheable: true,
    headers: [
      {
        name: 'Link',
        level: 'expected',
        why: 'RFC 7725 §4: the blocking entity SHOULD identify itself in a Link field with rel="blocked-by".',
        simulatorDefault: '<{origin}/legal>; rel="blocked-by"',
      },
    ],
    summary:
      'Access is denied as a consequence of a legal demand (censorship, court order, sanctions).',
    ...prose421to451[451],
    related: [403, 404, 410],
  },
];
