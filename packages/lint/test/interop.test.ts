/**
 * Proof against real peers (issue 5, "no false alarms on correct traffic"): the `ws` library and
 * Debian's python3-websockets talk to a `ws` server through a loopback tap; the tapped bytes are
 * dissected with @switchyard/protocol into an Exchange and linted. Correct traffic must raise
 * no error or warning. A tampered copy must raise the matching rule (the harness is not blind).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { lintExchange } from '../src/index.js';
import { exchangeFromTap } from './interop/assemble.js';
import { startTap, type Tap } from './interop/tap.js';

const PYTHON = '/usr/bin/python3';
let server: WebSocketServer;
let serverPort = 0;

beforeAll(async () => {
  server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    // No context takeover both ways, so the test can inflate each message on its own.
    perMessageDeflate: {
      threshold: 0,
      serverNoContextTakeover: true,
      clientNoContextTakeover: true,
    },
  });
  server.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
  await new Promise<void>((r) => server.once('listening', () => r()));
  serverPort = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timeout: ${what}`)), ms)),
  ]);
}

async function runWsClient(tap: Tap): Promise<void> {
  const client = new WebSocket(`ws://127.0.0.1:${tap.port}/ws/echo`, {
    perMessageDeflate: {
      threshold: 0,
      clientNoContextTakeover: true,
      serverNoContextTakeover: true,
    },
  });
  await withTimeout(
    new Promise<void>((r, j) => {
      client.once('open', () => r());
      client.once('error', j);
    }),
    5000,
    'open',
  );
  const echoes: string[] = [];
  client.on('message', (d) => echoes.push(String(d)));
  client.send('hello');
  client.send('ünïcödé ✓ '.repeat(50));
  client.send(Buffer.from([0, 1, 2, 255]), { binary: true });
  // A fragmented text message split inside a multi-byte character.
  client.send(Buffer.from([0x68, 0xc3]), { binary: false, fin: false, compress: false });
  client.send(Buffer.from([0xa9]), { binary: false, fin: true, compress: false });
  client.ping(Buffer.from('are you there'));
  await withTimeout(new Promise<void>((r) => client.once('pong', () => r())), 10_000, 'pong');
  await withTimeout(
    (async () => {
      for (let i = 0; i < 100 && echoes.length < 4; i++)
        await new Promise((r) => setTimeout(r, 20));
    })(),
    5000,
    'echoes',
  );
  client.close(1000, 'bye');
  await withTimeout(new Promise<void>((r) => client.once('close', () => r())), 10_000, 'close');
}

describe('interop with real peers', () => {
  it('ws client ↔ ws server (permessage-deflate): no errors or warnings', async () => {
    const tap = await startTap(serverPort);
    try {
      await runWsClient(tap);
      await withTimeout(tap.closed, 10_000, 'tap closed');
    } finally {
      await tap.close();
    }
    const ex = exchangeFromTap(tap.chunks);
    const frames = ex.websocket!.frames;
    expect(ex.response?.status).toBe(101);
    expect(frames.some((f) => f.rsv1)).toBe(true); // deflate was exercised
    // Fragmentation of a text message split inside "é" was exercised.
    const split = frames.findIndex((f) => f.opcode === 0x1 && !f.fin);
    expect(split).toBeGreaterThanOrEqual(0);
    expect(frames[split + 1]?.opcode).toBe(0x0);
    expect(frames.filter((f) => f.opcode === 0x8)).toHaveLength(2);
    const loud = lintExchange(ex).filter((f) => f.severity !== 'info');
    expect(loud).toEqual([]);

    // Negative control on the same capture: a wrong Accept is caught, with the expected value.
    const tampered = structuredClone(ex);
    const accept = tampered.response!.headers.find(
      ([n]) => n.toLowerCase() === 'sec-websocket-accept',
    )!;
    const good = accept[1];
    accept[1] = 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=';
    const found = lintExchange(tampered).find((f) => f.ruleId === 'ws-handshake/accept-mismatch');
    expect(found?.message).toContain(good);
  }, 20_000);

  it.skipIf(!existsSync(PYTHON))(
    'python3-websockets client ↔ ws server: no errors or warnings',
    async () => {
      const tap = await startTap(serverPort);
      const script = [
        'import asyncio, websockets',
        'async def main():',
        `    async with websockets.connect("ws://127.0.0.1:${tap.port}/ws/echo", compression="deflate", open_timeout=5, close_timeout=5) as ws:`,
        '        await ws.send("hello from python")',
        '        await ws.recv()',
        '        await ws.send(bytes(range(200)))',
        '        await ws.recv()',
        '        await ws.send(["frag", "mented"])',
        '        await ws.recv()',
        '        pong = await ws.ping(b"hi")',
        '        await asyncio.wait_for(pong, 5)',
        'asyncio.run(main())',
      ].join('\n');
      try {
        await withTimeout(
          new Promise<void>((resolve, reject) => {
            const child = spawn(PYTHON, ['-c', script], { stdio: ['ignore', 'ignore', 'pipe'] });
            let err = '';
            child.stderr.on('data', (d) => (err += String(d)));
            child.on('exit', (code) =>
              code === 0 ? resolve() : reject(new Error(`python exited ${code}: ${err}`)),
            );
          }),
          15_000,
          'python client',
        );
        await withTimeout(tap.closed, 10_000, 'tap closed');
      } finally {
        await tap.close();
      }
      const ex = exchangeFromTap(tap.chunks);
      expect(ex.response?.status).toBe(101);
      expect(ex.websocket!.frames.some((f) => f.opcode === 0x9)).toBe(true);
      const loud = lintExchange(ex).filter((f) => f.severity !== 'info');
      expect(loud).toEqual([]);
    },
    20_000,
  );
});
