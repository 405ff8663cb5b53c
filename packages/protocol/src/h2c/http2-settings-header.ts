import { decodeBase64Url, encodeBase64Url } from '../shared/base64.js';
import { h2Finding } from './h2-finding.js';
import type { H2Finding } from './h2-finding.js';
import { decodeSettingsPayload, encodeSettingsPayload } from './settings.js';
import type { SettingEntry } from './settings.js';

/** Result of decoding an `HTTP2-Settings` field value. */
export interface Http2SettingsDecoded {
  /** The SETTINGS entries, or `undefined` when the value is not base64url. */
  settings: SettingEntry[] | undefined;
  /** The decoded SETTINGS payload, when the value is base64url. */
  payload: Uint8Array | undefined;
  findings: H2Finding[];
}

/**
 * Decodes an `HTTP2-Settings` value (RFC 7540 §3.2.1): the payload of a SETTINGS frame as
 * base64url (RFC 4648 §5) with trailing `=` omitted. Trailing `=` (allowed by the token68
 * grammar) is accepted with a warning; anything else that is not canonical base64url makes the
 * value unusable (the server then must not upgrade). Values are checked as SETTINGS (RFC 9113
 * §6.5.2). Never throws.
 */
export function decodeHttp2Settings(value: string): Http2SettingsDecoded {
  const findings: H2Finding[] = [];
  const trimmed = value.trim();
  let text = trimmed;
  const padStart = text.search(/=+$/);
  if (padStart !== -1) {
    text = text.slice(0, padStart);
    findings.push(
      h2Finding(
        'http2-settings-padding',
        'warning',
        'HTTP2-Settings carries base64 padding; it should be omitted',
        'RFC 7540',
        '3.2.1',
      ),
    );
  }
  if (trimmed === '') {
    findings.push(
      h2Finding(
        'http2-settings-empty',
        'warning',
        'HTTP2-Settings is empty (token68 needs at least one character); no settings sent',
        'RFC 7540',
        '3.2.1',
      ),
    );
  }
  const payload = decodeBase64Url(text);
  if (payload === undefined) {
    findings.push(
      h2Finding(
        'http2-settings-not-base64url',
        'error',
        'HTTP2-Settings is not valid base64url (RFC 4648 §5)',
        'RFC 7540',
        '3.2.1',
        { h2Error: 'PROTOCOL_ERROR', scope: 'connection' },
      ),
    );
    return { settings: undefined, payload: undefined, findings };
  }
  const decoded = decodeSettingsPayload(payload);
  findings.push(...decoded.findings);
  return { settings: decoded.settings, payload, findings };
}

/** Encodes SETTINGS entries as an `HTTP2-Settings` value (base64url, no padding). */
export function encodeHttp2Settings(entries: readonly { id: number; value: number }[]): string {
  return encodeBase64Url(encodeSettingsPayload(entries));
}
