/**
 * The probe against every `/ws/faulty/{fault}` (issue 7 "Tests"): each handshake fault fails
 * the handshake (RFC 6455 §4.1), each frame fault makes the probe fail the connection with the
 * close code the fault catalog says a correct client uses (RFC 6455 §7.1.7).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { FAULTS } from '../src/features/faults/catalog.js';
import { startApp } from './support/ws-helpers.js';

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  ({ app, base } = await startApp({ PROBE_MAX_PER_CLIENT: '50', FAULT_SLOW_MS: '50' }));
});
afterAll(async () => {
  await app.close();
});

interface State {
  open: boolean;
  done: boolean;
  outcome: string;
  handshake: { ok: boolean; findings: { code: string; severity: string }[] } | null;
  exchange: {
    websocket?: {
      frames: { direction: string; opcode: number; close?: { code?: number } }[];
      close?: { code: number; clean: boolean };
    };
  };
}

async function probeUntilDone(url: string): Promise<State> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/probe',
    payload: { url, timeouts: { closeMs: 300, idleMs: 2000 } },
  });
  expect(res.statusCode).toBe(201);
  const { id } = res.json() as { id: string };
  const end = Date.now() + 20_000;
  for (;;) {
    const state = (await app.inject({ url: `/api/probe/${id}` })).json() as State;
    if (state.done) return state;
    if (Date.now() > end) throw new Error(`probe of ${url} did not finish`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const handshakeFaults = FAULTS.filter((f) => f.phase === 'handshake' && f.id !== 'slow-handshake');
const frameFaults = FAULTS.filter(
  (f) => f.phase !== 'handshake' && (f.closeCode === 1002 || f.closeCode === 1007),
);

describe('probe against the fault endpoints', { timeout: 40_000 }, () => {
  it('has faults to test', () => {
    expect(handshakeFaults.length).toBeGreaterThan(3);
    expect(frameFaults.length).toBeGreaterThan(3);
  });

  it.each(handshakeFaults.map((f) => [f.id]))('%s: the handshake fails', async (id) => {
    const state = await probeUntilDone(`ws://${base}/ws/faulty/${id}`);
    expect(state.outcome).toBe('handshake-failed');
    expect(state.handshake?.findings.some((f) => f.severity === 'error')).toBe(true);
  });

  it.each(frameFaults.map((f) => [f.id, f.closeCode]))(
    '%s: the probe fails the connection with %i',
    async (id, code) => {
      const state = await probeUntilDone(`ws://${base}/ws/faulty/${id}`);
      expect(state.outcome).toBe('upgraded');
      const ours = state.exchange.websocket!.frames.find(
        (f) => f.direction === 'client-to-server' && f.opcode === 8,
      );
      expect(ours?.close?.code).toBe(code);
    },
  );

  it('slow-handshake: completes within the head timeout', async () => {
    const state = await probeUntilDone(`ws://${base}/ws/faulty/slow-handshake`);
    expect(state.outcome).toBe('upgraded');
  });

  it('no-close-reply: gives up after the close timeout, 1006 and not clean', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/probe',
      payload: { url: `ws://${base}/ws/faulty/no-close-reply`, timeouts: { closeMs: 200 } },
    });
    const { id } = res.json() as { id: string };
    await app.inject({
      method: 'POST',
      url: `/api/probe/${id}/send`,
      payload: { type: 'close', code: 1000 },
    });
    const end = Date.now() + 20_000;
    let state: State;
    do {
      await new Promise((r) => setTimeout(r, 25));
      state = (await app.inject({ url: `/api/probe/${id}` })).json() as State;
    } while (!state.done && Date.now() < end);
    expect(state.exchange.websocket?.close).toMatchObject({ code: 1006, clean: false });
  });
});
