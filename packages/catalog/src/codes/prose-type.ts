import type { StatusEntry } from '../types.js';

/** The prose fields of an entry: everything a reader reads, as opposed to data a program uses. */
export type Prose = Pick<
  StatusEntry,
  'meaning' | 'guarantees' | 'doesNotGuarantee' | 'whenToUse' | 'misuses' | 'clients'
>;
