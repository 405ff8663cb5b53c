/**
 * Whether an HTTP/1.1 request that offers `Upgrade: h2c` is switched, decided by the protocol
 * core (`evaluateH2cUpgrade`, RFC 7540 §3.2 / §3.2.1, RFC 9110 §7.8) from the request head.
 */
import type { IncomingMessage } from 'node:http';
import {
  decodeHttp2Settings,
  evaluateH2cUpgrade,
  parseRequestHead,
  type H2Finding,
} from '@switchyard/protocol';

/** The decision, with the bytes the switch needs. */
export type H2cQualification =
  | { ok: true; settingsPayload: Uint8Array; findings: H2Finding[] }
  | { ok: false; reasons: H2Finding[] };

/** Protocol names offered in an Upgrade value, lowercased, without versions (RFC 9110 §7.8). */
export function offeredNames(upgrade: string | undefined): string[] {
  if (upgrade === undefined) return [];
  return upgrade
    .split(',')
    .map((p) => p.trim().split('/')[0]!.trim().toLowerCase())
    .filter((p) => p !== '');
}

/**
 * True when h2c is the first protocol this server can switch to in the client's list (the
 * list is in the client's order of preference), given the other names it supports.
 */
export function prefersH2c(upgrade: string | undefined, others: readonly string[]): boolean {
  for (const name of offeredNames(upgrade)) {
    if (name === 'h2c') return true;
    if (others.includes(name)) return false;
  }
  return false;
}

/** Rebuilds the head Node parsed (start line + fields in wire order) for the protocol core. */
function headBytes(req: IncomingMessage): Uint8Array {
  let text = `${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}\r\n`;
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) text += `${raw[i]!}: ${raw[i + 1]!}\r\n`;
  text += '\r\n';
  return Buffer.from(text, 'latin1');
}

/** Decides whether `req` (which offers h2c) qualifies for the switch. */
export function qualifyH2c(req: IncomingMessage): H2cQualification {
  const parsed = parseRequestHead(headBytes(req), { maxHeadBytes: 1 << 20 });
  if (parsed.state !== 'complete') {
    return { ok: false, reasons: parsed.findings as H2Finding[] };
  }
  const decision = evaluateH2cUpgrade(parsed.head);
  if (!decision.ok) return { ok: false, reasons: decision.reasons };
  const value = req.headers['http2-settings'];
  const payload = typeof value === 'string' ? decodeHttp2Settings(value).payload : undefined;
  if (payload === undefined) return { ok: false, reasons: decision.findings };
  return { ok: true, settingsPayload: payload, findings: decision.findings };
}

/** One line per finding, with its citation, for capture notes and problem details. */
export function describeFindings(findings: readonly H2Finding[]): string[] {
  return findings.map((f) => `${f.message} (${f.cite.rfc} §${f.cite.section})`);
}
