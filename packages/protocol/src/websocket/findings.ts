/**
 * Small helpers to build {@link ProtocolFinding}s for WebSocket code, so every finding carries
 * the RFC section that decides it and (when the connection must be failed) its close code.
 */
import type { ProtocolFinding, Severity } from '../shared/problem.js';

/** Builds a finding citing RFC 6455 (or another RFC given in `rfc`). */
export function wsFinding(
  code: string,
  severity: Severity,
  section: string,
  message: string,
  extra: { closeCode?: number; offset?: number; status?: number; rfc?: string } = {},
): ProtocolFinding {
  const finding: ProtocolFinding = {
    code,
    severity,
    message,
    cite: { rfc: extra.rfc ?? 'RFC 6455', section },
  };
  if (extra.closeCode !== undefined) finding.closeCode = extra.closeCode;
  if (extra.status !== undefined) finding.status = extra.status;
  if (extra.offset !== undefined) finding.offset = extra.offset;
  return finding;
}
