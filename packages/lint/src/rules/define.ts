/**
 * Builders that turn a rule's data and a small check function into a {@link Rule}. The check
 * reports through `report(message, evidence)`; the builder stamps the rule id and severity.
 */
import type { Exchange } from '@switchyard/exchange';
import { rfcUrl } from '@switchyard/protocol';
import type { Evidence, Finding, Rule, RuleInfo } from '../types.js';
import {
  walkExchange,
  type FrameView,
  type Negotiation,
  type WalkEnd,
} from '../support/frame-walk.js';

export type Report = (message: string, evidence: Evidence) => void;

export interface RuleSpec extends Omit<RuleInfo, 'url'> {
  check(exchange: Exchange, report: Report): void;
}

function infoOf(spec: Omit<RuleInfo, 'url'>): RuleInfo {
  return {
    id: spec.id,
    severity: spec.severity,
    title: spec.title,
    rfc: spec.rfc,
    section: spec.section,
    url: rfcUrl({ rfc: spec.rfc, section: spec.section }),
    explain: spec.explain,
    fix: spec.fix,
    scope: spec.scope,
  };
}

function reporter(info: RuleInfo, out: Finding[]): Report {
  return (message, evidence) =>
    out.push({ ruleId: info.id, severity: info.severity, message, evidence });
}

/**
 * Appends a rule's findings to `out` (the lint loop's fast path: no array and no reporter closure
 * per rule and exchange). Same findings, same order as the rule's `check`.
 */
export type CheckInto = (exchange: Exchange, out: Finding[]) => void;

const intoByRule = new WeakMap<Rule, CheckInto>();

/** The append-only form of a rule built here, or undefined for a hand-written rule. */
export function checkIntoOf(rule: Rule): CheckInto | undefined {
  return intoByRule.get(rule);
}

/**
 * The append-only form of a check: `report` appends to whichever array the current call set.
 * Rules never call other rules, but the target is saved and restored anyway so that a nested call
 * cannot misdirect findings.
 */
function appendingCheck(
  info: RuleInfo,
  check: (exchange: Exchange, report: Report) => void,
): CheckInto {
  let target: Finding[] = [];
  const report: Report = (message, evidence) =>
    target.push({ ruleId: info.id, severity: info.severity, message, evidence });
  return (exchange, out) => {
    const previous = target;
    target = out;
    try {
      check(exchange, report);
    } finally {
      target = previous;
    }
  };
}

/** A rule over the heads of an exchange. */
export function defineRule(spec: RuleSpec): Rule {
  const info = infoOf(spec);
  const rule: Rule = {
    ...info,
    check(exchange) {
      const out: Finding[] = [];
      spec.check(exchange, reporter(info, out));
      return out;
    },
  };
  intoByRule.set(rule, appendingCheck(info, spec.check));
  return rule;
}

/** Context a frame rule gets with each frame. */
export interface FrameContext {
  negotiation: Negotiation;
}

/** End-of-connection context (only when the connection is known to have ended). */
export interface EndContext extends FrameContext {
  end: WalkEnd;
  exchange: Exchange;
}

export interface FrameRuleSpec extends Omit<RuleInfo, 'url' | 'scope'> {
  /** Called for every frame, in order, with the state it arrived in. */
  onFrame?(view: FrameView, ctx: FrameContext, report: Report): void;
  /** Called once the connection has ended and every frame was captured. */
  onEnd?(ctx: EndContext, report: Report): void;
}

/** A frame rule: usable on a whole capture (`check`) and live (`onFrame` / `onEnd`). */
export interface FrameRule extends Rule {
  scope: 'frames';
  frameCheck(view: FrameView, ctx: FrameContext): Finding[];
  endCheck(ctx: EndContext): Finding[];
}

/**
 * True when every frame of the connection was captured and the connection has ended, so that
 * "never answered" rules may speak (a capped capture cannot prove an absence).
 */
