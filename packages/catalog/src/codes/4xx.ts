import type { StatusEntry } from '../types.js';
import { clientErrors400to408 } from './client-error-400-408.js';
import { clientErrors409to418 } from './client-error-409-418.js';
import { clientErrors421to451 } from './client-error-421-451.js';

/** Every IANA-registered 4xx code except 426 (see `426.ts`): RFC 9110 §15.5 and extensions. */
export const clientError: StatusEntry[] = [
  ...clientErrors400to408,
  ...clientErrors409to418,
  ...clientErrors421to451,
];
