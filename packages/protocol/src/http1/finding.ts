import type { ProtocolFinding, Severity } from '../shared/problem.js';

/**
 * Builds an HTTP/1.1 finding. `status` is what a strict server answers a request with; the head
 * parser rewrites it to 502 when the head being parsed is a response (RFC 9110 §15.6.3).
 */
export function h1Finding(
  code: string,
  severity: Severity,
  message: string,
  rfc: string,
  section: string,
  status?: number,
  offset?: number,
): ProtocolFinding {
  const finding: ProtocolFinding = { code, severity, message, cite: { rfc, section } };
  if (status !== undefined) finding.status = status;
  if (offset !== undefined) finding.offset = offset;
  return finding;
}
