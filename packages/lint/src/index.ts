/**
 * @switchyard/lint: correctness rules over an Exchange, each citing the RFC section it enforces.
 * Browser-safe (no node:* imports): the server stores findings with each capture, the UI runs
 * the same rules live and on a composed request before it is sent.
 */
export type * from './types.js';
export { rules, getRule, frameRules, ruleCatalog } from './registry.js';
export {
  lintExchange,
  lintDraft,
  draftExchange,
  sortFindings,
  createLiveLinter,
  type DraftRequest,
  type LiveLinter,
} from './lint.js';
export { expectedAccept } from './support/accept.js';
