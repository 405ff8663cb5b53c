/**
 * Storage plugin: decorates the app with `exchangeStore` (SQLite by default, memory on
 * `STORAGE=memory`), runs retention at start and then every `PRUNE_EVERY_MS`, and flushes and
 * closes the store when the app closes. Wrapped with fastify-plugin so every feature sees it.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { MemoryExchangeStore } from './memory-store.js';
import { SqliteExchangeStore } from './sqlite-store.js';
import type { ExchangeStore, RetentionOptions } from './store.js';

export type { ExchangeStore, ListOptions, PruneResult, RetentionOptions } from './store.js';
export { MemoryExchangeStore } from './memory-store.js';
export { SqliteExchangeStore } from './sqlite-store.js';

/** How often retention runs while the server is up. */
export const PRUNE_EVERY_MS = 10 * 60_000;

/** Name of the SQLite file inside the data dir. */
export const DATABASE_FILE = 'switchyard.sqlite';

export interface StoragePluginOptions {
  /** Use this store instead of the one config picks (tests). It is closed with the app. */
  store?: ExchangeStore;
}

async function storagePlugin(app: FastifyInstance, options: StoragePluginOptions): Promise<void> {
  const config = app.config;
  const retention: RetentionOptions = {
    maxAgeDays: config.retentionDays,
    maxBytes: config.retentionMaxMb * 1024 * 1024,
  };
  const store =
    options.store ??
    (config.storage === 'memory'
      ? new MemoryExchangeStore(retention)
      : new SqliteExchangeStore({
          file: path.join(config.dataDir, DATABASE_FILE),
          retention,
          flushIntervalMs: config.storageFlushMs,
          batchSize: config.storageBatchSize,
          onError: (error) => app.log.error({ err: error }, 'storing exchanges failed'),
        }));
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
