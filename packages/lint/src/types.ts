/**
 * The shapes of the lint package: a rule is data (id, severity, citation, prose) plus a pure
 * function over an Exchange (DESIGN.md convention 4); a finding points at its evidence.
 */
import type { Exchange, ExchangeFinding } from '@switchyard/exchange';
import type { Severity } from '@switchyard/protocol';

export type { Severity };

/** Where the evidence of a finding lies. */
export type EvidenceLocation = 'request' | 'response' | 'interim' | 'frame' | 'connection';

/**
 * What a finding points at. Every field but `where` is optional; rules fill in what they know:
 * the header (name and index in the exchange's header list), the interim response, the frame
 * (sequence number), a byte offset (into the raw head, or into the frame's direction stream),
 * and the offending and expected values.
 */
export interface Evidence {
  where: EvidenceLocation;
  /** Header name as on the wire. */
  header?: string;
  /** Index of the field line in the head's header list (0-based). */
  headerIndex?: number;
  /** Index in `exchange.interim` when `where` is `interim`. */
  interimIndex?: number;
  /** Frame sequence number when `where` is `frame`. */
  frameSeq?: number;
  /**
   * Byte offset: into the raw head (header evidence, when the head's offsets are known) or into
   * the frame's direction stream (frame evidence).
   */
  byteOffset?: number;
  /** The offending value, as seen. */
  actual?: string;
  /** What a correct peer would have sent, when it can be computed. */
  expected?: string;
}

/** One problem found in an exchange. Assignable to the Exchange record's `ExchangeFinding`. */
export interface Finding extends ExchangeFinding {
  ruleId: string;
  severity: Severity;
  /** Specific: names the header or frame and shows the offending and expected values. */
  message: string;
  evidence: Evidence;
}

/**
 * What a rule reads. `request` rules look only at the request head and `message` rules at the
 * request and the final response alike (framing rules); both also run on a composed request
 * before it is sent (`lintDraft`). `response` rules need the server's answer; `frames` rules look
 * at WebSocket frames and also run live, frame by frame.
 */
export type RuleScope = 'request' | 'message' | 'response' | 'frames';

/** The rule groups (the id prefix before `/`). */
export type RuleGroup = 'upgrade' | 'ws-handshake' | 'ws-frame' | 'status' | 'h2c' | 'message';

/** A rule as data: what it enforces, where the RFC says so, and how to fix it. */
export interface RuleInfo {
  /** Stable kebab-case id, `<group>/<name>`; never reused for another meaning. */
  id: string;
  severity: Severity;
  /** One line, shown in lists. */
  title: string;
  /** e.g. `RFC 9110` */
  rfc: string;
  /** e.g. `7.8` (no "§") */
  section: string;
  /** Link to the section on rfc-editor.org. */
  url: string;
  /** Why it matters: what the RFC requires and what goes wrong in practice. */
  explain: string;
  /** What to change (server code, proxy configuration, client code). */
  fix: string;
  scope: RuleScope;
}

/** A rule: data plus a pure check. */
export interface Rule extends RuleInfo {
  /** Pure: the same exchange always gives the same findings; never throws on odd input. */
  check(exchange: Exchange): Finding[];
}
