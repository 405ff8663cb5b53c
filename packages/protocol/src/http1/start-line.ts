import type { ProtocolFinding } from '../shared/problem.js';
import { isCtl, isLenientSpace, isToken } from './chars.js';
import { h1Finding } from './finding.js';

/** Version as parsed from `HTTP/x.y` (RFC 9112 §2.3). */
export interface VersionNumber {
  major: number;
  minor: number;
}

/** RFC 9112 §2.3: HTTP-version = HTTP-name "/" DIGIT "." DIGIT; HTTP-name is case-sensitive. */
const VERSION = /^HTTP\/([0-9])\.([0-9])$/;

/**
 * Checks an HTTP-version. A malformed version is a 400 (RFC 9112 §2.3); a major version other
 * than 1 is answered with 505 (RFC 9110 §15.6.6); a higher 1.x minor is processed as 1.1
 * (RFC 9110 §2.5).
 */
export function checkVersion(
  version: string,
  offset: number,
  findings: ProtocolFinding[],
): VersionNumber | undefined {
  const m = VERSION.exec(version);
  if (m === null) {
    findings.push(
      h1Finding(
        'invalid-http-version',
        'error',
        `Malformed HTTP-version ${JSON.stringify(version)}`,
        'RFC 9112',
        '2.3',
        400,
        offset,
      ),
    );
    return undefined;
  }
  const number = { major: Number(m[1]), minor: Number(m[2]) };
  if (number.major !== 1) {
    findings.push(
      h1Finding(
        'unsupported-http-version',
        'error',
        `HTTP major version ${number.major} is not supported over HTTP/1.x syntax`,
        'RFC 9110',
        '15.6.6',
        505,
        offset,
      ),
    );
  } else if (number.minor > 1) {
    findings.push(
      h1Finding(
        'higher-minor-version',
        'info',
        `${version} is processed as HTTP/1.1`,
        'RFC 9110',
        '2.5',
        undefined,
        offset,
      ),
    );
  }
  return number;
}

/** Splits on runs of lenient whitespace (RFC 9112 §3), ignoring leading and trailing runs. */
function words(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    if (isLenientSpace(text.charCodeAt(i))) {
      if (current !== '') out.push(current);
      current = '';
    } else current += text[i];
  }
  if (current !== '') out.push(current);
  return out;
}

/** A parsed request-line (RFC 9112 §3). */
export interface RequestLine {
  method: string;
  target: string;
  version: string;
  versionNumber?: VersionNumber;
}

/** RFC 9112 §3: request-line = method SP request-target SP HTTP-version, single SPs. */
const STRICT_REQUEST_LINE = /^([^ ]+) ([^ ]+) ([^ ]+)$/;

/**
 * Parses a request-line (latin1 text, offset of its first byte). Lenient per RFC 9112 §3: words
 * may be separated by any SP/HTAB/VT/FF/CR run, with a finding, since differing robustness among
 * recipients enables request smuggling.
 */
export function parseRequestLine(
  text: string,
  offset: number,
  findings: ProtocolFinding[],
): RequestLine {
  let parts: string[];
  const strict = STRICT_REQUEST_LINE.exec(text);
  if (strict !== null && !/[\t\v\f\r]/.test(text)) {
    parts = [strict[1]!, strict[2]!, strict[3]!];
  } else {
    parts = words(text);
    const code = parts.length === 3 ? 'request-line-whitespace' : 'invalid-request-line';
    const message =
      parts.length === 3
        ? 'Request-line words are not separated by exactly one SP'
        : parts.length === 2
          ? 'Request-line has no HTTP-version (HTTP/0.9 style)'
          : `Request-line has ${parts.length} words, expected 3`;
    findings.push(h1Finding(code, 'error', message, 'RFC 9112', '3', 400, offset));
  }
  const [method = '', target = '', version = ''] = parts;
  // RFC 9110 §9.1: method = token.
  if (!isToken(method)) {
    findings.push(
      h1Finding('invalid-method', 'error', 'Method is not a token', 'RFC 9110', '9.1', 400, offset),
    );
  }
  // RFC 9112 §3.2: the request-target contains no whitespace or control octets.
  if (target === '' || [...target].some((ch) => isCtl(ch.charCodeAt(0)))) {
    findings.push(
      h1Finding(
        'invalid-request-target',
        'error',
        'Request-target is empty or contains control octets',
        'RFC 9112',
        '3.2',
        400,
        offset,
      ),
    );
  }
  const line: RequestLine = { method, target, version };
  if (method === 'PRI' && target === '*' && version === 'HTTP/2.0') {
    // RFC 9113 §3.4: the start of the HTTP/2 client preface (prior knowledge, §3.3), not an
    // HTTP/1.1 request; a server that supports it hands the bytes to its HTTP/2 side.
    findings.push(
      h1Finding(
        'http2-preface',
        'info',
        'This is the HTTP/2 client connection preface',
        'RFC 9113',
        '3.4',
        undefined,
        offset,
      ),
    );
  }
  if (parts.length >= 3) {
    const versionNumber = checkVersion(version, offset, findings);
    if (versionNumber !== undefined) line.versionNumber = versionNumber;
  }
  return line;
}

/** A parsed status-line (RFC 9112 §4). */
export interface StatusLine {
  version: string;
  versionNumber?: VersionNumber;
  status: number;
  reason: string;
}

/**
 * Parses a status-line: HTTP-version SP status-code SP [reason-phrase] (RFC 9112 §4). A missing
 * SP before an empty reason is accepted with a warning (a server MUST send it).
 */
export function parseStatusLine(
  text: string,
  offset: number,
  findings: ProtocolFinding[],
): StatusLine {
  const firstSp = text.indexOf(' ');
  const version = firstSp === -1 ? text : text.slice(0, firstSp);
  const afterVersion = firstSp === -1 ? '' : text.slice(firstSp + 1);
  const secondSp = afterVersion.indexOf(' ');
  const code = secondSp === -1 ? afterVersion : afterVersion.slice(0, secondSp);
  const reason = secondSp === -1 ? '' : afterVersion.slice(secondSp + 1);
  const line: StatusLine = { version, status: Number.NaN, reason };
  const versionNumber = checkVersion(version, offset, findings);
  if (versionNumber !== undefined) line.versionNumber = versionNumber;
  // RFC 9112 §4: status-code = 3DIGIT; RFC 9110 §15: valid codes are 100..599.
  if (!/^[0-9]{3}$/.test(code) || Number(code) < 100 || Number(code) > 599) {
    findings.push(
      h1Finding(
        'invalid-status-code',
        'error',
        `Status code ${JSON.stringify(code)} is not three digits in 100..599`,
        'RFC 9112',
        '4',
        400,
        offset,
      ),
    );
  } else line.status = Number(code);
  if (firstSp !== -1 && secondSp === -1 && code !== '') {
    findings.push(
      h1Finding(
        'status-line-missing-space',
        'warning',
        'No SP after the status code (a server MUST send it even with an empty reason)',
        'RFC 9112',
        '4',
        undefined,
        offset,
      ),
    );
  }
  // RFC 9112 §4: reason-phrase = 1*( HTAB / SP / VCHAR / obs-text ).
  if ([...reason].some((ch) => ch !== '\t' && isCtl(ch.charCodeAt(0)))) {
    findings.push(
      h1Finding(
        'invalid-reason-phrase',
        'warning',
        'Reason phrase contains control octets',
        'RFC 9112',
        '4',
        undefined,
        offset,
      ),
    );
  }
  return line;
}
