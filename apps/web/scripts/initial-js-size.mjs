// Measures the JavaScript the initial route loads: every module script and modulepreload named
// in dist/index.html (plain scripts too), gzipped at level 9. Fails when over the budget
// (issue 6: at most 250 KB gzipped). Run after `vite build`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 250 * 1024;
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');

const urls = new Set();
for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) urls.add(match[1]);
for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g))
  urls.add(match[1]);

let raw = 0;
let gzipped = 0;
for (const url of urls) {
  const bytes = readFileSync(path.join(dist, url.replace(/^\//, '')));
  const gz = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzipped += gz;
  console.log(
    `  ${url}: ${(bytes.length / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzipped`,
  );
}
const verdict = gzipped <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(
  `initial route JS: ${(raw / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped (${verdict} the ${BUDGET_BYTES / 1024} KB budget)`,
);
if (gzipped > BUDGET_BYTES) process.exit(1);
