/**
 * A quick reading of a response head this server wrote itself (the `ws` engine's 101, or a
 * refusal), for the wire tap. Performance: measured 2026-11-21 (Node 20, warm, a 260-byte 101
 * head), this reads it in ~2.5 µs, where the tap's core path (latin1 text back to bytes, then
 * `parseResponseHead`, then copying the header pairs) takes ~7 µs (the parser alone ~6 µs): about
 * 4-5 µs saved per captured head, 2-3x. It was written when the core parser was far slower (this
 * comment then said ~100 µs per head); since the parser fix the saving is small, and the core
 * parser alone would also do. It handles the plain case and says `undefined` for anything else,
 * which then goes to the core parser. Plain means: a complete head (RFC 9112 §2.1: ends with an
 * empty line) of printable ASCII, SP and HTAB, CRLF line ends, a status-line `HTTP/d.d ddd
 * reason` (§4), and field lines `token ":" value` (§5) with no line folding (§5.2). For such a
 * head, trimming SP/HTAB (OWS, RFC 9110 §5.6.3) from values gives what the core parser gives.
 */

/** What the tap needs of a head. */
export interface WrittenHead {
  status: number;
  reason: string;
  httpVersion: string;
  headers: [string, string][];
  /** Bytes (characters) of the head, the empty line included. */
  consumed: number;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const STATUS_LINE = /^HTTP\/(\d\.\d) (\d{3}) ([\t\x20-\x7e]*)$/;
/** Printable ASCII, SP, HTAB, CR, LF only. */
const PLAIN = /^[\t\r\n\x20-\x7e]*$/;
/** A CR not followed by LF, or an LF not preceded by CR. */
const BARE_CR_OR_LF = /\r(?!\n)|(?<!\r)\n/;

/**
 * The head at the start of `text` (bytes as latin1, one character per byte) when it is plain
 * (see above), else undefined. Header names and values are slices of `text`.
 */
export function readWrittenHead(text: string): WrittenHead | undefined {
  const blank = text.indexOf('\r\n\r\n');
  if (blank < 0) return undefined;
  const head = text.slice(0, blank);
  if (!PLAIN.test(head) || BARE_CR_OR_LF.test(head)) return undefined;
  const lines = head.split('\r\n');
  const status = STATUS_LINE.exec(lines[0] ?? '');
  if (!status) return undefined;
  const headers: [string, string][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const name = line.slice(0, colon);
    if (!TOKEN.test(name)) return undefined;
    headers.push([name, line.slice(colon + 1).replace(/^[\t ]+|[\t ]+$/g, '')]);
  }
  return {
    status: Number(status[2]),
    reason: status[3]!,
    httpVersion: status[1]!,
    headers,
    consumed: blank + 4,
  };
}
