/**
 * A simulator delay over HTTP/2 ends with its stream. A client that cancels one request sends
 * RST_STREAM for that stream only (RFC 9113 §6.4, error code CANCEL, §7), and the connection
 * goes on. The delay listens for `close` on `request.raw.socket`, which for an HTTP/2 request
 * is Node's proxy that hands `once` to the request's stream, not to the connection: so a
 * cancelled request drops its timer at once, and many delayed streams on one connection add no
 * listeners to the shared socket (12 here: 11 on one emitter would make Node warn of a leak).
 *
 * Peer: Node's own http2 client over prior-knowledge h2c, on loopback. The server runs in this
 * process; pass-through spies on setTimeout/clearTimeout pick out the delay's own timers (the
 * only 30 s ones), so no other timer of the process (sessions, keep-alive, the poll below) can
 * sway the count.
 */
import http2 from 'node:http2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useH2App } from './h2c-helpers.js';

const h2 = useH2App('switchyard-h2-cancel-', { DELAY_CAP_MS: '60000' });
const STREAMS = 12;
const DELAY_MS = 30_000;

/** Records the timers armed for DELAY_MS and which of them were cleared; timers still work. */
function watchDelayTimers(): { armed: Set<unknown>; cleared: Set<unknown> } {
  const armed = new Set<unknown>();
  const cleared = new Set<unknown>();
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
    fn: (...a: unknown[]) => void,
    ms?: number,
    ...rest: unknown[]
  ) => {
    const timer = realSet(fn, ms, ...rest);
    if (ms === DELAY_MS) armed.add(timer);
    return timer;
  }) as typeof setTimeout);
  vi.spyOn(globalThis, 'clearTimeout').mockImplementation(((timer?: unknown) => {
    if (armed.has(timer)) cleared.add(timer);
    realClear(timer as Parameters<typeof clearTimeout>[0]);
  }) as typeof clearTimeout);
  return { armed, cleared };
}

/** Polls `check` every 50 ms until it holds, for at most `ms`; returns whether it held. */
async function eventually(check: () => boolean, ms = 15_000): Promise<boolean> {
  for (let waited = 0; waited <= ms; waited += 50) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
afterEach(() => {
  process.off('warning', onWarning);
  vi.restoreAllMocks();
});

describe('a simulator delay over HTTP/2', () => {
  it('ends when its stream is cancelled; the connection and its other streams go on', async () => {
    process.on('warning', onWarning);
    const session = http2.connect(h2.base);
    try {
      await new Promise<void>((resolve, reject) => {
        session.once('connect', () => resolve());
        session.once('error', reject);
      });
      const timers = watchDelayTimers();
      const streams = Array.from({ length: STREAMS }, () => {
        const stream = session.request({ ':path': `/api/status/200?delay=${DELAY_MS}ms` });
        stream.on('error', () => {});
        stream.end();
        return stream;
      });
      // Each delayed request holds one timer on the server while it waits.
      expect(await eventually(() => timers.armed.size >= STREAMS)).toBe(true);
      expect(timers.armed.size).toBe(STREAMS);
      expect(timers.cleared.size).toBe(0);
      for (const stream of streams) stream.close(http2.constants.NGHTTP2_CANCEL);
      // The cancelled requests stop waiting at once, not 30 s later.
      expect(await eventually(() => timers.cleared.size === STREAMS)).toBe(true);
      expect(warnings.filter((w) => w.includes('MaxListenersExceeded'))).toEqual([]);

      // The same connection still answers.
      const status = await new Promise<number>((resolve, reject) => {
        const stream = session.request({ ':path': '/api/status/204' });
        stream.once('response', (headers) => resolve(Number(headers[':status'])));
        stream.once('error', reject);
        stream.end();
      });
      expect(status).toBe(204);
    } finally {
      session.destroy();
    }
  });
});
