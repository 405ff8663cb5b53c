/**
 * Storage plugin: decorates the app with `exchangeStore` (SQLite by default, memory on
 * `STORAGE=memory`, PostgreSQL on `STORAGE=postgres` with `DATABASE_URL`), runs retention at
 * start and then every `PRUNE_EVERY_MS`, and flushes and closes the store when the app closes.
 * Wrapped with fastify-plugin so every feature sees it.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { MemoryExchangeStore } from './memory-store.js';
import type { ExchangeStore, RetentionOptions } from './store.js';

export type { ExchangeStore, ListOptions, PruneResult, RetentionOptions } from './store.js';
export { MemoryExchangeStore } from './memory-store.js';

/** How often retention runs while the server is up. */
export const PRUNE_EVERY_MS = 10 * 60_000;

/** Name of the SQLite file inside the data dir. */
export const DATABASE_FILE = 'switchyard.sqlite';

export interface StoragePluginOptions {
  /** Use this store instead of the one config picks (tests). It is closed with the app. */
  store?: ExchangeStore;
}

/**
 * The store config picks. PostgreSQL connects and migrates here: a start error if it cannot.
 * Each back-end's module (and its driver: better-sqlite3, pg) is loaded only when picked.
 */
async function openStore(
  config: Config,
  retention: RetentionOptions,
  onError: (error: unknown) => void,
): Promise<ExchangeStore> {
  switch (config.storage) {
    case 'memory':
      return new MemoryExchangeStore(retention);
    case 'postgres': {
      if (config.databaseUrl === undefined) throw new Error('STORAGE=postgres needs DATABASE_URL');
      const { PostgresExchangeStore } = await import('./postgres-store.js');
      return PostgresExchangeStore.open({
        url: config.databaseUrl,
        poolMax: config.databasePoolMax,
        retention,
        flushIntervalMs: config.storageFlushMs,
        batchSize: config.storageBatchSize,
        onError,
      });
    }
    case 'sqlite': {
      const { SqliteExchangeStore } = await import('./sqlite-store.js');
      return new SqliteExchangeStore({
        file: path.join(config.dataDir, DATABASE_FILE),
        retention,
        flushIntervalMs: config.storageFlushMs,
        batchSize: config.storageBatchSize,
        onError,
      });
    }
  }
}

async function storagePlugin(app: FastifyInstance, options: StoragePluginOptions): Promise<void> {
  const config = app.config;
  const retention: RetentionOptions = {
    maxAgeDays: config.retentionDays,
    maxBytes: config.retentionMaxMb * 1024 * 1024,
  };
  const onError = (error: unknown) => app.log.error({ err: error }, 'storing exchanges failed');
  const store = options.store ?? (await openStore(config, retention, onError));
  app.decorate('exchangeStore', store);

  const prune = () =>
    store.prune().then(
      (r) => {
        if (r.deletedByAge + r.deletedBySize > 0) app.log.info(r, 'retention deleted exchanges');
      },
      (error: unknown) => app.log.error({ err: error }, 'retention failed'),
    );
  await prune();
  const timer = setInterval(() => void prune(), PRUNE_EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await store.close();
  });
}

export default fp(storagePlugin, {
  name: 'switchyard-storage',
  fastify: '5.x',
  decorators: { fastify: ['config'] },
});

declare module 'fastify' {
  interface FastifyInstance {
    /** Where captured exchanges are stored (see plugins/storage). */
    exchangeStore: ExchangeStore;
  }
}
