/**
 * Every fault of `/ws/faulty/{fault}` against two independent clients, `ws` and
 * python-websockets 10.4: each must notice the fault and fail with the expected error or
 * close code. Contrast cases show the same client succeeding where the server behaves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { once, openWs, startApp, WAIT_MS, wsOutcome } from './support/ws-helpers.js';
import { pythonClient } from './support/ws-python.js';

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  ({ app, base } = await startApp({ FAULT_SLOW_MS: '2000' }));
});
afterAll(async () => {
  await app.close();
});

const url = (fault: string, query = '') => `ws://${base}/ws/faulty/${fault}${query}`;

/** Faults a client must reject, with what `ws` and python-websockets report. */
const REJECTED: [
  fault: string,
  ws: string,
  python: { exception: string; sent?: number; message?: RegExp },
][] = [
  ['bad-accept', 'Invalid Sec-WebSocket-Accept header', { exception: 'InvalidHeaderValue' }],
  [
    'no-upgrade-header',
    'Unexpected server response: 101',
    { exception: 'InvalidUpgrade', message: /Upgrade/ },
  ],
  [
    'no-connection-header',
    'Unexpected server response: 101',
    { exception: 'InvalidUpgrade', message: /Connection/ },
  ],
  [
    'status-200',
    'Unexpected server response: 200',
    { exception: 'InvalidStatusCode', message: /200/ },
  ],
  [
    'unoffered-subprotocol',
    'Server sent a subprotocol but none was requested',
    { exception: 'InvalidHandshake', message: /subprotocol/ },
  ],
  [
    'unoffered-extension',
    'Server indicated an extension that was not requested',
    { exception: 'NegotiationError', message: /x-never-offered/ },
  ],
  [
    'masked-server-frame',
    'Invalid WebSocket frame: MASK must be clear',
    { exception: 'ConnectionClosedError', sent: 1002 },
  ],
  [
    'invalid-utf8',
    'Invalid WebSocket frame: invalid UTF-8 sequence',
    { exception: 'ConnectionClosedError', sent: 1007 },
  ],
  [
    'reserved-opcode',
    'Invalid WebSocket frame: invalid opcode 3',
    { exception: 'ConnectionClosedError', sent: 1002 },
  ],
  [
    'rsv-bits',
    'Invalid WebSocket frame: RSV2 and RSV3 must be clear',
    { exception: 'ConnectionClosedError', sent: 1002 },
  ],
  [
    'oversized-control-frame',
    'Invalid WebSocket frame: invalid payload length 126',
    { exception: 'ConnectionClosedError', sent: 1002 },
  ],
  [
    'fragmented-control-frame',
    'Invalid WebSocket frame: FIN must be set',
    { exception: 'ConnectionClosedError', sent: 1002 },
  ],
  [
    'close-1005-on-wire',
    'Invalid WebSocket frame: invalid status code 1005',
    { exception: 'ConnectionClosedError', sent: 1002 },
  ],
];

describe.each(REJECTED)('%s', (fault, wsError, python) => {
  it('ws fails with the expected error', async () => {
    const outcome = await wsOutcome(url(fault), { rawErrors: true });
    expect(outcome.error).toBe(wsError);
  });

  it('python-websockets fails with the expected error', async () => {
    const outcome = await pythonClient(url(fault), { wait: 10, close_timeout: 0.3 });
    expect(outcome.exception).toBe(python.exception);
    if (python.sent !== undefined) expect(outcome.sent).toBe(python.sent);
    if (python.message) expect(outcome.message).toMatch(python.message);
  });
});

describe('slow-handshake', () => {
  it('ws gives up when its handshake timeout passes', async () => {
    const outcome = await wsOutcome(url('slow-handshake'), { handshakeTimeout: 300 });
    expect(outcome.error).toBe('Opening handshake has timed out');
  });

  it('python-websockets gives up when its open timeout passes', async () => {
    const outcome = await pythonClient(url('slow-handshake'), {
      open_timeout: 0.3,
      close_timeout: 0.3,
    });
    expect(outcome.opened).toBe(false);
    expect(outcome.exception).toBe('TimeoutError');
  });

  it('completes (and closes with 1000) when the client waits long enough', async () => {
    const outcome = await pythonClient(url('slow-handshake', '?delay=200'), { open_timeout: 10 });
    expect(outcome).toMatchObject({ opened: true, exception: null, rcvd: 1000 });
  });
});

describe('no-close-reply', () => {
  it('ws closes the TCP connection itself after its close timeout: abnormal 1006', async () => {
    const outcome = await wsOutcome(url('no-close-reply'), {
      closeTimeout: 300,
      whenOpen: (ws) => ws.close(1000, 'bye'),
    });
    expect(outcome.opened).toBe(true);
    expect(outcome.closeCode).toBe(1006);
  });

  it('python-websockets: sent 1000, received no Close', async () => {
    const outcome = await pythonClient(url('no-close-reply'), { close: true, close_timeout: 0.3 });
    expect(outcome).toMatchObject({ exception: 'ConnectionClosedError', sent: 1000, rcvd: null });
  });

  it('contrast: a fault server that answers Close gives ws a clean 1000', async () => {
    const outcome = await wsOutcome(url('no-pong'), {
      closeTimeout: WAIT_MS,
      whenOpen: (ws) => ws.close(1000, 'bye'),
    });
    expect(outcome.closeCode).toBe(1000);
  });
});

describe('no-pong', () => {
  async function pongWithin(fault: string, ms: number): Promise<boolean> {
    const ws = await openWs(url(fault));
    try {
      ws.ping(Buffer.from('liveness'));
      await once(ws, 'pong', ms);
      return true;
    } catch {
      return false;
    } finally {
      ws.terminate();
    }
  }

  it('ws sees no Pong to its Ping (and does see one from a server that answers)', async () => {
    expect(await pongWithin('no-pong', 500)).toBe(false);
    expect(await pongWithin('no-close-reply', WAIT_MS)).toBe(true);
  });

  it('python-websockets: no Pong, so the client closes with 1011', async () => {
    const outcome = await pythonClient(url('no-pong'), { ping: true, pong_timeout: 0.3 });
    expect(outcome.pong).toBe(false);
    expect(outcome.sent).toBe(1011);
  });

  it('python-websockets keepalive fails the connection on its own', async () => {
    const outcome = await pythonClient(url('no-pong'), {
      ping_interval: 0.2,
      ping_timeout: 0.2,
      wait: 3,
    });
    expect(outcome.exception).toBe('ConnectionClosedError');
    expect(outcome.message).toMatch(/keepalive ping timeout/);
  });
});
