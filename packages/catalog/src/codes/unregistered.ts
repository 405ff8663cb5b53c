import type { StatusEntry } from '../types.js';
import { unregisteredClientErrors } from './unregistered-4xx.js';
import { unregisteredServerErrors } from './unregistered-5xx.js';
import { outOfRange } from './unregistered-999.js';

/**
 * Well-known codes that IANA does not register (`registered: false`, with `usedBy`). RFC 9110
 * §15: a client that does not recognise one treats it as the x00 of its class; none is
 * heuristically cacheable (§15.1). 999 is outside 100..599, invalid, and documentation only (see
 * `unregistered-999.ts`).
 */
export const unregistered: StatusEntry[] = [
  ...unregisteredClientErrors,
  ...unregisteredServerErrors,
  ...outOfRange,
];
