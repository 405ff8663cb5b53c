import type { ProtocolFinding, Severity } from '../shared/problem.js';

/** HTTP/2 error codes (RFC 9113 §7), by name. */
export const H2_ERROR_CODES = {
  NO_ERROR: 0x0,
  PROTOCOL_ERROR: 0x1,
  INTERNAL_ERROR: 0x2,
  FLOW_CONTROL_ERROR: 0x3,
  SETTINGS_TIMEOUT: 0x4,
  STREAM_CLOSED: 0x5,
  FRAME_SIZE_ERROR: 0x6,
  REFUSED_STREAM: 0x7,
  CANCEL: 0x8,
  COMPRESSION_ERROR: 0x9,
  CONNECT_ERROR: 0xa,
  ENHANCE_YOUR_CALM: 0xb,
  INADEQUATE_SECURITY: 0xc,
  HTTP_1_1_REQUIRED: 0xd,
} as const;

/** Name of an HTTP/2 error code. */
export type H2ErrorName = keyof typeof H2_ERROR_CODES;

/** Name of an error code value, or `UNKNOWN(0x..)` (RFC 9113 §7: unknown codes are allowed). */
export function h2ErrorName(code: number): string {
  for (const [name, value] of Object.entries(H2_ERROR_CODES)) if (value === code) return name;
  return `UNKNOWN(0x${code.toString(16)})`;
}

/**
 * A finding about HTTP/2 bytes. `h2Error` is the error code an endpoint sends in GOAWAY (or
 * RST_STREAM) when it treats the problem as an error; `scope` says which (RFC 9113 §5.4).
 */
export interface H2Finding extends ProtocolFinding {
  h2Error?: H2ErrorName;
  scope?: 'connection' | 'stream';
}

/** Builds an HTTP/2 finding. */
export function h2Finding(
  code: string,
  severity: Severity,
  message: string,
  rfc: string,
  section: string,
  extra: { h2Error?: H2ErrorName; scope?: 'connection' | 'stream'; offset?: number } = {},
): H2Finding {
  const finding: H2Finding = { code, severity, message, cite: { rfc, section } };
  if (extra.h2Error !== undefined) finding.h2Error = extra.h2Error;
  if (extra.scope !== undefined) finding.scope = extra.scope;
  if (extra.offset !== undefined) finding.offset = extra.offset;
  return finding;
}
