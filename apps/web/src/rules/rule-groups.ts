/** The rule catalog grouped by id prefix, in a reading order, with a line about each group. */
import type { RuleGroup, RuleInfo } from '@switchyard/lint';

export interface RuleGroupInfo {
  id: RuleGroup;
  title: string;
  about: string;
}

/** Groups in reading order: the upgrade mechanism first, then what builds on it. */
export const ruleGroups: readonly RuleGroupInfo[] = [
  {
    id: 'upgrade',
    title: 'Upgrade mechanism',
    about: 'The generic HTTP/1.1 Upgrade handshake and 101 (RFC 9110 §7.8, §15.2.2).',
  },
  {
    id: 'ws-handshake',
    title: 'WebSocket handshake',
    about: "The opening handshake's request and response fields (RFC 6455 §4).",
  },
  {
    id: 'ws-frame',
    title: 'WebSocket frames',
    about: 'Framing, masking, control frames and closing after the 101 (RFC 6455 §5, §7).',
  },
  {
    id: 'status',
    title: 'Status codes',
    about: 'What each status requires of a response (RFC 9110 §15).',
  },
  {
    id: 'h2c',
    title: 'h2c upgrade',
    about: 'Upgrading HTTP/1.1 to cleartext HTTP/2, deprecated by RFC 9113 §3.1.',
  },
  {
    id: 'message',
    title: 'Message framing',
    about: 'Content-Length, Transfer-Encoding and field syntax (RFC 9112, RFC 9110 §5).',
  },
];

/** The group part of a rule id (`ws-handshake/accept-mismatch` → `ws-handshake`). */
export function groupOf(ruleId: string): string {
  const slash = ruleId.indexOf('/');
  return slash === -1 ? ruleId : ruleId.slice(0, slash);
}

/** The known group with this id, if any. */
export function findGroup(id: string): RuleGroupInfo | undefined {
  return ruleGroups.find((group) => group.id === id);
}

/**
 * Rules sorted into the groups above (catalog order kept within a group). A rule whose prefix
 * is not listed lands in a trailing "Other" group rather than disappearing.
 */
export function groupRules(
  catalog: readonly RuleInfo[],
): { group: RuleGroupInfo | { id: string; title: string; about: string }; rules: RuleInfo[] }[] {
  const known = ruleGroups.map((group) => ({
    group,
    rules: catalog.filter((rule) => groupOf(rule.id) === group.id),
  }));
  const other = catalog.filter((rule) => !findGroup(groupOf(rule.id)));
  const result: {
    group: RuleGroupInfo | { id: string; title: string; about: string };
    rules: RuleInfo[];
  }[] = known.filter((entry) => entry.rules.length > 0);
  if (other.length > 0) {
    result.push({ group: { id: 'other', title: 'Other', about: '' }, rules: other });
  }
  return result;
}
