import type { ProtocolFinding } from '../shared/problem.js';
import { isCtl, isOws, isTchar, trimOws } from './chars.js';
import { h1Finding } from './finding.js';
import type { HeaderPair, HeadLineSpan } from './types.js';

/**
 * Parses the field lines of a head (RFC 9112 §5; `head` is the whole head decoded as latin1, so
 * span offsets index it) in place: fills `headers` and sets each span's
 * `kind`/`headerIndex`. Lenient, with a finding for every deviation; a strict server answers 400
 * to each finding of severity `error`.
 */
export function parseFieldLines(
  head: string,
  spans: HeadLineSpan[],
  headers: HeaderPair[],
  findings: ProtocolFinding[],
): void {
  let last: number | undefined;
  for (const span of spans) {
    const text = head.slice(span.start, span.contentEnd);
    const first = text.charCodeAt(0);
    if (isOws(first)) {
      if (last === undefined) {
        // RFC 9112 §2.2: whitespace between the start-line and the first field line: reject, or
        // consume each whitespace-preceded line without processing it (we do the latter).
        span.kind = 'ignored';
        findings.push(
          h1Finding(
            'whitespace-before-first-field',
            'error',
            'Whitespace-preceded line between the start-line and the first field',
            'RFC 9112',
            '2.2',
            400,
            span.start,
          ),
        );
        continue;
      }
      // RFC 9112 §5.2: obs-fold. A server MUST reject with 400 or replace it with SP; a user
      // agent MUST replace it with SP. We replace, joining with one SP.
      span.kind = 'obs-fold';
      span.headerIndex = last;
      const previous = headers[last]!;
      const more = checkValue(trimOws(text), span.start + leadingOws(text), findings);
      previous[1] =
        more === '' ? previous[1] : previous[1] === '' ? more : `${previous[1]} ${more}`;
      findings.push(
        h1Finding(
          'obs-fold',
          'error',
          `Obsolete line folding in field ${JSON.stringify(previous[0])}`,
          'RFC 9112',
          '5.2',
          400,
          span.start,
        ),
      );
      continue;
    }
    const colon = text.indexOf(':');
    if (colon === -1) {
      span.kind = 'ignored';
      findings.push(
        h1Finding(
          'field-line-without-colon',
          'error',
          'Field line has no colon',
          'RFC 9112',
          '5',
          400,
          span.start,
        ),
      );
      continue;
    }
    let name = text.slice(0, colon);
    if (name.length > 0 && isOws(name.charCodeAt(name.length - 1))) {
      // RFC 9112 §5.1: no whitespace between field name and colon; a server MUST reject the
      // request with 400, a proxy MUST remove it from a response.
      name = name.replace(/[ \t]+$/, '');
      findings.push(
        h1Finding(
          'whitespace-before-colon',
          'error',
          `Whitespace between field name ${JSON.stringify(name)} and colon`,
          'RFC 9112',
          '5.1',
          400,
          span.start + name.length,
        ),
      );
    }
    checkName(name, span.start, findings);
    const raw = text.slice(colon + 1);
    const value = checkValue(trimOws(raw), span.start + colon + 1 + leadingOws(raw), findings);
    span.kind = 'field';
    span.headerIndex = headers.length;
    last = headers.length;
    headers.push([name, value]);
  }
}

function leadingOws(text: string): number {
  let n = 0;
  while (n < text.length && isOws(text.charCodeAt(n))) n++;
  return n;
}

/** RFC 9110 §5.1: field-name = token (§5.6.2). */
function checkName(name: string, offset: number, findings: ProtocolFinding[]): void {
  for (let i = 0; i < name.length; i++) {
    if (!isTchar(name.charCodeAt(i))) {
      findings.push(
        h1Finding(
          'invalid-field-name',
          'error',
          `Field name ${JSON.stringify(name)} has a non-token character at ${i}`,
          'RFC 9110',
          '5.1',
          400,
          offset + i,
        ),
      );
      return;
    }
  }
  if (name === '') {
    findings.push(
      h1Finding('invalid-field-name', 'error', 'Empty field name', 'RFC 9110', '5.1', 400, offset),
    );
  }
}

/**
 * RFC 9110 §5.5: CR, LF and NUL in a value are invalid and dangerous: a recipient MUST reject
 * the message or replace them with SP (we replace, with an error finding). Other CTLs are
 * invalid but MAY be retained (warning). obs-text is allowed but discouraged (info).
 * Returns the value with CR/NUL replaced.
 */
function checkValue(value: string, offset: number, findings: ProtocolFinding[]): string {
  let dangerous = -1;
  let ctl = -1;
  let obsText = -1;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x00 || c === 0x0d || c === 0x0a) {
      if (dangerous === -1) dangerous = i;
    } else if (c !== 0x09 && isCtl(c)) {
      if (ctl === -1) ctl = i;
    } else if (c >= 0x80 && obsText === -1) obsText = i;
  }
  if (dangerous !== -1) {
    findings.push(
      h1Finding(
        'field-value-cr-lf-nul',
        'error',
        'Field value contains CR, LF or NUL (replaced with SP)',
        'RFC 9110',
        '5.5',
        400,
        offset + dangerous,
      ),
    );
    value = value.replace(/[\r\n\0]/g, ' ');
  }
  if (ctl !== -1) {
    findings.push(
      h1Finding(
        'field-value-ctl',
        'warning',
        'Field value contains a control character',
        'RFC 9110',
        '5.5',
        undefined,
        offset + ctl,
      ),
    );
  }
  if (obsText !== -1) {
    findings.push(
      h1Finding(
        'field-value-obs-text',
        'info',
        'Field value contains obs-text (octets above 0x7F)',
        'RFC 9110',
        '5.5',
        undefined,
        offset + obsText,
      ),
    );
  }
  return value;
}
