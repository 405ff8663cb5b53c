/**
 * Entry points: lint a whole captured exchange, a composed request before it is sent, or frames
 * as they arrive.
 */
import type { Exchange, FrameJson, RequestHead } from '@switchyard/exchange';
import { frameRules, rules } from './registry.js';
import { FrameWalker, negotiationOf } from './support/frame-walk.js';
import type { Finding, Rule } from './types.js';
import {
  checkIntoOf,
  frameAppendersOf,
  type CheckInto,
  type FrameAppenders,
} from './rules/define.js';
import { withCallMemo } from './support/memo.js';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Each rule's append-only check (see `checkIntoOf`), falling back to its `check`. */
function appenders(selected: readonly Rule[]): readonly CheckInto[] {
  return selected.map(
    (rule) =>
      checkIntoOf(rule) ??
      ((exchange, out) => {
        for (const finding of rule.check(exchange)) out.push(finding);
      }),
  );
}

const allAppenders = appenders(rules);
const draftRules = rules.filter((r) => r.scope === 'request' || r.scope === 'message');
const draftAppenders = appenders(draftRules);

/** Each frame rule's append-only live checks, falling back to its `frameCheck` / `endCheck`. */
const liveAppenders: readonly FrameAppenders[] = frameRules.map(
  (rule) =>
    frameAppendersOf(rule) ?? {
      frame(view, ctx, out) {
        for (const finding of rule.frameCheck(view, ctx)) out.push(finding);
      },
      end(ctx, out) {
        for (const finding of rule.endCheck(ctx)) out.push(finding);
      },
    },
);

/** Runs rules, isolating each: a rule that throws on odd input yields no finding, never a crash. */
function run(selected: readonly CheckInto[], exchange: Exchange): Finding[] {
  // Derived facts (field lookups, versions, the response list) are computed once for the call.
  return withCallMemo(() => {
    const out: Finding[] = [];
    for (const into of selected) {
      const mark = out.length;
      try {
        into(exchange, out);
      } catch {
        // A defect in one rule must not hide the others' findings; the rule tests catch throws.
        // Drop what the failing rule reported before it threw, as a separate `check` would.
        out.length = mark;
      }
    }
    return out;
  });
}

/**
 * Lints a captured exchange with every rule. Findings come in rule-registry order (stable);
 * use {@link sortFindings} for severity order.
 */
export function lintExchange(exchange: Exchange): Finding[] {
  return run(allAppenders, exchange);
}

/** Orders findings by severity (errors first), keeping registry order within a severity. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/** A request as composed in the playground, before it is sent. */
export type DraftRequest = Pick<RequestHead, 'method' | 'target' | 'httpVersion' | 'headers'>;

/** Wraps a draft request in an Exchange with nothing else captured. */
export function draftExchange(request: DraftRequest): Exchange {
  return {
    schemaVersion: 1,
    id: 'draft',
    createdAt: new Date(0).toISOString(),
    kind: 'http',
    endpoint: request.target,
    source: 'capture',
    request: {
      method: request.method,
      target: request.target,
      httpVersion: request.httpVersion,
      headers: request.headers,
    },
    interim: [],
    requestBody: { size: 0, truncated: false },
    responseBody: { size: 0, truncated: false },
    timings: { start: 0 },
    notes: [],
    redactions: [],
    findings: [],
  };
}

/**
 * Pre-flight: lints a composed request before it is sent, with the rules that only need the
 * request (`request` and `message` scopes).
 */
export function lintDraft(request: DraftRequest): Finding[] {
  return run(draftAppenders, draftExchange(request));
}

/** Live linting of one WebSocket connection, frame by frame. */
export interface LiveLinter {
  /** Lints one frame (push in sequence order); returns its findings. */
  push(frame: FrameJson): Finding[];
  /**
   * Call once the connection has closed, with every frame pushed: runs the end-of-connection
   * rules (unanswered ping, missing Close reply).
   */
  finish(): Finding[];
}

/**
 * Starts live linting for an exchange whose handshake is known (frames not needed). The same
 * frame rules as {@link lintExchange} run, so live findings equal the stored ones.
 */
export function createLiveLinter(handshake: Exchange): LiveLinter {
  const negotiation = negotiationOf(handshake);
  const walker = new FrameWalker(negotiation);
  const ctx = { negotiation };
  return {
    push(frame) {
      const view = walker.push(frame);
      const out: Finding[] = [];
      for (const live of liveAppenders) live.frame(view, ctx, out);
      return out;
    },
    finish() {
      const end = walker.end();
      const endCtx = { ...ctx, end, exchange: handshake };
      const out: Finding[] = [];
      for (const live of liveAppenders) live.end(endCtx, out);
      return out;
    },
  };
}
