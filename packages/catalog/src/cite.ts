import type { Citation } from './types.js';

/**
 * A citation of one section of an RFC, linked on rfc-editor.org.
 *
 * @param rfcNumber e.g. `9110`
 * @param section e.g. `'15.2.2'` (no "§")
 * @example rfc(9110, '15.2.2') // { document: 'RFC 9110', section: '15.2.2', url: '...#section-15.2.2' }
 */
export function rfc(rfcNumber: number, section: string): Citation {
  return {
    document: `RFC ${rfcNumber}`,
    section,
    url: `https://www.rfc-editor.org/rfc/rfc${rfcNumber}#section-${section}`,
  };
}

/** Shorthand for the most-cited document, RFC 9110 (HTTP Semantics). */
export function rfc9110(section: string): Citation {
  return rfc(9110, section);
}
