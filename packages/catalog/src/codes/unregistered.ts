import type { StatusEntry } from '../types.js';

export const unregistered: StatusEntry[] = [];
