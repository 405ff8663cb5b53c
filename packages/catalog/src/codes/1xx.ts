import type { StatusEntry } from '../types.js';

export const informational: StatusEntry[] = [];
