/**
 * Summarises a V8 `.cpuprofile` (written by `node --cpu-prof`, e.g. with BENCH_CPU_PROF set,
 * see peers.ts): self time by function and by file, the largest first.
 *
 * Usage: `npx tsx bench/support/cpu-profile.ts <file.cpuprofile> [top=25]`
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (µs) per key, where `key` names a node's function or file. */
function selfTime(profile: Profile, key: (n: ProfileNode) => string): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (node === undefined) return;
    const k = key(node);
    totals.set(k, (totals.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return totals;
}

/**
 * Total time (µs) per key: a sample counts once for every distinct key on its stack, so a
 * function's figure includes what it called.
 */
function totalTime(profile: Profile, key: (n: ProfileNode) => string): Map<string, number> {
  const parent = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    // Bounded by the stack depth (a tree has no cycles).
    for (let n = byId.get(id); n !== undefined; n = parent.get(n.id)) seen.add(key(n));
    for (const k of seen) totals.set(k, (totals.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return totals;
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const work = url.indexOf('/work/main/');
  return work >= 0 ? url.slice(work + '/work/main/'.length) : url || '(native)';
}

function print(title: string, totals: Map<string, number>, top: number, of?: number): void {
  const all = of ?? [...totals.values()].reduce((a, b) => a + b, 0);
  console.log(`\n${title} (total ${(all / 1000).toFixed(0)} ms)`);
  for (const [k, v] of [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * v) / all).toFixed(1).padStart(5)}%  ${k}`);
  }
}

const file = process.argv[2];
if (file === undefined) throw new Error('usage: cpu-profile.ts <file.cpuprofile> [top]');
const top = Number(process.argv[3] ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
print(
  'self time by function',
  selfTime(profile, (n) => {
    const f = n.callFrame;
    return `${f.functionName || '(anonymous)'}  ${shortUrl(f.url)}:${f.lineNumber + 1}`;
  }),
  top,
);
const busy = (totals: Map<string, number>) => {
  for (const k of [...totals.keys()]) if (/^\((idle|root|program)\)/.test(k)) totals.delete(k);
  return totals;
};
print(
  'total (inclusive) time by function, % of busy time',
  busy(
    totalTime(profile, (n) => {
      const f = n.callFrame;
      return `${f.functionName || '(anonymous)'}  ${shortUrl(f.url)}:${f.lineNumber + 1}`;
    }),
  ),
  top,
  [...busy(selfTime(profile, (n) => n.callFrame.functionName)).values()].reduce((a, b) => a + b, 0),
);
print(
  'self time by file',
  selfTime(profile, (n) => shortUrl(n.callFrame.url)),
  top,
);
