/**
 * Performs a lab step: sends its request exactly through the probe (`POST /api/probe`), closes
 * the WebSocket at once if one opened, then reads the stored capture (`GET /api/exchanges/{id}`)
 * and checks it. Bounded: at most `attempts` reads, `delayMs` apart, while the final record
 * (with its lint findings) is being stored.
 */
import type { Exchange } from '@switchyard/exchange';
import { loadExchange } from '../exchange/load-exchange.js';
import { checkStep, type StepVerdict } from './check-step.js';
import type { LabStep } from './lab-steps.js';

export type StepOutcome =
  | { kind: 'checked'; exchange: Exchange; verdict: StepVerdict }
  | { kind: 'failed'; message: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `step` to the server at `origin` (e.g. `http://127.0.0.1:8080`) and checks the capture. */
export async function runStep(
  step: LabStep,
  origin: string,
  { attempts = 6, delayMs = 400 }: { attempts?: number; delayMs?: number } = {},
): Promise<StepOutcome> {
  const host = new URL(origin).host;
  let response: Response;
  try {
    response = await fetch('/api/probe', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({
        url: `${origin}${step.path}`,
        method: 'GET',
        target: step.path,
        version: step.version,
        headers: [['Host', host], ...step.headers],
        // RFC 6455 §5.5.1: end a WebSocket that did open with a Close frame (1000, normal).
        send: [{ type: 'close', code: 1000 }],
      }),
    });
  } catch (err) {
    return { kind: 'failed', message: `The probe could not be reached: ${String(err)}` };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const record = (body ?? {}) as { id?: unknown; title?: unknown; detail?: unknown };
  if (!response.ok || typeof record.id !== 'string') {
    const detail = typeof record.detail === 'string' ? `: ${record.detail}` : '';
    const title = typeof record.title === 'string' ? record.title : `HTTP ${response.status}`;
    return { kind: 'failed', message: `The probe refused the request (${title}${detail}).` };
  }
  let last: StepOutcome = { kind: 'failed', message: 'The capture could not be read.' };
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (attempt > 0) await sleep(delayMs);
    const loaded = await loadExchange(record.id);
    if (loaded.kind !== 'ok') continue;
    const verdict = checkStep(step.expect, loaded.exchange);
    last = { kind: 'checked', exchange: loaded.exchange, verdict };
    if (verdict.passed) break;
  }
  return last;
}
