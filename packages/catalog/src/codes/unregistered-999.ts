import type { StatusEntry } from '../types.js';
import { rfc, rfc9110 } from '../cite.js';
import { proseUnregistered4xx } from './prose-unregistered-4xx.js';

/**
 * 999, kept as documentation only. RFC 9110 §15: "Values outside the range 100..599 are invalid",
 * and a client that receives one SHOULD process the response as a 5xx (Server Error); hence
 * class 'server-error', although LinkedIn uses it to refuse clients it takes for bots. RFC 9112
 * §4's status-line grammar (3DIGIT) still parses it. The simulator serves 100..599 only and cannot
 * produce it.
 */
export const outOfRange: StatusEntry[] = [
  {
    code: 999,
    reason: 'Request Denied',
    class: 'server-error',
    registered: false,
    usedBy: 'LinkedIn (refuses crawlers, scrapers and link-preview bots it does not recognise)',
    defined: rfc9110('15'),
    seeAlso: [rfc(9112, '4')],
    contentAllowed: true,
    heuristicallyCacheable: false,
    headers: [],
    summary:
      "Invalid (RFC 9110 §15 allows 100..599; clients treat it as 5xx): LinkedIn's bot refusal.",
    ...proseUnregistered4xx[999],
    related: [403, 429, 400],
  },
];
