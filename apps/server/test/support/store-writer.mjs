// Child process of the kill -9 test: opens the built SQLite store and writes exchanges in a
// loop, printing "ack <n>" once exchange n is committed. The parent SIGKILLs it mid-load.
// Usage: node store-writer.mjs <db file> <flush ms> <batch size>
import { SqliteExchangeStore } from '../../dist/plugins/storage/sqlite-store.js';
import { makeExchange } from './make-exchange.mjs';

const [file, flushMs, batch] = process.argv.slice(2);
const store = new SqliteExchangeStore({
  file,
  flushIntervalMs: Number(flushMs),
  batchSize: Number(batch),
});
let n = 0;
const LIMIT = 2_000_000; // bounded: the parent kills us long before this
function writeSome() {
  for (let i = 0; i < 50 && n < LIMIT; i++, n++) {
    const id = n;
    store.put(makeExchange(id, 200)).then(() => process.stdout.write(`ack ${id}\n`));
  }
  if (n < LIMIT) setTimeout(writeSome, 1);
}
process.stdout.write('ready\n');
writeSome();
