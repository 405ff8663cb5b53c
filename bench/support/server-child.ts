/**
 * One WebSocket echo server under test, alone in its own process so that the load generator
 * never shares its event loop. Started by {@link startPeer} (peers.ts) as
 * `node --expose-gc --import tsx server-child.ts <kind>`; talks to the parent over IPC:
 *
 * - child -> parent `{ type: 'ready', port, path }` once it listens on 127.0.0.1:0;
 * - parent -> child `{ type: 'memory' }`, answered with `{ type: 'memory', rss, heapUsed,
 *   external, arrayBuffers }` after two full garbage collections;
 * - parent -> child `{ type: 'cpu' }`, answered with `{ type: 'cpu', micros }`: CPU time (user +
 *   system) the process has used so far, µs;
 * - parent -> child `{ type: 'snapshot', file }`: write a V8 heap snapshot to `file`, answered
 *   with `{ type: 'snapshot', file }`;
 * - parent -> child `{ type: 'exit' }`: close and exit.
 *
 * Kinds: `bare` (a `ws` WebSocketServer echoing every message, `ws` defaults: no
 * permessage-deflate), `switchyard-off` / `switchyard-on` (the built app, `/ws/echo`,
 * CAPTURE=off / on; storage `memory` unless BENCH_STORAGE=sqlite, then SQLite in a temporary
 * DATA_DIR that is removed at exit).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import v8 from 'node:v8';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export type PeerKind = 'bare' | 'switchyard-off' | 'switchyard-on';

interface Running {
  port: number;
  path: string;
  close: () => Promise<void>;
}

/**
 * Diagnostic knob BENCH_BARE_BALLAST_MB: the bare server keeps about this many MB of small live
 * objects, to tell apart costs of Switchyard's code from costs of a larger live heap (GC).
 */
function ballast(): unknown[] {
  const mb = Math.min(512, Number(process.env.BENCH_BARE_BALLAST_MB ?? 0) || 0);
  // ~64 bytes per object: an object with three fields plus its share of the array.
  return Array.from({ length: Math.round((mb * 1e6) / 64) }, (_, i) => ({ i, s: 'x', n: null }));
}

async function startBare(): Promise<Running> {
  const kept = ballast();
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  wss.on('connection', (socket) => {
    socket.on('error', () => socket.terminate());
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
  return {
    port: (wss.address() as AddressInfo).port,
    path: '/',
    close: () =>
      new Promise<void>((resolve) => {
        kept.length = 0;
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

async function startSwitchyard(capture: boolean): Promise<Running> {
  const { buildApp } = await import('@switchyard/server/app');
  const { loadConfig } = await import('@switchyard/server/config');
  const sqlite = process.env.BENCH_STORAGE === 'sqlite';
  const dataDir = sqlite ? mkdtempSync(path.join(os.tmpdir(), 'switchyard-bench-')) : undefined;
  const app = await buildApp(
    loadConfig({
      LOG_LEVEL: 'silent',
      CAPTURE: capture ? 'on' : 'off',
      STORAGE: sqlite ? 'sqlite' : 'memory',
      ...(dataDir === undefined ? {} : { DATA_DIR: dataDir }),
      TLS: 'off',
      HOST: '127.0.0.1',
      PORT: '0',
    }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    port: (app.server.address() as AddressInfo).port,
    path: '/ws/echo',
    close: async () => {
      await app.close();
      if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
}

async function main(): Promise<void> {
  const kind = process.argv[2] as PeerKind;
  if (process.send === undefined) throw new Error('server-child must be started with IPC');
  const running =
    kind === 'bare'
      ? await startBare()
      : kind === 'switchyard-off' || kind === 'switchyard-on'
        ? await startSwitchyard(kind === 'switchyard-on')
        : undefined;
  if (running === undefined) throw new Error(`unknown peer kind ${String(kind)}`);
  process.on('message', (message: { type: string; file?: string }) => {
    if (message.type === 'memory') {
      collect();
      const m = process.memoryUsage();
      process.send?.({
        type: 'memory',
        rss: m.rss,
        heapUsed: m.heapUsed,
        external: m.external,
        arrayBuffers: m.arrayBuffers,
      });
    } else if (message.type === 'snapshot' && message.file !== undefined) {
      collect();
      process.send?.({ type: 'snapshot', file: v8.writeHeapSnapshot(message.file) });
    } else if (message.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ type: 'cpu', micros: user + system });
    } else if (message.type === 'exit') {
      // Bounded: a close that hangs must not keep the benchmark alive.
      const timer = setTimeout(() => process.exit(0), 5_000);
      void running.close().finally(() => {
        clearTimeout(timer);
        process.exit(0);
      });
    }
  });
  // The parent died: do not linger.
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', port: running.port, path: running.path });
}

await main();
