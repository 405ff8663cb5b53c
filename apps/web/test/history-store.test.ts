import { describe, expect, it } from 'vitest';
import {
  clearHistory,
  HISTORY_KEY,
  HISTORY_LIMIT,
  readHistory,
  recordHistory,
} from '../src/history/history-store.js';
import { putPlaygroundHandoff, takePlaygroundHandoff } from '../src/history/playground-handoff.js';

/** A fresh in-memory Storage for each test. */
function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, String(value)),
    removeItem: (key: string) => void map.delete(key),
  };
}

const at = (iso: string) => () => new Date(iso);

describe('history store', () => {
  it('keeps entries newest first, moving a repeated id to the front', () => {
    const storage = memoryStorage();
    recordHistory({ id: 'a', summary: 'GET /a', status: 101 }, storage, at('2026-01-01T00:00:00Z'));
    recordHistory({ id: 'b', summary: 'GET /b' }, storage, at('2026-01-01T00:00:01Z'));
    recordHistory({ id: 'a', summary: 'GET /a', status: 101 }, storage, at('2026-01-01T00:00:02Z'));
    expect(readHistory(storage)).toEqual([
      { id: 'a', summary: 'GET /a', status: 101, seenAt: '2026-01-01T00:00:02.000Z' },
      { id: 'b', summary: 'GET /b', seenAt: '2026-01-01T00:00:01.000Z' },
    ]);
  });

  it(`is bounded to ${HISTORY_LIMIT} entries, dropping the oldest`, () => {
    const storage = memoryStorage();
    for (let i = 0; i < HISTORY_LIMIT + 5; i += 1) {
      recordHistory({ id: `id${i}`, summary: `GET /${i}` }, storage);
    }
    const list = readHistory(storage);
    expect(list).toHaveLength(HISTORY_LIMIT);
    expect(list[0]?.id).toBe(`id${HISTORY_LIMIT + 4}`);
    expect(list.at(-1)?.id).toBe('id5');
  });

  it('clears everything', () => {
    const storage = memoryStorage();
    recordHistory({ id: 'a', summary: 'GET /a' }, storage);
    clearHistory(storage);
    expect(readHistory(storage)).toEqual([]);
  });

  it('reads corrupt or foreign data as empty and skips malformed entries', () => {
    const storage = memoryStorage();
    storage.setItem(HISTORY_KEY, '{not json');
    expect(readHistory(storage)).toEqual([]);
    storage.setItem(
      HISTORY_KEY,
      JSON.stringify([{ id: 'ok', summary: 's', seenAt: 't' }, { id: 3 }, null, 'x']),
    );
    expect(readHistory(storage).map((e) => e.id)).toEqual(['ok']);
  });

  it('survives a storage that throws (quota, disabled)', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(readHistory(broken)).toEqual([]);
    expect(recordHistory({ id: 'a', summary: 'x' }, broken).map((e) => e.id)).toEqual(['a']);
    expect(() => clearHistory(broken)).not.toThrow();
  });
});

describe('playground hand-off', () => {
  it('hands over the request once, headers in order and enabled', () => {
    const storage = memoryStorage();
    putPlaygroundHandoff(
      {
        method: 'GET',
        target: '/ws/echo',
        version: 'HTTP/1.1',
        headers: [
          ['Upgrade', 'websocket'],
          ['connection', 'Upgrade'],
        ],
        body: '',
        fromExchange: 'abc',
      },
      storage,
    );
    const taken = takePlaygroundHandoff(storage);
    expect(taken?.target).toBe('/ws/echo');
    expect(taken?.fromExchange).toBe('abc');
    expect(taken?.headers.map((h) => [h.name, h.value, h.enabled])).toEqual([
      ['Upgrade', 'websocket', true],
      ['connection', 'Upgrade', true],
    ]);
    expect(takePlaygroundHandoff(storage)).toBeUndefined();
  });

  it('ignores malformed data', () => {
    const storage = memoryStorage();
    storage.setItem('switchyard.playground-handoff.v1', JSON.stringify({ method: 'GET' }));
    expect(takePlaygroundHandoff(storage)).toBeUndefined();
  });
});
