/**
 * The rule registry: every rule, in a stable order (by group). Ids are unique (checked here at
 * load time and by the meta-test) and never reused for a different meaning.
 */
import type { Rule, RuleInfo } from './types.js';
import type { FrameRule } from './rules/define.js';
import { upgradeRules } from './rules/upgrade.js';
import { statusRules } from './rules/status.js';
import { statusFieldRules } from './rules/status-fields.js';
import { messageRules } from './rules/message.js';
import { wsHandshakeRules } from './rules/ws-handshake.js';
import { wsHandshakeResponseRules } from './rules/ws-handshake-response.js';
import { wsDeflateRules } from './rules/ws-handshake-deflate.js';
import { wsFrameRules } from './rules/ws-frame.js';
import { wsCloseRules } from './rules/ws-frame-close.js';
import { h2cRules } from './rules/h2c.js';

/** Every rule, in order. */
export const rules: readonly Rule[] = [
  ...upgradeRules,
  ...wsHandshakeRules,
  ...wsHandshakeResponseRules,
  ...wsDeflateRules,
  ...wsFrameRules,
  ...wsCloseRules,
  ...statusRules,
  ...statusFieldRules,
  ...h2cRules,
  ...messageRules,
];

const byId = new Map<string, Rule>();
for (const rule of rules) {
  if (byId.has(rule.id)) throw new Error(`duplicate lint rule id ${rule.id}`);
  byId.set(rule.id, rule);
}

/** The rule with this id, or undefined. */
export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}

/** The rules that look at frames (and can run live). */
export const frameRules: readonly FrameRule[] = rules.filter(
  (r): r is FrameRule => r.scope === 'frames',
);

/** The rule catalog as plain data (for `GET /api/rules`): everything but the check. */
export function ruleCatalog(): RuleInfo[] {
  return rules.map(({ id, severity, title, rfc, section, url, explain, fix, scope }) => ({
    id,
    severity,
    title,
    rfc,
    section,
    url,
    explain,
    fix,
    scope,
  }));
}
