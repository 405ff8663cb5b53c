/**
 * WebSocket handshakes per second (issue 4, "Benchmarks"): connect, upgrade (101), close
 * handshake, against Switchyard `/ws/echo` (CAPTURE=off and CAPTURE=on, in-memory store) and a
 * bare `ws` server, each alone in a child process, measured alternately in the same run by
 * the raw-TCP client of support/handshake-load.ts. The figure of each is the median of its
 * rounds. Goal: Switchyard >= 0.8 x bare `ws` (the goal is checked for both capture settings;
 * CAPTURE=on also creates and stores one exchange per connection).
 *
 * Knobs (environment): BENCH_ROUNDS (default 3), BENCH_SECONDS (per measurement, default 4).
 */
import { handshakeLoad } from './support/handshake-load.js';
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
      handshakeLoad({ port: peer.port, path: peer.path, concurrency: CONCURRENCY, seconds });
    for (const peer of peers) await load(peer, 1);
    const results = new Map<PeerKind, number[]>(KINDS.map((k) => [k, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const peer of rotate(peers, round))
        results.get(peer.kind)!.push(await load(peer, SECONDS));
    }
    const bare = median((results.get('bare') ?? []));
    console.log(
      `\nconnect + upgrade + close, ${CONCURRENCY} concurrent, ${ROUNDS} rounds x ${SECONDS} s (median):`,
    );
    const rows = [['server', 'handshakes/s', 'vs bare ws', 'rounds']];
    for (const kind of KINDS) {
      const runs = results.get(kind)!;
      const value = median(runs);
      rows.push([
        PEER_LABEL[kind],
        fmt(value),
        kind === 'bare' ? '1.00' : verdict(value / bare, GOAL, '>='),
        runs.map((r) => fmt(r)).join(' / '),
      ]);
    }
    table(rows);
  } finally {
    await Promise.all(peers.map((p) => p.stop()));
  }
}
