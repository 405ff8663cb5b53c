/** Checks a lab step against the user's own capture. Pure. */
import type { Exchange } from '@switchyard/exchange';
import type { LabExpectation } from './lab-steps.js';

export interface StepVerdict {
  passed: boolean;
  /** Why it did not pass, one sentence each (empty when it passed). */
  reasons: string[];
}

/** Compares a capture with what the step expects: status, findings present, no errors. */
export function checkStep(expect: LabExpectation, exchange: Exchange): StepVerdict {
  const reasons: string[] = [];
  const status = exchange.response?.status;
  if (expect.status !== undefined && status !== expect.status) {
    reasons.push(
      status === undefined
        ? `Expected a ${expect.status} response, but the connection closed before a final response.`
        : `Expected status ${expect.status}, but the capture shows ${status}.`,
    );
  }
  if (expect.statusNot !== undefined && status === expect.statusNot) {
    reasons.push(`Expected anything but ${expect.statusNot}, yet the server answered ${status}.`);
  }
  const found = new Set(exchange.findings.map((finding) => finding.ruleId));
  for (const ruleId of expect.findings) {
    if (!found.has(ruleId))
      reasons.push(`Expected the finding ${ruleId}, but it was not reported.`);
  }
  if (expect.noErrors) {
    const errors = exchange.findings.filter((finding) => finding.severity === 'error');
    if (errors.length > 0) {
      reasons.push(
        `Expected a clean handshake, but the capture has ${errors.length} error finding(s): ${errors
          .map((finding) => finding.ruleId)
          .join(', ')}.`,
      );
    }
  }
  return { passed: reasons.length === 0, reasons };
}
