/**
 * Starts the WebSocket servers under test, each in its own child process (server-child.ts),
 * and talks to them over IPC. Set BENCH_CPU_PROF=<dir> to write a V8 CPU profile of every
 * server child into <dir> (open it in Chrome DevTools or summarise it with cpu-profile.ts);
 * BENCH_CHILD_ARGS passes extra Node flags to the server children (e.g. `--trace-gc`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PeerKind } from './server-child.js';

export type { PeerKind } from './server-child.js';

/** Memory of a server child after two full garbage collections, bytes. */
export interface PeerMemory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** A running server child. */
export interface Peer {
  kind: PeerKind;
  pid: number;
  port: number;
  /** Request target of the echo endpoint (`/` for bare `ws`, `/ws/echo` for Switchyard). */
  path: string;
  memory(): Promise<PeerMemory>;
  /** Writes a V8 heap snapshot of the server to `file` (after a GC); resolves when written. */
  heapSnapshot(file: string): Promise<void>;
  /** CPU time (user + system) the server process has used so far, µs. */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

/** Human-readable names of the peers, as printed in the tables. */
export const PEER_LABEL: Record<PeerKind, string> = {
  bare: 'bare ws',
  'switchyard-off': 'Switchyard CAPTURE=off',
  'switchyard-on': 'Switchyard CAPTURE=on',
};

const ALL_KINDS: PeerKind[] = ['bare', 'switchyard-off', 'switchyard-on'];

/**
 * The peers a benchmark measures: all three, or the comma-separated subset in BENCH_PEERS
 * (e.g. `BENCH_PEERS=switchyard-on` with BENCH_CPU_PROF to profile one server alone).
 */
export function selectedKinds(): PeerKind[] {
  const wanted = (process.env.BENCH_PEERS ?? '').split(',').map((s) => s.trim());
  const picked = ALL_KINDS.filter((k) => wanted.includes(k));
  return picked.length > 0 ? picked : ALL_KINDS;
}

const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const REPLY_TIMEOUT_MS = 30_000;

function reply<T>(
  child: ChildProcess,
  type: string,
  what: string,
  timeoutMs = REPLY_TIMEOUT_MS,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`server child ${child.pid}: no ${what} within the time limit`));
    }, timeoutMs);
    const onMessage = (message: { type: string } & T) => {
      if (message.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
  });
}

/** Starts one server of `kind` in a child process listening on 127.0.0.1:0. */
export async function startPeer(kind: PeerKind): Promise<Peer> {
  const profDir = process.env.BENCH_CPU_PROF;
  // BENCH_CHILD_ARGS: extra Node flags for the server children only (e.g. `--trace-gc`).
  const extra = (process.env.BENCH_CHILD_ARGS ?? '').split(' ').filter((a) => a !== '');
  // tsx is the workspace root's; resolved here so the child's cwd does not matter.
  const execArgv = ['--expose-gc', ...extra, '--import', import.meta.resolve('tsx')];
  if (profDir !== undefined && profDir !== '') {
    // Default file names (CPU.<date>.<pid>.<tid>...): tsx's loader thread writes its own.
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${profDir}`);
  }
  const child = fork(CHILD, [kind], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ port: number; path: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${kind}: server child did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind}: server child exited early with code ${code}`));
    });
    child.on('message', (m: { type: string; port: number; path: string }) => {
      if (m.type !== 'ready') return;
      clearTimeout(timer);
      resolve(m);
    });
  });
  if (profDir !== undefined && profDir !== '') {
    console.log(`(${kind}: pid ${child.pid}, CPU profile in ${profDir})`);
  }
  return {
    kind,
    pid: child.pid ?? -1,
    port: ready.port,
    path: ready.path,
    async memory() {
      const pending = reply<PeerMemory>(child, 'memory', 'memory report');
      child.send({ type: 'memory' });
      const m = await pending;
      return {
        rss: m.rss,
        heapUsed: m.heapUsed,
        external: m.external,
        arrayBuffers: m.arrayBuffers,
      };
    },
    async heapSnapshot(file: string) {
      const pending = reply<{ file: string }>(child, 'snapshot', 'heap snapshot', 300_000);
      child.send({ type: 'snapshot', file });
      await pending;
    },
    async cpu() {
      const pending = reply<{ micros: number }>(child, 'cpu', 'CPU report');
      child.send({ type: 'cpu' });
      return (await pending).micros;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.send({ type: 'exit' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
