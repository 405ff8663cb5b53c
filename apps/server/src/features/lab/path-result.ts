/**
 * The JSON shape of one path of `POST /api/lab/echo-paths`: the same fields for the three ways
 * to reach the echo, so the page can put them side by side.
 */
import type { HeaderList } from '@switchyard/exchange';
import { fieldValues } from '@switchyard/protocol';

/** The shapes of the answer (one definition for this server and the browser). */
export type {
  EchoPath as PathResult,
  EchoPathCapture as PathCapture,
  EchoPathKey as PathKey,
} from '@switchyard/exchange';

/** The capture id a response names (`X-Switchyard-Capture`), if any. */
export function captureIdOf(headers: HeaderList | undefined): string | undefined {
  return fieldValues(headers ?? [], 'x-switchyard-capture')[0]?.trim() || undefined;
}
