/** The human-readable notes a probe adds to its exchange (what it resolved, connected, failed). */
import type { ProtocolFinding } from '@switchyard/protocol';
import type { Note } from '@switchyard/exchange';
import type { ProbeDetails } from './types.js';

/** Notes in time order of the probe's own steps (DNS, policy, TCP, TLS, handshake, errors). */
export function probeNotes(details: ProbeDetails): Note[] {
  const out: Note[] = [];
  const t = details.timings;
  const where = `${details.address.address} port ${details.port}`;
  if (t.dns !== undefined)
    out.push({
      time: t.dns,
      text: `Resolved ${details.hostname} to ${details.resolved.map((r) => r.address).join(', ')}; connecting to ${details.address.address} only`,
    });
  for (const r of details.refused)
    out.push({ time: t.dns ?? 0, text: `Target policy refused ${r.address}: ${r.reason}` });
  if (t.connect !== undefined) out.push({ time: t.connect, text: `TCP connected to ${where}` });
  if (details.tls !== undefined && t.tls !== undefined) {
    out.push({
      time: t.tls,
      text: `TLS ${details.tls.protocol ?? '?'}, ALPN ${details.tls.alpn ?? 'none'}, SNI ${details.tls.servername ?? 'none'}${details.tls.authorized ? '' : `, certificate not verified (${details.tls.authorizationError ?? 'unknown'})`}`,
    });
  }
  if (details.handshake !== undefined && !details.handshake.ok) {
    out.push({
      time: t.upgrade ?? t.firstByte ?? 0,
      text: `WebSocket handshake failed (RFC 6455 §4.1): ${details.handshake.findings
        .filter((f: ProtocolFinding) => f.severity === 'error')
        .map((f) => f.message)
        .join('; ')}`,
    });
  }
  if (details.error !== undefined) out.push({ time: t.end ?? 0, text: details.error });
  return out;
}
