import type { StatusEntry } from '../types.js';

/** 426 Upgrade Required, with its upgrade guide (kept beside 101's). */
export const upgradeRequiredEntries: StatusEntry[] = [];
