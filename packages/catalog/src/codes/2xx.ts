import type { StatusEntry } from '../types.js';

export const successful: StatusEntry[] = [];
