/**
 * Proactive content negotiation for the diagnostic body (RFC 9110 §12.5.1): JSON by default,
 * `text/plain` or `text/html` when the Accept field prefers them.
 */

export type DiagnosticFormat = 'json' | 'text' | 'html';

const OFFERS: readonly { format: DiagnosticFormat; type: string; subtype: string }[] = [
  // Server preference order breaks ties: JSON first, so `*/*` (curl) gets JSON.
  { format: 'json', type: 'application', subtype: 'json' },
  { format: 'text', type: 'text', subtype: 'plain' },
  { format: 'html', type: 'text', subtype: 'html' },
];

/** Content-Type of each format. */
export const FORMAT_TYPES: Record<DiagnosticFormat, string> = {
  json: 'application/json; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

interface Range {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(accept: string): Range[] {
  const ranges: Range[] = [];
  for (const part of accept.split(',').slice(0, 64)) {
    const [media, ...params] = part.split(';');
    const [type, subtype] = (media ?? '').trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=');
      // RFC 9110 §12.4.2: qvalue is 0..1 with at most three decimals.
      if (name?.trim().toLowerCase() === 'q' && value !== undefined) {
        const parsed = Number(value.trim());
        q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/**
 * The format to answer with. A missing Accept means any type; when nothing offered is
 * acceptable the server may disregard Accept (RFC 9110 §12.5.1), so JSON is sent.
 */
export function negotiateFormat(accept: string | undefined): DiagnosticFormat {
  // `*/*` (curl's default) accepts every offer equally: the first, JSON, is sent.
  if (accept === undefined || accept === '*/*' || accept.trim() === '') return 'json';
  const ranges = parseAccept(accept);
  let best: DiagnosticFormat = 'json';
  let bestQ = 0;
  for (const offer of OFFERS) {
    // RFC 9110 §12.5.1: the most specific matching range decides an offer's quality.
    let specificity = -1;
    let q = 0;
    for (const range of ranges) {
      const matches =
        (range.type === '*' && range.subtype === '*') ||
        (range.type === offer.type && (range.subtype === '*' || range.subtype === offer.subtype));
      if (!matches) continue;
      const rank = range.type === '*' ? 0 : range.subtype === '*' ? 1 : 2;
      if (rank > specificity) {
        specificity = rank;
        q = range.q;
      }
    }
    if (q > bestQ) {
      best = offer.format;
      bestQ = q;
    }
  }
  return best;
}
