/**
 * The meta-test (issue 5): every rule is complete, cites a real section, has a unique id, and has
 * a failing fixture that raises it (and nothing unexpected) and a passing one that does not.
 */
import { describe, expect, it } from 'vitest';
import { lintExchange, rules } from '../src/index.js';
import { allCases } from './fixtures/index.js';

/**
 * Sections that exist, per RFC, limited to those the rules cite. Each was looked up in the RFC
 * text (tables of contents of RFC 6455 and RFC 9113; RFC 9110/9112 section texts; RFC 7540
 * §3.2.1 text; RFC 7692 §5, §6, §7, §7.1.2.x as quoted by implementations), not recalled.
 */
const VALID_SECTIONS: Record<string, readonly string[]> = {
  'RFC 9110': [
    '15',
    '7.6.1',
    '7.8',
    '8.6',
    '9.3.2',
    '10.1.1',
    '10.2.1',
    '10.2.2',
    '10.2.3',
    '11.6.1',
    '14.4',
    '15.2',
    '15.2.1',
    '15.2.2',
    '15.3.2',
    '15.3.5',
    '15.4',
    '15.4.2',
    '15.4.3',
    '15.4.4',
    '15.4.5',
    '15.4.8',
    '15.4.9',
    '15.5.2',
    '15.5.6',
    '15.5.8',
    '15.5.17',
    '15.5.22',
  ],
  'RFC 9112': ['3.2', '6.1', '6.2', '6.3'],
  'RFC 6455': [
    '4.1',
    '4.2.1',
    '4.2.2',
    '4.4',
    '5.1',
    '5.2',
    '5.3',
    '5.4',
    '5.5',
    '5.5.1',
    '5.5.2',
    '5.5.3',
    '7.4.1',
    '7.4.2',
    '8.1',
    '9.1',
    '11.3.1',
    '11.3.2',
    '11.3.3',
    '11.3.4',
    '11.3.5',
  ],
  'RFC 7692': ['5', '6', '7', '7.1', '7.1.1.1', '7.1.1.2', '7.1.2', '7.1.2.1', '7.1.2.2'],
  'RFC 9113': ['3.1', '3.2', '3.3', '6.5', '6.5.1', '6.5.2', '8.2.1', '8.2.2', '8.6'],
  'RFC 7540': ['3.2', '3.2.1'],
};

const GROUPS = ['upgrade', 'ws-handshake', 'ws-frame', 'status', 'h2c', 'message'];

describe('rule registry', () => {
  it('has at least 50 rules with unique ids', () => {
    expect(rules.length).toBeGreaterThanOrEqual(50);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s is complete and cited', (_id, rule) => {
    expect(rule.id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
    expect(GROUPS).toContain(rule.id.split('/')[0]);
    expect(['error', 'warning', 'info']).toContain(rule.severity);
    expect(rule.title.trim().length).toBeGreaterThan(10);
    expect(rule.explain.trim().length).toBeGreaterThan(40);
    expect(rule.fix.trim().length).toBeGreaterThan(15);
    expect(Object.keys(VALID_SECTIONS)).toContain(rule.rfc);
    expect(VALID_SECTIONS[rule.rfc]).toContain(rule.section);
    const num = rule.rfc.replace('RFC ', '');
    expect(rule.url).toBe(`https://www.rfc-editor.org/rfc/rfc${num}#section-${rule.section}`);
  });
});

describe('rule fixtures', () => {
  it('every rule has fixtures and every fixture belongs to a rule', () => {
    expect(Object.keys(allCases).sort()).toEqual(rules.map((r) => r.id).sort());
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s: failing fixture raises it', (id, rule) => {
    const c = allCases[id]!;
    const own = rule.check(c.fail);
    expect(own.length).toBeGreaterThan(0);
    for (const f of own) {
      expect(f.ruleId).toBe(id);
      expect(f.severity).toBe(rule.severity);
      expect(f.message.length).toBeGreaterThan(20);
      expect(f.evidence.where).toBeTruthy();
    }
    // Exactly this rule (plus the declared companions): rules do not pile onto one defect.
    const ids = new Set(lintExchange(c.fail).map((f) => f.ruleId));
    expect([...ids].sort()).toEqual([...new Set([id, ...(c.alsoRaises ?? [])])].sort());
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s: passing fixture does not', (id, rule) => {
    const c = allCases[id]!;
    expect(rule.check(c.pass)).toEqual([]);
    expect(lintExchange(c.pass).map((f) => f.ruleId)).not.toContain(id);
  });
});
