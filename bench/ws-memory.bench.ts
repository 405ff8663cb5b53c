/**
 * Resident memory per idle WebSocket connection at 5,000 connections (issue 4,
 * "Benchmarks"): Switchyard `/ws/echo` (CAPTURE=off and CAPTURE=on, in-memory store) against a
 * bare `ws` server. Each server runs alone in a fresh child process; after a warm-up (a few
 * hundred connections opened and closed) and two full GCs its RSS is read, then 5,000 idle
 * connections are opened from this process (raw-TCP client, no extension offered), and after
 * a settle time and two GCs its RSS is read again. Per connection = RSS delta / connections.
 * Goal: Switchyard <= 1.5 x bare `ws`. Kernel socket buffers are not in RSS (same for all).
 *
 * The connection count is cut to what `ulimit -n` allows (both sides need one descriptor per
 * connection, each in its own process). Knobs: BENCH_CONNECTIONS (default 5000),
 * BENCH_ROUNDS (default 1: every round starts fresh children), BENCH_PEERS (support/peers.ts),
 * BENCH_HEAP_SNAPSHOT=<dir> (a heap snapshot of each server with its connections open; read it
 * in Chrome DevTools or with support/heap-summary.ts).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { openMany } from './support/echo-load.js';
import { fmt, median, rotate, table, verdict } from './support/figures.js';
import {
  PEER_LABEL,
  selectedKinds,
  startPeer,
  type PeerKind,
  type PeerMemory,
} from './support/peers.js';
import { closeSocket } from './support/raw-client.js';

const ROUNDS = Math.min(5, Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1)));
const WANTED = Math.min(20_000, Math.max(100, Number(process.env.BENCH_CONNECTIONS ?? 5_000)));
const WARM_UP = 300;
const SETTLE_MS = 1_500;
const KINDS: PeerKind[] = selectedKinds();
const GOAL = 1.5;
/** BENCH_HEAP_SNAPSHOT=<dir>: write a heap snapshot of each server with its connections open. */
const SNAPSHOTS = process.env.BENCH_HEAP_SNAPSHOT;

interface Sample {
  /** RSS growth per connection, bytes. */
  rss: number;
  /** Growth of V8 heap used + external memory per connection, bytes. */
  heap: number;
  /** RSS and heap used + external before the connections, bytes. */
  baseRss: number;
  baseHeap: number;
}

/** The soft descriptor limit children inherit, as a shell reports it. */
function descriptorLimit(): number {
  const out = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8', timeout: 5_000 });
  const value = out.stdout.trim();
  return value === 'unlimited' ? Number.POSITIVE_INFINITY : Number(value) || 1024;
}

const heapOf = (m: PeerMemory) => m.heapUsed + m.external;

async function measureOne(kind: PeerKind, connections: number): Promise<Sample> {
  const peer = await startPeer(kind);
  try {
    const warm = await openMany(peer.port, peer.path, WARM_UP);
    await Promise.all(warm.map(({ socket }) => closeSocket(socket)));
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const before = await peer.memory();
    const open = await openMany(peer.port, peer.path, connections);
    try {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const after = await peer.memory();
      if (SNAPSHOTS !== undefined && SNAPSHOTS !== '') {
        // Taken after the RSS reading, so that writing it does not disturb the figure.
        const file = path.join(SNAPSHOTS, `${kind}-${connections}.heapsnapshot`);
        await peer.heapSnapshot(file);
        console.log(`(${kind}: heap snapshot with ${connections} connections in ${file})`);
      }
      return {
        rss: (after.rss - before.rss) / connections,
        heap: (heapOf(after) - heapOf(before)) / connections,
        baseRss: before.rss,
        baseHeap: heapOf(before),
      };
    } finally {
      for (const { socket } of open) socket.destroy();
    }
  } finally {
    await peer.stop();
  }
}

/** Runs the benchmark and prints the figures and the ratios. */
export async function run(): Promise<void> {
  const limit = descriptorLimit();
  const connections = Math.min(WANTED, Math.floor(limit - 200));
  console.log(`ulimit -n = ${limit}; opening ${fmt(connections)} idle connections per server`);
  const results = new Map<PeerKind, Sample[]>(KINDS.map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of rotate(KINDS, round)) {
      results.get(kind)!.push(await measureOne(kind, connections));
    }
  }
  const bare = median((results.get('bare') ?? []).map((s) => s.rss));
  const bareHeap = median((results.get('bare') ?? []).map((s) => s.heap));
  console.log(`\nper idle connection at ${fmt(connections)} connections (median of ${ROUNDS}):`);
  const rows = [
    [
      'server',
      'RSS B/conn',
      'vs bare ws (RSS)',
      'heap+ext B/conn',
      'vs bare (heap+ext)',
      'idle RSS MB',
      'idle heap+ext MB',
    ],
  ];
  for (const kind of KINDS) {
    const samples = results.get(kind) ?? [];
    const rss = median(samples.map((s) => s.rss));
    const heap = median(samples.map((s) => s.heap));
    rows.push([
      PEER_LABEL[kind],
      fmt(rss),
      kind === 'bare' ? '1.00' : verdict(rss / bare, GOAL, '<='),
      fmt(heap),
      kind === 'bare' ? '1.00' : (heap / bareHeap).toFixed(2),
      fmt(median(samples.map((s) => s.baseRss)) / 1e6, 1),
      fmt(median(samples.map((s) => s.baseHeap)) / 1e6, 1),
    ]);
  }
  table(rows);
}
