/**
 * The one ExchangeStore contract (support/store-contract.ts) run against every implementation:
 * memory, SQLite (temp file) and PostgreSQL (a server this file starts: support/postgres-server).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { MemoryExchangeStore } from '../src/plugins/storage/index.js';
import { PostgresExchangeStore } from '../src/plugins/storage/postgres-store.js';
import { SqliteExchangeStore } from '../src/plugins/storage/sqlite-store.js';
import { startPostgres, type TestPostgres } from './support/postgres-server.js';
import { storeContract } from './support/store-contract.js';

const dirs: string[] = [];
let postgres: TestPostgres | undefined;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}, 20_000);

storeContract('memory', {
  open: async (retention) => ({ store: new MemoryExchangeStore(retention) }),
});

storeContract('sqlite', {
  open: async (retention) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-store-'));
    dirs.push(dir);
    const file = path.join(dir, 'nested', 'x.sqlite');
    const make = () => new SqliteExchangeStore({ file, retention, flushIntervalMs: 20 });
    return { store: make(), reopen: async () => make() };
  },
});

storeContract('postgres', {
  open: async (retention) => {
    const url = await postgres!.createDatabase();
    const make = () => PostgresExchangeStore.open({ url, retention, flushIntervalMs: 20 });
    return { store: await make(), reopen: make };
  },
});
