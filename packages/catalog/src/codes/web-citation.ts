import type { Citation } from '../types.js';

/**
 * A citation of a document that is not an RFC: a vendor's manual, an IETF status-change
 * document, a framework's API reference. `section` names the part of the page (an anchor or
 * a heading), and `url` links to it.
 *
 * @example webDoc('nginx documentation', 'return', 'https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#return')
 */
export function webDoc(document: string, section: string, url: string): Citation {
  return { document, section, url };
}

/**
 * The IESG status change that moved RFC 2774 (the HTTP Extension Framework, which defines 510)
 * from Experimental to Historic; approved 2021-12-06. IANA marks 510 "OBSOLETED" citing it.
 */
export const httpExperimentsToHistoric: Citation = webDoc(
  'IETF status change: HTTP experiments to Historic',
  'status-change-http-experiments-to-historic',
  'https://datatracker.ietf.org/doc/status-change-http-experiments-to-historic/',
);
