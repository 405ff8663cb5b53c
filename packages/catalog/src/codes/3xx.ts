import type { StatusEntry } from '../types.js';

export const redirection: StatusEntry[] = [];
