import type { StatusClass, StatusEntry } from './types.js';
import { informational } from './codes/1xx.js';
import { successful } from './codes/2xx.js';
import { redirection } from './codes/3xx.js';
import { clientError } from './codes/4xx.js';
import { upgradeRequiredEntries } from './codes/426.js';
import { serverError } from './codes/5xx.js';
import { unregistered } from './codes/unregistered.js';

/** Every entry, registered and unregistered, ordered by code. */
export const catalog: readonly StatusEntry[] = [
  ...informational,
  ...successful,
  ...redirection,
  ...clientError,
  ...upgradeRequiredEntries,
  ...serverError,
  ...unregistered,
].sort((a, b) => a.code - b.code);

const byCode = new Map(catalog.map((entry) => [entry.code, entry]));

/** The entry for a code, or undefined when the catalog has none (e.g. 299). */
export function getStatus(code: number): StatusEntry | undefined {
  return byCode.get(code);
}

/** RFC 9110 §15: the class is given by the first digit; undefined outside 100..599. */
export function statusClassOf(code: number): StatusClass | undefined {
  if (!Number.isInteger(code) || code < 100 || code > 599) return undefined;
  return (['informational', 'successful', 'redirection', 'client-error', 'server-error'] as const)[
    Math.floor(code / 100) - 1
  ];
}

/**
 * The entry for any code in 100..599. A code with no entry is described by its class
 * (RFC 9110 §15: a client treats an unrecognised code as the x00 of its class).
 */
export function describeStatus(code: number): {
  entry: StatusEntry | undefined;
  classEntry: StatusEntry | undefined;
} {
  return { entry: byCode.get(code), classEntry: byCode.get(Math.floor(code / 100) * 100) };
}
