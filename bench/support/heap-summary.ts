/**
 * Summarises a V8 `.heapsnapshot` (see ws-memory.bench.ts, BENCH_HEAP_SNAPSHOT): self size and
 * count of objects grouped by type and constructor/name, the largest first, and per
 * connection when a connection count is given.
 *
 * Usage: `npx tsx bench/support/heap-summary.ts <file.heapsnapshot> [connections] [top=30]`
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

const file = process.argv[2];
if (file === undefined) throw new Error('usage: heap-summary.ts <file.heapsnapshot> [conns] [top]');
const connections = Number(process.argv[3] ?? 0);
const top = Number(process.argv[4] ?? 30);
const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
const fields = snap.snapshot.meta.node_fields;
const width = fields.length;
const typeAt = fields.indexOf('type');
const nameAt = fields.indexOf('name');
const sizeAt = fields.indexOf('self_size');
const types = snap.snapshot.meta.node_types[0];
const groups = new Map<string, { size: number; count: number }>();
let total = 0;
for (let i = 0; i < snap.nodes.length; i += width) {
  const type = types[snap.nodes[i + typeAt]!] ?? '?';
  const raw = snap.strings[snap.nodes[i + nameAt]!] ?? '?';
  // Strings and code are grouped by type only: their "names" are their contents.
  const name = type === 'object' || type === 'native' || type === 'closure' ? raw : '';
  const key = `${type} ${name.slice(0, 60)}`;
  const size = snap.nodes[i + sizeAt]!;
  const g = groups.get(key) ?? { size: 0, count: 0 };
  g.size += size;
  g.count++;
  groups.set(key, g);
  total += size;
}
console.log(`total self size ${(total / 1e6).toFixed(1)} MB in ${groups.size} groups`);
const per = (v: number) => (connections > 0 ? (v / connections).toFixed(1).padStart(10) : '');
console.log(
  `${'self bytes'.padStart(12)} ${'count'.padStart(9)} ${connections > 0 ? ' B/conn    #/conn' : ''}`,
);
for (const [key, g] of [...groups.entries()].sort((a, b) => b[1].size - a[1].size).slice(0, top)) {
  console.log(
    `${String(g.size).padStart(12)} ${String(g.count).padStart(9)} ${per(g.size)} ${per(g.count)}  ${key}`,
  );
}
