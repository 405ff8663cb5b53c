import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Exchange } from '@switchyard/exchange';
import type { ExchangeStore } from '../src/plugins/storage/index.js';
import { SqliteExchangeStore } from '../src/plugins/storage/sqlite-store.js';
import { makeExchange } from './support/make-exchange.mjs';
import { makeApp } from './support/http.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];
const stores: ExchangeStore[] = [];

function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-store-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => {});
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

// The behaviour every store shares is in storage-contract.test.ts (support/store-contract.ts).

describe('sqlite store on disk', () => {
  it('keeps every stored exchange across a restart', async () => {
    const file = path.join(tmpDir(), 'db', 'switchyard.sqlite');
    const first = new SqliteExchangeStore({ file, flushIntervalMs: 1000, batchSize: 64 });
    const written: Exchange[] = [];
    for (let i = 0; i < 500; i++) written.push(makeExchange(i, i % 7));
    // Not awaited: close() must flush whatever is still queued.
    for (const ex of written) void first.put(ex);
    await first.close();

    const second = new SqliteExchangeStore({ file });
    stores.push(second);
    expect((await second.list({ limit: 1000 })).length).toBe(500);
    for (const ex of written) expect(await second.get(ex.id)).toEqual(ex);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('commits before acknowledging: another connection sees an acknowledged put', async () => {
    const file = path.join(tmpDir(), 'x.sqlite');
    const store = new SqliteExchangeStore({ file, flushIntervalMs: 5 });
    stores.push(store);
    await store.put(makeExchange(42));
    const db = new Database(file, { readonly: true });
    const row = db.prepare('SELECT COUNT(*) AS n FROM exchanges').get() as { n: number };
    db.close();
    expect(row.n).toBe(1);
  });

  it('survives kill -9 mid-load: integrity ok, every acknowledged exchange kept', async () => {
    const writer = path.join(here, 'support', 'store-writer.mjs');
    const built = path.join(here, '..', 'dist', 'plugins', 'storage', 'sqlite-store.js');
    expect(fs.existsSync(built), `build the server first (${built})`).toBe(true);
    const file = path.join(tmpDir(), 'kill.sqlite');
    const child = spawn(process.execPath, [writer, file, '10', '100'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let acked = -1;
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`writer stalled: ${err}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const lines = out.split('\n');
        out = lines.pop() ?? '';
        for (const line of lines) {
          const m = /^ack (\d+)$/.exec(line);
          if (m) acked = Math.max(acked, Number(m[1]));
        }
        // Kill mid-load: well after the first commits, with writes still queued.
        if (acked >= 3000) {
          clearTimeout(timeout);
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => {
        clearTimeout(timeout);
        reject(new Error(`writer exited early: ${err}`));
      });
    }).catch((e: unknown) => {
      child.kill('SIGKILL');
      throw e;
    });
    expect(await exited).toBe('SIGKILL');

    const db = new Database(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const count = (db.prepare('SELECT COUNT(*) AS n FROM exchanges').get() as { n: number }).n;
    const ids = new Set(
      (db.prepare('SELECT id FROM exchanges').all() as { id: string }[]).map((r) => r.id),
    );
    db.close();
    // Acks are sent after commit, so every acknowledged exchange must be there; what may be
    // lost is at most the batch that was queued when the process died.
    expect(count).toBeGreaterThanOrEqual(acked + 1);
    for (let i = 0; i <= acked; i++) expect(ids.has(makeExchange(i).id)).toBe(true);
    // Reopening through the store works too.
    const store = new SqliteExchangeStore({ file });
    stores.push(store);
    expect((await store.list({ limit: 1 })).length).toBe(1);
  }, 30_000);
});

describe('storage plugin (STORAGE=sqlite under DATA_DIR)', () => {
  it('serves every captured exchange again after the app restarts', async () => {
    const dataDir = path.join(tmpDir(), 'data');
    const env = { STORAGE: 'sqlite', DATA_DIR: dataDir, STORAGE_FLUSH_MS: '1000' };
    const first = await makeApp(env);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await first.inject({ url: `/api/status/${200 + (i % 8)}` });
      ids.push(res.headers['x-switchyard-capture'] as string);
    }
    await first.close(); // flushes the queue (STORAGE_FLUSH_MS is longer than this test)
    expect(fs.existsSync(path.join(dataDir, 'switchyard.sqlite'))).toBe(true);

    const second = await makeApp(env);
    try {
      for (const [i, id] of ids.entries()) {
        const res = await second.inject({ url: `/api/exchanges/${id}` });
        expect(res.statusCode).toBe(200);
        expect(res.json().response.status).toBe(200 + (i % 8));
      }
      const list = (await second.inject({ url: '/api/exchanges?limit=100' })).json();
      expect(list.items.map((s: { id: string }) => s.id).sort()).toEqual([...ids].sort());
    } finally {
      await second.close();
    }
  });
});
