/**
 * WebSocket echo throughput (issue 4, "Benchmarks"): Switchyard `/ws/echo` with CAPTURE=on
 * (in-memory store; BENCH_STORAGE=sqlite for SQLite in a temporary DATA_DIR) and CAPTURE=off,
 * against a bare `ws` echo server, for small (64 B) and large (64 KiB) binary messages over
 * many connections. Each server runs alone in a child process (support/server-child.ts); the
 * load generator (support/echo-load.ts, a raw-TCP client that writes pre-masked frames) runs
 * here. The three are measured alternately, in rotated order, in the same run; the figure of
 * each is the median of its rounds. Goals: capture off >= 0.95 x bare, capture on >= 0.7 x.
 * Beside the rates it prints each server's CPU time per message (read from the child before
 * and after each measurement), which other load on a shared machine disturbs far less.
 *
 * Knobs (environment): BENCH_ROUNDS (default 3), BENCH_SECONDS (per measurement, default 4),
 * BENCH_SIZE (64 or 65536: one size only), BENCH_PEERS and BENCH_CPU_PROF (support/peers.ts).
 */
import { echoLoad, type EchoFigures } from './support/echo-load.js';
import { fmt, median, rotate, table, verdict } from './support/figures.js';
import { PEER_LABEL, selectedKinds, startPeer, type Peer, type PeerKind } from './support/peers.js';

const ROUNDS = Math.min(10, Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3)));
const SECONDS = Math.min(30, Math.max(1, Number(process.env.BENCH_SECONDS ?? 4)));
const CONNECTIONS = 50;
const KINDS: PeerKind[] = selectedKinds();
const GOALS: Partial<Record<PeerKind, number>> = { 'switchyard-off': 0.95, 'switchyard-on': 0.7 };

const ALL_CASES = [
  { name: '64 B', size: 64, window: 16 },
  { name: '64 KiB', size: 65_536, window: 2 },
];
/** BENCH_SIZE=64 or BENCH_SIZE=65536 runs one message size only. */
const CASES = ALL_CASES.filter(
  (c) => process.env.BENCH_SIZE === undefined || String(c.size) === process.env.BENCH_SIZE,
);

/** Runs the benchmark and prints the figures and the ratios. */
export async function run(): Promise<void> {
  const peers: Peer[] = [];
  try {
    for (const kind of KINDS) peers.push(await startPeer(kind));
    for (const c of CASES) {
      const load = (peer: Peer, seconds: number) =>
        echoLoad({
          port: peer.port,
          path: peer.path,
          connections: CONNECTIONS,
          window: c.window,
          size: c.size,
          seconds,
          cpu: () => peer.cpu(),
        });
      // Warm-up (JIT, buffers) for each server, not counted.
      for (const peer of peers) await load(peer, 1);
      const results = new Map<PeerKind, EchoFigures[]>(KINDS.map((k) => [k, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const peer of rotate(peers, round)) {
          results.get(peer.kind)!.push(await load(peer, SECONDS));
        }
      }
      const bare = median((results.get('bare') ?? []).map((r) => r.messagesPerSecond));
      console.log(
        `\n${c.name} messages, ${CONNECTIONS} connections x ${c.window} in flight, ` +
          `${ROUNDS} rounds x ${SECONDS} s (median):`,
      );
      const bareCpu = median((results.get('bare') ?? []).map((r) => r.cpuMicrosPerMessage));
      const rows = [
        [
          'server',
          'msgs/s',
          'MB/s',
          'vs bare ws',
          'rounds (msgs/s)',
          'server CPU µs/msg',
          'CPU ratio',
        ],
      ];
      for (const kind of KINDS) {
        const runs = results.get(kind)!;
        const msgs = median(runs.map((r) => r.messagesPerSecond));
        const mb = median(runs.map((r) => r.megabytesPerSecond));
        const cpu = median(runs.map((r) => r.cpuMicrosPerMessage));
        const goal = GOALS[kind];
        rows.push([
          PEER_LABEL[kind],
          fmt(msgs),
          fmt(mb, 1),
          goal === undefined ? '1.00' : verdict(msgs / bare, goal, '>='),
          runs.map((r) => fmt(r.messagesPerSecond)).join(' / '),
          fmt(cpu, 1),
          // Bare ws's CPU per message over this server's: the efficiency ratio (1 = as cheap).
          Number.isFinite(bareCpu / cpu) ? (bareCpu / cpu).toFixed(2) : '-',
        ]);
      }
      table(rows);
    }
  } finally {
    await Promise.all(peers.map((p) => p.stop()));
  }
}
