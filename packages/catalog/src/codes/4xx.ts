import type { StatusEntry } from '../types.js';

export const clientError: StatusEntry[] = [];
