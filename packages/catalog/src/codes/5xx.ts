import type { StatusEntry } from '../types.js';
import { serverErrors500to505 } from './server-error-500-505.js';
import { serverErrors506to511 } from './server-error-506-511.js';

/** Every IANA-registered 5xx code: RFC 9110 §15.6 and extensions (509 is unassigned). */
export const serverError: StatusEntry[] = [...serverErrors500to505, ...serverErrors506to511];
