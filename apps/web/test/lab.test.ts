import { describe, expect, it } from 'vitest';
import type { Exchange } from '@switchyard/exchange';
import { ruleCatalog } from '@switchyard/lint';
import { checkStep } from '../src/lab/check-step.js';
import { labSteps } from '../src/lab/lab-steps.js';

function capture(status: number | undefined, findings: [string, 'error' | 'warning'][]): Exchange {
  return {
    response:
      status === undefined ? undefined : { status, reason: '', httpVersion: '1.1', headers: [] },
    findings: findings.map(([ruleId, severity]) => ({ ruleId, severity, message: ruleId })),
  } as unknown as Exchange;
}

describe('lab steps', () => {
  it('expect only findings that exist in the rule catalog', () => {
    const ids = new Set(ruleCatalog().map((rule) => rule.id));
    for (const step of labSteps) {
      for (const id of step.expect.findings) expect(ids.has(id), `${step.id}: ${id}`).toBe(true);
    }
  });

  it('every step sends Upgrade, and starts with a correct handshake', () => {
    expect(labSteps[0]?.expect.status).toBe(101);
    for (const step of labSteps) {
      expect(step.headers.some(([name]) => name === 'Upgrade')).toBe(true);
    }
  });
});

describe('checkStep', () => {
  const version = labSteps.find((step) => step.id === 'wrong-version');
  if (!version) throw new Error('missing step');

  it('passes when status and findings match', () => {
    expect(
      checkStep(version.expect, capture(426, [['ws-handshake/version-not-13', 'error']])),
    ).toEqual({
      passed: true,
      reasons: [],
    });
  });

  it('explains a wrong status and a missing finding', () => {
    const verdict = checkStep(version.expect, capture(101, []));
    expect(verdict.passed).toBe(false);
    expect(verdict.reasons).toEqual([
      'Expected status 426, but the capture shows 101.',
      'Expected the finding ws-handshake/version-not-13, but it was not reported.',
    ]);
  });

  it('explains a missing response', () => {
    const verdict = checkStep({ status: 101, findings: [] }, capture(undefined, []));
    expect(verdict.reasons[0]).toContain('closed before a final response');
  });

  it('fails a clean-handshake step on an error finding but not on a warning', () => {
    const clean = { status: 101, findings: [], noErrors: true };
    expect(checkStep(clean, capture(101, [['upgrade/x', 'warning']])).passed).toBe(true);
    expect(checkStep(clean, capture(101, [['upgrade/x', 'error']])).passed).toBe(false);
  });

  it('fails a must-not-be-101 step when the server switched anyway', () => {
    expect(checkStep({ statusNot: 101, findings: [] }, capture(101, [])).passed).toBe(false);
    expect(checkStep({ statusNot: 101, findings: [] }, capture(426, [])).passed).toBe(true);
  });
});