export function connectionComplete(exchange: Exchange): boolean {
  const ws = exchange.websocket;
  return ws !== undefined && ws.close !== undefined && ws.truncation.framesDropped === 0;
}

/** Append-only forms of a frame rule's live checks (the live linter's fast path). */
export interface FrameAppenders {
  frame(view: FrameView, ctx: FrameContext, out: Finding[]): void;
  end(ctx: EndContext, out: Finding[]): void;
}

const frameAppendersByRule = new WeakMap<FrameRule, FrameAppenders>();

/** The append-only live checks of a frame rule built here, or undefined for a hand-written one. */
export function frameAppendersOf(rule: FrameRule): FrameAppenders | undefined {
  return frameAppendersByRule.get(rule);
}

/** Defines a frame rule. */
export function defineFrameRule(spec: FrameRuleSpec): FrameRule {
  const info = infoOf({ ...spec, scope: 'frames' });
  const frameCheck = (view: FrameView, ctx: FrameContext): Finding[] => {
    const out: Finding[] = [];
    spec.onFrame?.(view, ctx, reporter(info, out));
    return out;
  };
  const endCheck = (ctx: EndContext): Finding[] => {
    const out: Finding[] = [];
    spec.onEnd?.(ctx, reporter(info, out));
    return out;
  };
  const walkInto = (exchange: Exchange, report: Report): void => {
    if (exchange.websocket === undefined) return;
    const walk = walkExchange(exchange);
    const ctx: FrameContext = { negotiation: walk.negotiation };
    if (spec.onFrame) for (const view of walk.views) spec.onFrame(view, ctx, report);
    if (spec.onEnd && connectionComplete(exchange)) {
      spec.onEnd({ ...ctx, end: walk.end, exchange }, report);
    }
  };
  const rule: FrameRule = {
    ...info,
    scope: 'frames',
    frameCheck,
    endCheck,
    check(exchange) {
      const out: Finding[] = [];
      walkInto(exchange, reporter(info, out));
      return out;
    },
  };
  // walkInto returns at once when no frames were captured (a plain HTTP exchange).
  intoByRule.set(rule, appendingCheck(info, walkInto));
  // Live: the same spec callbacks, reporting into the caller's array (saved and restored).
  let target: Finding[] = [];
  const report: Report = (message, evidence) =>
    target.push({ ruleId: info.id, severity: info.severity, message, evidence });
  const onFrame = spec.onFrame;
  const onEnd = spec.onEnd;
  frameAppendersByRule.set(rule, {
    frame(view, ctx, out) {
      if (onFrame === undefined) return;
      const previous = target;
      target = out;
      try {
        onFrame(view, ctx, report);
      } finally {
        target = previous;
      }
    },
    end(ctx, out) {
      if (onEnd === undefined) return;
      const previous = target;
      target = out;
      try {
        onEnd(ctx, report);
      } finally {
        target = previous;
      }
    },
  });
  return rule;
}

/** Evidence for a frame: its sequence number and the offset of its first header byte. */
export function frameEvidence(view: FrameView, extra: Partial<Evidence> = {}): Evidence {
  return {
    where: 'frame',
    frameSeq: view.frame.seq,
    byteOffset: view.frame.headerOffset,
    ...extra,
  };
}

/** `client frame #3` / `server frame #4`, for messages. */
export function frameName(view: FrameView): string {
  const who = view.frame.direction === 'client-to-server' ? 'client' : 'server';
  return `${who} ${OPCODE_NAMES[view.frame.opcode] ?? `opcode 0x${view.frame.opcode.toString(16)}`} frame #${view.frame.seq}`;
}

export const OPCODE_NAMES: Readonly<Record<number, string>> = {
  0x0: 'continuation',
  0x1: 'text',
  0x2: 'binary',
  0x8: 'close',
  0x9: 'ping',
  0xa: 'pong',
};
