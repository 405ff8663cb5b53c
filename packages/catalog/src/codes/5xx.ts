import type { StatusEntry } from '../types.js';

export const serverError: StatusEntry[] = [];
