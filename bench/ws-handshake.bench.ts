/**
 * WebSocket handshakes per second (issue 4, "Benchmarks"): connect, upgrade (101), close
 * handshake, against Switchyard `/ws/echo` (CAPTURE=off and CAPTURE=on, in-memory store) and a
 * bare `ws` server, each alone in a child process, measured alternately in the same run by
 * the raw-TCP client of support/handshake-load.ts. The figure of each is the median of its
 * rounds. Goal: Switchyard >= 0.8 x bare `ws` (the goal is checked for both capture settings;
 * CAPTURE=on also creates and stores one exchange per connection).
 *
 * Beside the rates it prints each server's CPU time per handshake (read from the child before
 * and after each measurement), which other load on a shared machine disturbs far less.
 *
 * Knobs (environment): BENCH_ROUNDS (default 3), BENCH_SECONDS (per measurement, default 4),
 * BENCH_PEERS and BENCH_CPU_PROF (support/peers.ts).
 */
import { handshakeLoad, type HandshakeFigures } from './support/handshake-load.js';
import { fmt, median, rotate, table, verdict } from './support/figures.js';
import { PEER_LABEL, selectedKinds, startPeer, type Peer, type PeerKind } from './support/peers.js';

const ROUNDS = Math.min(10, Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3)));
const SECONDS = Math.min(30, Math.max(1, Number(process.env.BENCH_SECONDS ?? 4)));
const CONCURRENCY = 16;
const KINDS: PeerKind[] = selectedKinds();
const GOAL = 0.8;

/** Runs the benchmark and prints the figures and the ratios. */
export async function run(): Promise<void> {
  const peers: Peer[] = [];
  try {
    for (const kind of KINDS) peers.push(await startPeer(kind));
    const load = (peer: Peer, seconds: number) =>
      handshakeLoad({
        port: peer.port,
        path: peer.path,
        concurrency: CONCURRENCY,
        seconds,
        cpu: () => peer.cpu(),
      });
    for (const peer of peers) await load(peer, 1);
    const results = new Map<PeerKind, HandshakeFigures[]>(KINDS.map((k) => [k, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const peer of rotate(peers, round))
        results.get(peer.kind)!.push(await load(peer, SECONDS));
    }
    const bare = median((results.get('bare') ?? []).map((r) => r.perSecond));
    const bareCpu = median((results.get('bare') ?? []).map((r) => r.cpuMicrosPerHandshake));
    console.log(
      `\nconnect + upgrade + close, ${CONCURRENCY} concurrent, ${ROUNDS} rounds x ${SECONDS} s (median):`,
    );
    const rows = [
      ['server', 'handshakes/s', 'vs bare ws', 'rounds', 'server CPU µs/handshake', 'CPU ratio'],
    ];
    for (const kind of KINDS) {
      const runs = results.get(kind)!;
      const value = median(runs.map((r) => r.perSecond));
      const cpu = median(runs.map((r) => r.cpuMicrosPerHandshake));
      rows.push([
        PEER_LABEL[kind],
        fmt(value),
        kind === 'bare' ? '1.00' : verdict(value / bare, GOAL, '>='),
        runs.map((r) => fmt(r.perSecond)).join(' / '),
        fmt(cpu, 1),
        // Bare ws's CPU per handshake over this server's: the efficiency ratio (1 = as cheap).
        Number.isFinite(bareCpu / cpu) ? (bareCpu / cpu).toFixed(2) : '-',
      ]);
    }
    table(rows);
  } finally {
    await Promise.all(peers.map((p) => p.stop()));
  }
}
