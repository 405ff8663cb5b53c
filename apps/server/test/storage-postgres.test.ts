/**
 * What only the PostgreSQL store has: schema migration (idempotent, concurrent starts),
 * batching checked from a second connection, sharing between two stores, a clear start error
 * when the server is unreachable, surviving a killed connection, and its settings.
 * A real server, started by this file on a Unix socket in a temp dir (support/postgres-server).
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import type { ExchangeStore } from '../src/plugins/storage/index.js';
import { PostgresExchangeStore } from '../src/plugins/storage/postgres-store.js';
import { makeApp } from './support/http.js';
import { makeExchange } from './support/make-exchange.mjs';
import { startPostgres, type TestPostgres } from './support/postgres-server.js';

let postgres: TestPostgres;
const stores: ExchangeStore[] = [];
const clients: pg.Client[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
}, 20_000);
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => {});
  for (const c of clients.splice(0)) await c.end().catch(() => {});
});

async function sqlClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  return client;
}

async function open(
  url: string,
  extra: Partial<Parameters<typeof PostgresExchangeStore.open>[0]> = {},
) {
  const store = await PostgresExchangeStore.open({ url, flushIntervalMs: 20, ...extra });
  stores.push(store);
  return store;
}

async function count(client: pg.Client): Promise<number> {
  const r = await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM switchyard_exchanges');
  return Number(r.rows[0]!.n);
}

describe('PostgreSQL store', () => {
  it('creates the schema once, even when several instances start at once', async () => {
    const url = await postgres.createDatabase();
    // Five stores migrating an empty database concurrently: the advisory lock serialises them.
    await Promise.all([1, 2, 3, 4, 5].map(() => open(url)));
    const sql = await sqlClient(url);
    const version = await sql.query('SELECT version FROM switchyard_schema');
    expect(version.rows).toEqual([{ version: 1 }]);
    const collation = await sql.query(
      `SELECT collation_name FROM information_schema.columns
       WHERE table_name = 'switchyard_exchanges' AND column_name = 'id'`,
    );
    expect(collation.rows[0]).toEqual({ collation_name: 'C' });
    // And again on a database that has it already (the usual restart).
    await open(url);
    expect((await sql.query('SELECT version FROM switchyard_schema')).rows).toEqual([
      { version: 1 },
    ]);
  }, 20_000);

  it('queues writes off the caller and commits them in one batch', async () => {
    const url = await postgres.createDatabase();
    const store = await open(url, { flushIntervalMs: 60_000, batchSize: 1000 });
    const sql = await sqlClient(url);
    const writes = [0, 1, 2, 3, 4].map((i) => store.put(makeExchange(i)));
    // Visible to this instance at once, not yet in the database.
    expect((await store.list({ limit: 10 })).length).toBe(5);
    expect(await count(sql)).toBe(0);
    await store.flush();
    await Promise.all(writes);
    expect(await count(sql)).toBe(5);
    // One statement wrote them: all five rows come from one transaction (same xmin).
    const xmins = await sql.query('SELECT DISTINCT xmin::text FROM switchyard_exchanges');
    expect(xmins.rows.length).toBe(1);
  }, 20_000);

  it('flushes a full batch at once, without waiting for the interval', async () => {
    const url = await postgres.createDatabase();
    const store = await open(url, { flushIntervalMs: 60_000, batchSize: 10 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.put(makeExchange(i))));
    expect(await count(await sqlClient(url))).toBe(10);
  }, 20_000);

  it('writes a backlog in statements of at most 2000 rows', async () => {
    const url = await postgres.createDatabase();
    const store = await open(url, { flushIntervalMs: 60_000, batchSize: 100_000 });
    const writes = Array.from({ length: 2500 }, (_, i) => store.put(makeExchange(i)));
    await store.flush();
    await Promise.all(writes);
    const sql = await sqlClient(url);
    expect(await count(sql)).toBe(2500);
    const xmins = await sql.query<{ n: string }>(
      'SELECT xmin::text, COUNT(*) AS n FROM switchyard_exchanges GROUP BY 1 ORDER BY 2 DESC',
    );
    expect(xmins.rows.map((r) => Number(r.n))).toEqual([2000, 500]);
  }, 20_000);

  it('shares exchanges between two instances on one database', async () => {
    const url = await postgres.createDatabase();
    const a = await open(url);
    const b = await open(url);
    await Promise.all([0, 1, 2].map((i) => a.put(makeExchange(i))));
    await b.put(makeExchange(3));
    expect(await b.get(makeExchange(1).id)).toEqual(makeExchange(1));
    expect((await a.list({ limit: 10 })).map((s) => s.id)).toEqual(
      [3, 2, 1, 0].map((i) => makeExchange(i).id),
    );
    expect(await b.delete(makeExchange(0).id)).toBe(true);
    expect(await a.get(makeExchange(0).id)).toBeUndefined();
  }, 20_000);

  it('keeps working after its connections are killed on the server', async () => {
    const url = await postgres.createDatabase();
    const store = await open(url, { onError: () => {} });
    await store.put(makeExchange(1));
    const sql = await sqlClient(url);
    const killed = await sql.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'switchyard' AND pid <> pg_backend_pid()`,
    );
    expect(killed.rows.length).toBeGreaterThan(0);
    // The pool drops the dead idle connections (reported to onError, not thrown); a batch sent
    // on one that is not yet known dead fails with 57P01 or a socket error and is re-sent.
    await store.put(makeExchange(2));
    expect(await store.get(makeExchange(1).id)).toEqual(makeExchange(1));
    expect(await count(sql)).toBe(2);
  }, 20_000);

  it('re-sends a batch while the server restarts; puts resolve once it is back', async () => {
    const url = await postgres.createDatabase();
    const errors: unknown[] = [];
    const store = await open(url, {
      onError: (e) => errors.push(e),
      // Long enough for a restart on a loaded machine (up to ~20 s, restart's own bound): ~40 s
      // of re-sending in all; each wait is bounded.
      retryDelaysMs: [200, 500, 1000, 2000, 4000, 8000, 8000, 8000, 8000],
    });
    await store.put(makeExchange(1));
    await postgres.kill();
    let settled = false;
    const pending = store.put(makeExchange(2)).finally(() => (settled = true));
    // Still queued for re-sending while the server is down, and visible to this instance.
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);
    expect(await store.get(makeExchange(2).id)).toEqual(makeExchange(2));
    await postgres.restart();
    await pending;
    const sql = await sqlClient(url);
    expect(await count(sql)).toBe(2);
  }, 60_000);

  it('fails at start with a clear message when the server is unreachable', async () => {
    // A socket directory with no server in it, and a password that must not be echoed.
    const url = `postgresql://sy:hunter2@/nodb?host=${encodeURIComponent(postgres.socketDir)}&port=1`;
    const error = await PostgresExchangeStore.open({ url, connectTimeoutMs: 2000 }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/^PostgreSQL at postgresql:\/\/sy:\*\*\*@\/nodb.*: .*ENOENT/);
    expect(error?.message).not.toContain('hunter2');
    // Over TCP: a loopback port nothing listens on (refused at once).
    const closedPort = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const tcp = await PostgresExchangeStore.open({
      url: `postgres://sy:hunter2@127.0.0.1:${closedPort}/db`,
      connectTimeoutMs: 2000,
    }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(tcp?.message).toMatch(
      new RegExp(
        `^PostgreSQL at postgres://sy:\\*\\*\\*@127\\.0\\.0\\.1:${closedPort}/db: .*ECONNREFUSED`,
      ),
    );
    // Through the app: buildApp rejects, so main() exits non-zero with this message.
    await expect(makeApp({ STORAGE: 'postgres', DATABASE_URL: url })).rejects.toThrow(
      /^PostgreSQL at /,
    );
  }, 20_000);

  it('serves captures through the app with STORAGE=postgres', async () => {
    const url = await postgres.createDatabase();
    const app = await makeApp({ STORAGE: 'postgres', DATABASE_URL: url, STORAGE_FLUSH_MS: '10' });
    let id: string;
    try {
      const res = await app.inject({ url: '/api/status/418' });
      id = res.headers['x-switchyard-capture'] as string;
      expect(id).toBeTruthy();
    } finally {
      await app.close(); // flushes the queue into PostgreSQL
    }
    const again = await makeApp({ STORAGE: 'postgres', DATABASE_URL: url });
    try {
      const res = await again.inject({ url: `/api/exchanges/${id}` });
      expect(res.statusCode).toBe(200);
      expect(res.json().response.status).toBe(418);
    } finally {
      await again.close();
    }
  }, 20_000);
});

describe('storage settings', () => {
  it('reads STORAGE=postgres, DATABASE_URL and DATABASE_POOL_MAX', () => {
    const config = loadConfig({
      STORAGE: 'postgres',
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/sy',
      DATABASE_POOL_MAX: '3',
    });
    expect(config).toMatchObject({
      storage: 'postgres',
      databaseUrl: 'postgres://u:p@127.0.0.1:5432/sy',
      databasePoolMax: 3,
    });
    expect(loadConfig({})).toMatchObject({ storage: 'sqlite', databasePoolMax: 10 });
  });

  it.each([
    [{ STORAGE: 'postgres' }, 'DATABASE_URL is required when STORAGE=postgres'],
    [{ STORAGE: 'mysql' }, 'STORAGE="mysql" is not one of sqlite, memory, postgres'],
    [{ STORAGE: 'postgres', DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL has scheme "mysql"'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL is not a URL'],
    [{ DATABASE_POOL_MAX: '0' }, 'DATABASE_POOL_MAX=0 is out of range'],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never echoes a URL (it may hold a password) in a problem', () => {
    expect(() => loadConfig({ DATABASE_URL: 'ftp://u:s3cret@h/x' })).toThrow(/^(?![\s\S]*s3cret)/);
  });

  it('node dist/main.js exits 2 naming DATABASE_URL when it is missing', async () => {
    const { code, stderr } = await runMain({ STORAGE: 'postgres' });
    expect(code).toBe(2);
    expect(stderr).toContain('DATABASE_URL is required when STORAGE=postgres');
  }, 15_000);

  it('node dist/main.js exits 1 with one line, password hidden, when PostgreSQL does not answer', async () => {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    const { code, stderr } = await runMain({
      PORT: '0',
      TLS: 'off',
      LOG_LEVEL: 'silent',
      STORAGE: 'postgres',
      DATABASE_URL: 'postgres://u:s3cret@127.0.0.1:1/x',
    });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^switchyard: could not start: PostgreSQL at postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x: connect ECONNREFUSED/,
      ),
    ]);
    expect(stderr).not.toContain('s3cret');
  }, 30_000);
});

/** Runs `node dist/main.js` with only PATH and `env`; its exit code and stderr (bounded: 20 s). */
async function runMain(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const child = spawn(process.execPath, [path.join(serverDir, 'dist', 'main.js')], {
    cwd: serverDir,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('main.js did not exit'));
    }, 20_000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  return { code, stderr };
}
