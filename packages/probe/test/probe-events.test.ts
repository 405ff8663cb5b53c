/**
 * The probe's live events, its bounded waits (head and idle timeouts), the fallback to the next
 * checked address, and the shape of what it records (a valid Exchange).
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { validateExchange } from '@switchyard/exchange';
import { defaultConnect, startProbe, type ConnectFn, type ProbeEvent } from '../src/index.js';
import { startWsEcho } from './support/peers.js';
import { startRawServer } from './support/tap.js';
import { waitFor } from './support/wire.js';

let ws: Awaited<ReturnType<typeof startWsEcho>>;
beforeAll(async () => {
  ws = await startWsEcho();
});
afterAll(async () => {
  await ws.close();
});

describe('events and record', () => {
  it('emits events in wire order and records a valid Exchange', async () => {
    const probe = await startProbe({ url: `ws://127.0.0.1:${ws.port}/` });
    const live: ProbeEvent[] = [];
    probe.on('event', (e: ProbeEvent) => live.push(e));
    await probe.ready;
    probe.send({ type: 'ping', data: new Uint8Array([1, 2]) });
    await waitFor(() => live.some((e) => e.type === 'frame' && e.frame.opcode === 0xa));
    probe.close(1000, 'done');
    const result = await probe.result;
    const types = probe.history.map((e) => e.type);
    expect(types.slice(0, 4)).toEqual(['connected', 'sent', 'response', 'handshake']);
    expect(types.slice(-2)).toEqual(['closed', 'end']);
    const frames = probe.history.flatMap((e) => (e.type === 'frame' ? [e.frame.opcode] : []));
    expect(frames).toEqual([0x9, 0xa, 0x8, 0x8]);
    const checked = validateExchange(result.exchange);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    expect(result.exchange.kind).toBe('probe');
    expect(result.exchange.timings.upgrade).toBeDefined();
  });
});

describe('bounded waits', () => {
  it('gives up on a server that never answers (head timeout)', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const probe = await startProbe(
        { url: `http://127.0.0.1:${port}/` },
        { timeouts: { headMs: 100 } },
      );
      const { exchange } = await probe.result;
      expect(exchange.probe.outcome).toBe('timeout');
      expect(exchange.response).toBeUndefined();
    } finally {
      silent.close();
    }
  });

  it('closes an idle WebSocket with 1001 (RFC 6455 §7.4.1)', async () => {
    const probe = await startProbe(
      { url: `ws://127.0.0.1:${ws.port}/` },
      { timeouts: { idleMs: 100 } },
    );
    const { exchange } = await probe.result;
    expect(exchange.websocket?.close).toMatchObject({
      initiator: 'client',
      client: { code: 1001, reason: 'probe idle timeout' },
      clean: true,
    });
  });

  it('stores a 200 to a handshake as a failed handshake with the body', async () => {
    const server = await startRawServer(
      () => new Uint8Array(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nno')),
    );
    try {
      const probe = await startProbe({ url: `ws://127.0.0.1:${server.port}/` });
      const { exchange } = await probe.result;
      expect(exchange.probe.outcome).toBe('handshake-failed');
      expect(exchange.probe.handshake?.findings.map((f) => f.code)).toEqual([
        'handshake-status-not-101',
      ]);
      expect(exchange.responseBody.preview).toBe('no');
    } finally {
      await server.close();
    }
  });
});

describe('address fallback', () => {
  it('tries the next checked address when a connect is refused', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    // The first address "refuses" (a loopback port where nothing listens); the second works.
    const connect = vi.fn<ConnectFn>((r) =>
      r.address === '::1' ? net.connect({ host: '127.0.0.1', port: deadPort }) : defaultConnect(r),
    );
    const resolver = async () => [
      { address: '::1', family: 6 as const },
      { address: '127.0.0.1', family: 4 as const },
    ];
    const probe = await startProbe({ url: `ws://localhost:${ws.port}/` }, { resolver, connect });
    await probe.ready;
    probe.close(1000);
    const { exchange } = await probe.result;
    expect(connect.mock.calls.map(([r]) => r.address)).toEqual(['::1', '127.0.0.1']);
    expect(exchange.probe.address.address).toBe('127.0.0.1');
    expect(exchange.probe.outcome).toBe('upgraded');
  });
});
