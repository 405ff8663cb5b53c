import { fieldValues } from '../http1/message-checks.js';
import { listHasToken, parseUpgrade } from '../http1/token-list.js';
import type { RequestHead } from '../http1/types.js';
import { h2Finding } from './h2-finding.js';
import type { H2Finding } from './h2-finding.js';
import { decodeHttp2Settings } from './http2-settings-header.js';
import type { SettingEntry } from './settings.js';

/** Outcome of {@link evaluateH2cUpgrade}. */
export type H2cUpgradeDecision =
  | {
      ok: true;
      /** The client's settings from HTTP2-Settings (RFC 7540 §3.2.1). */
      settings: SettingEntry[];
      /** Non-blocking notes: deprecation (RFC 9113 §3.1), padding, unknown settings. */
      findings: H2Finding[];
    }
  | { ok: false; reasons: H2Finding[] };

function reason(code: string, message: string, rfc: string, section: string): H2Finding {
  return h2Finding(code, 'error', message, rfc, section);
}

/**
 * Decides whether an HTTP/1.1 request qualifies for an upgrade to h2c (RFC 7540 §3.2,
 * deprecated by RFC 9113 §3.1). Requirements:
 * - HTTP/1.1: a server MUST ignore Upgrade in an HTTP/1.0 request (RFC 9110 §7.8);
 * - `Upgrade` lists `h2c` (RFC 7540 §3.2; `h2` means TLS and MUST be ignored here);
 * - exactly one `HTTP2-Settings` field that decodes to valid settings (RFC 7540 §3.2.1);
 * - `Connection` lists both `Upgrade` (RFC 9110 §7.8) and `HTTP2-Settings` (RFC 7540 §3.2.1);
 * - no request content: RFC 7540 §3.2 makes the client send it in full before HTTP/2 frames, so
 *   a server that does not first read it cannot switch (Node, Go and nghttp2 servers decline).
 * Every unmet requirement is reported, not just the first.
 */
export function evaluateH2cUpgrade(head: RequestHead): H2cUpgradeDecision {
  const reasons: H2Finding[] = [];
  const notes: H2Finding[] = [
    h2Finding(
      'h2c-upgrade-deprecated',
      'info',
      'HTTP/2 via Upgrade: h2c was never widely deployed and is deprecated; prior knowledge is the way to start cleartext HTTP/2',
      'RFC 9113',
      '3.1',
    ),
  ];
  const version = head.versionNumber;
  if (version === undefined || version.major !== 1 || version.minor < 1) {
    reasons.push(
      reason('h2c-not-http11', `Upgrade needs HTTP/1.1, got ${head.version}`, 'RFC 9110', '7.8'),
    );
  }
  const offered = parseUpgrade(fieldValues(head.headers, 'upgrade'));
  if (!offered.some((p) => p.name === 'h2c' && p.version === undefined)) {
    const h2 = offered.some((p) => p.name === 'h2');
    reasons.push(
      reason(
        'h2c-not-offered',
        h2
          ? 'Upgrade offers "h2", which names HTTP/2 over TLS and is ignored in cleartext'
          : 'Upgrade does not list h2c',
        'RFC 7540',
        '3.2',
      ),
    );
  }
  const connection = fieldValues(head.headers, 'connection');
  if (!listHasToken(connection, 'upgrade')) {
    reasons.push(
      reason('h2c-connection-upgrade', 'Connection does not list "Upgrade"', 'RFC 9110', '7.8'),
    );
  }
  if (!listHasToken(connection, 'http2-settings')) {
    reasons.push(
      reason(
        'h2c-connection-settings',
        'Connection does not list "HTTP2-Settings"',
        'RFC 7540',
        '3.2.1',
      ),
    );
  }
  const values = fieldValues(head.headers, 'http2-settings');
  let settings: SettingEntry[] | undefined;
  if (values.length !== 1) {
    reasons.push(
      reason(
        'h2c-settings-count',
        `Exactly one HTTP2-Settings field is required, got ${values.length}`,
        'RFC 7540',
        '3.2.1',
      ),
    );
  } else {
    const decoded = decodeHttp2Settings(values[0]!);
    settings = decoded.settings;
    for (const f of decoded.findings) (f.severity === 'error' ? reasons : notes).push(f);
  }
  const framing = head.framing;
  if (
    (framing.kind === 'content-length' && framing.length > 0) ||
    framing.kind === 'chunked' ||
    framing.kind === 'invalid'
  ) {
    reasons.push(
      reason(
        'h2c-request-has-content',
        'The request has content that must be read in full before switching',
        'RFC 7540',
        '3.2',
      ),
    );
  }
  if (reasons.length > 0 || settings === undefined) return { ok: false, reasons };
  return { ok: true, settings, findings: notes };
}
