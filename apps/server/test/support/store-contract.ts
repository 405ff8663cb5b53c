/**
 * The ExchangeStore contract: one suite every implementation must pass (memory, SQLite,
 * PostgreSQL). `open` returns a fresh, empty store; `reopen`, for stores that persist, opens
 * the same backing storage again after `close`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Exchange } from '@switchyard/exchange';
import type { ExchangeStore, RetentionOptions } from '../../src/plugins/storage/index.js';
import { makeExchange } from './make-exchange.mjs';

/** How a contract run opens its stores. */
export interface StoreFactory {
  /** A fresh, empty store. Its `reopen` (when persistent) opens the same data again. */
  open(
    retention?: RetentionOptions,
  ): Promise<{ store: ExchangeStore; reopen?: () => Promise<ExchangeStore> }>;
}

/** Registers the contract suite for one implementation. */
export function storeContract(name: string, factory: StoreFactory, timeoutMs = 15_000): void {
  describe(`${name} store (contract)`, () => {
    const opened: ExchangeStore[] = [];
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close().catch(() => {});
    });
    async function open(r?: RetentionOptions) {
      const result = await factory.open(r);
      opened.push(result.store);
      return result;
    }

    it('puts, gets (before and after the flush) and deletes', { timeout: timeoutMs }, async () => {
      const { store } = await open();
      const ex = makeExchange(1);
      const written = store.put(ex);
      expect(await store.get(ex.id)).toEqual(ex); // visible while queued
      await written;
      expect(await store.get(ex.id)).toEqual(ex);
      expect(await store.get('nope')).toBeUndefined();
      expect(await store.delete(ex.id)).toBe(true);
      expect(await store.get(ex.id)).toBeUndefined();
      expect(await store.delete(ex.id)).toBe(false);
    });

    it('replaces an exchange put again under the same id', { timeout: timeoutMs }, async () => {
      const { store } = await open();
      const first = makeExchange(3);
      await store.put(first);
      const second: Exchange = { ...first, response: { ...first.response!, status: 503 } };
      await store.put(second);
      expect((await store.get(first.id))?.response?.status).toBe(503);
      const listed = await store.list({ limit: 10 });
      expect(listed.map((s) => [s.id, s.status])).toEqual([[first.id, 503]]);
    });

    it('deletes an exchange that is still queued', { timeout: timeoutMs }, async () => {
      const { store } = await open();
      const ex = makeExchange(7);
      const written = store.put(ex);
      expect(await store.delete(ex.id)).toBe(true);
      await written; // settles (nothing to write any more)
      await store.flush();
      expect(await store.get(ex.id)).toBeUndefined();
      expect(await store.list({ limit: 10 })).toEqual([]);
    });

    it('lists newest first with an id cursor', { timeout: timeoutMs }, async () => {
      const { store } = await open();
      // Half committed, half still queued: the listing merges both.
      await Promise.all([0, 1, 2, 3, 4].map((i) => store.put(makeExchange(i))));
      for (const i of [5, 6, 7, 8, 9]) void store.put(makeExchange(i));
      const first = await store.list({ limit: 4 });
      expect(first.map((s) => s.id)).toEqual([9, 8, 7, 6].map((i) => makeExchange(i).id));
      expect(first[0]).toMatchObject({ method: 'GET', status: 200, kind: 'http' });
      const next = await store.list({ limit: 4, before: first[3]!.id });
      expect(next.map((s) => s.id)).toEqual([5, 4, 3, 2].map((i) => makeExchange(i).id));
      const last = await store.list({ limit: 4, before: next[3]!.id });
      expect(last.map((s) => s.id)).toEqual([1, 0].map((i) => makeExchange(i).id));
      expect(await store.list({ limit: 4, before: 'unknown-id' })).toEqual([]);
      await store.flush();
      expect((await store.list({ limit: 100 })).length).toBe(10);
    });

    it('breaks start-time ties by id, bytewise', { timeout: timeoutMs }, async () => {
      const { store } = await open();
      const base = makeExchange(0);
      // Same start; 'B' (0x42) < 'a' (0x61) bytewise, the other way round in most locales.
      const ids = ['exa0000000000000000000000', 'exB0000000000000000000000', 'exb000000000000000'];
      await Promise.all(ids.map((id) => store.put({ ...base, id })));
      const expected = [...ids].sort().reverse();
      expect((await store.list({ limit: 10 })).map((s) => s.id)).toEqual(expected);
      const page = await store.list({ limit: 10, before: expected[0]! });
      expect(page.map((s) => s.id)).toEqual(expected.slice(1));
    });

    it('deletes by age', { timeout: timeoutMs }, async () => {
      const { store } = await open({ maxAgeDays: 1, maxBytes: 0 });
      await Promise.all([0, 1, 2].map((i) => store.put(makeExchange(i))));
      // "now" two days after exchange 0 began, minus one ms of exchange spacing.
      const startMs = makeExchange(0).timings.start / 1000;
      const result = await store.prune(startMs + 86_400_000 + 1.5);
      expect(result).toEqual({ deletedByAge: 2, deletedBySize: 0 });
      expect((await store.list({ limit: 10 })).map((s) => s.id)).toEqual([makeExchange(2).id]);
    });

    it('deletes oldest first to stay under the size cap', { timeout: timeoutMs }, async () => {
      const one = Buffer.byteLength(JSON.stringify(makeExchange(0, 1000)));
      const { store } = await open({ maxAgeDays: 0, maxBytes: one * 3 + 10 });
      await Promise.all([0, 1, 2, 3, 4].map((i) => store.put(makeExchange(i, 1000))));
      const result = await store.prune();
      expect(result).toEqual({ deletedByAge: 0, deletedBySize: 2 });
      expect((await store.list({ limit: 10 })).map((s) => s.id)).toEqual(
        [4, 3, 2].map((i) => makeExchange(i).id),
      );
    });

    it('keeps text that JSON escapes (NUL, non-BMP) intact', { timeout: timeoutMs }, async () => {
      const { store } = await open();
      const ex = makeExchange(11);
      ex.responseBody = { ...ex.responseBody, preview: 'a\u0000b \u{1F600} é', size: 9 };
      await store.put(ex);
      expect(await store.get(ex.id)).toEqual(ex);
    });

    it('rejects a put after close', { timeout: timeoutMs }, async () => {
      const { store } = await open();
      await store.close();
      await expect(store.put(makeExchange(1))).rejects.toThrow(/closed/);
    });

    it('close writes what is queued; a reopened store has it', { timeout: timeoutMs }, async () => {
      const { store, reopen } = await open();
      const written: Exchange[] = [];
      for (let i = 0; i < 300; i++) written.push(makeExchange(i, i % 5));
      for (const ex of written) void store.put(ex); // not awaited: close() must flush them
      await store.close();
      if (!reopen) return; // memory: nothing persists by design
      const again = await reopen();
      opened.push(again);
      expect((await again.list({ limit: 1000 })).length).toBe(300);
      for (const ex of written.slice(0, 20)) expect(await again.get(ex.id)).toEqual(ex);
    });
  });
}
