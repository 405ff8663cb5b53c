import type { ProtocolFinding } from '../shared/problem.js';
import { h1Finding } from './finding.js';
import { listHasToken, parseList } from './token-list.js';
import type { BodyFraming, HeaderPair } from './types.js';
import type { VersionNumber } from './start-line.js';

/** All values of a field, matched case-insensitively (RFC 9110 §5.1), in received order. */
export function fieldValues(
  headers: readonly (readonly [string, string])[],
  name: string,
): string[] {
  const wanted = name.toLowerCase();
  const out: string[] = [];
  // Performance: one plain loop instead of filter + map.
  for (const [n, v] of headers) if (n.toLowerCase() === wanted) out.push(v);
  return out;
}

/** Outcome of reading Content-Length (RFC 9112 §6.3 item 5, RFC 9110 §8.6). */
type ContentLength = { kind: 'absent' } | { kind: 'valid'; length: number } | { kind: 'invalid' };

function readContentLength(values: string[], findings: ProtocolFinding[]): ContentLength {
  if (values.length === 0) return { kind: 'absent' };
  const members = values.flatMap((v) => v.split(',').map((m) => m.trim()));
  // RFC 9110 §8.6: Content-Length = 1*DIGIT. RFC 9112 §6.3: guard against integer overflow.
  if (members.some((m) => !/^[0-9]+$/.test(m) || !Number.isSafeInteger(Number(m)))) {
    findings.push(
      h1Finding(
        'invalid-content-length',
        'error',
        `Content-Length ${JSON.stringify(values.join(', '))} is not a valid decimal length`,
        'RFC 9112',
        '6.3',
        400,
      ),
    );
    return { kind: 'invalid' };
  }
  const distinct = new Set(members.map(Number));
  if (distinct.size > 1) {
    findings.push(
      h1Finding(
        'conflicting-content-length',
        'error',
        `Content-Length values differ: ${values.join(', ')}`,
        'RFC 9112',
        '6.3',
        400,
      ),
    );
    return { kind: 'invalid' };
  }
  if (members.length > 1) {
    // RFC 9112 §6.3 item 5: a list of identical valid values is processed as that one value.
    findings.push(
      h1Finding(
        'duplicate-content-length',
        'warning',
        `Content-Length repeated (${members.length} times) with the same value`,
        'RFC 9112',
        '6.3',
      ),
    );
  }
  return { kind: 'valid', length: Number(members[0]) };
}

/**
 * Framing checks shared by requests and responses (RFC 9112 §6.1, §6.3). Returns the framing the
 * recipient uses. `isRequest` selects the request rules (missing framing = no content).
 */
export function checkFraming(
  headers: readonly HeaderPair[],
  version: VersionNumber | undefined,
  isRequest: boolean,
  status: number,
  findings: ProtocolFinding[],
): BodyFraming {
  const te = fieldValues(headers, 'transfer-encoding');
  const cl = readContentLength(fieldValues(headers, 'content-length'), findings);
  // RFC 9112 §6.3 item 1: 1xx, 204 and 304 responses end at the head.
  const noContent = !isRequest && (status < 200 || status === 204 || status === 304);
  if (te.length > 0) {
    if (cl.kind !== 'absent') {
      // RFC 9112 §6.1: a server MAY reject a request with both, and MUST close the connection
      // afterwards; §6.3 item 3: Transfer-Encoding overrides, and this "ought to be handled as
      // an error" (request smuggling).
      findings.push(
        h1Finding(
          'content-length-with-transfer-encoding',
          'error',
          'Both Content-Length and Transfer-Encoding are present',
          'RFC 9112',
          '6.1',
          400,
        ),
      );
    }
    if (version !== undefined && version.major === 1 && version.minor === 0) {
      // RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 message means faulty framing.
      findings.push(
        h1Finding(
          'transfer-encoding-in-http10',
          'error',
          'Transfer-Encoding in an HTTP/1.0 message',
          'RFC 9112',
          '6.1',
          400,
        ),
      );
    }
    const codings = parseList(te).map((c) => c.toLowerCase());
    const chunkedCount = codings.filter((c) => c === 'chunked').length;
    const finalChunked = codings[codings.length - 1] === 'chunked';
    if (chunkedCount > 1 || (chunkedCount === 1 && !finalChunked)) {
      // RFC 9112 §6.1: chunked MUST NOT be applied more than once, and must be final.
      findings.push(
        h1Finding(
          'chunked-misplaced',
          'error',
          `Transfer-Encoding ${JSON.stringify(te.join(', '))}: chunked must appear once, last`,
          'RFC 9112',
          '6.1',
          400,
        ),
      );
    }
    if (noContent) return { kind: 'none' };
    if (finalChunked) return { kind: 'chunked' };
    if (isRequest) {
      // RFC 9112 §6.3 item 4: request whose final coding is not chunked: 400, then close.
      findings.push(
        h1Finding(
          'transfer-encoding-not-chunked',
          'error',
          'Request Transfer-Encoding does not end with chunked: length cannot be determined',
          'RFC 9112',
          '6.3',
          400,
        ),
      );
      return { kind: 'invalid' };
    }
    return { kind: 'until-close' };
  }
  if (noContent) return { kind: 'none' };
  if (cl.kind === 'valid') return { kind: 'content-length', length: cl.length };
  if (cl.kind === 'invalid') return { kind: 'invalid' };
  // RFC 9112 §6.3 items 6 and 8.
  return isRequest ? { kind: 'none' } : { kind: 'until-close' };
}

/**
 * Request-only checks: Host (RFC 9112 §3.2) and Upgrade (RFC 9110 §7.8).
 */
export function checkRequestFields(
  headers: readonly HeaderPair[],
  version: VersionNumber | undefined,
  findings: ProtocolFinding[],
): void {
  const hosts = fieldValues(headers, 'host');
  const http11 = version !== undefined && version.major === 1 && version.minor >= 1;
  // RFC 9112 §3.2: a server MUST respond 400 to an HTTP/1.1 request without Host and to any
  // request with more than one Host field line.
  if (hosts.length > 1) {
    findings.push(
      h1Finding(
        'duplicate-host',
        'error',
        `Host appears ${hosts.length} times`,
        'RFC 9112',
        '3.2',
        400,
      ),
    );
  } else if (hosts.length === 0 && http11) {
    findings.push(
      h1Finding('missing-host', 'error', 'HTTP/1.1 request without Host', 'RFC 9112', '3.2', 400),
    );
  }
  const upgrade = fieldValues(headers, 'upgrade');
  if (upgrade.length === 0) return;
  if (version !== undefined && version.major === 1 && version.minor === 0) {
    // RFC 9110 §7.8: a server MUST ignore Upgrade received in an HTTP/1.0 request.
    findings.push(
      h1Finding(
        'upgrade-in-http10',
        'warning',
        'Upgrade in an HTTP/1.0 request: the server must ignore it',
        'RFC 9110',
        '7.8',
      ),
    );
  } else if (!listHasToken(fieldValues(headers, 'connection'), 'upgrade')) {
    // RFC 9110 §7.8: a sender of Upgrade MUST also send the "upgrade" connection option.
    findings.push(
      h1Finding(
        'upgrade-without-connection',
        'warning',
        'Upgrade sent without "upgrade" in Connection',
        'RFC 9110',
        '7.8',
      ),
    );
  }
}
