/** The per-call memo behind lintExchange: caches within one call only, never across calls. */
import { describe, expect, it } from 'vitest';
import { memoActive, memoized, withCallMemo } from '../src/support/memo.js';

function counting(): { fn: (key: object | string | undefined) => number; calls: () => number } {
  let n = 0;
  return { fn: memoized(() => ++n), calls: () => n };
}

describe('per-call memo', () => {
  it('computes every time outside a lint call', () => {
    const { fn, calls } = counting();
    const key = {};
    fn(key);
    fn(key);
    expect(calls()).toBe(2);
    expect(memoActive()).toBe(false);
  });

  it('computes each key once within a call, keys compared by identity', () => {
    const { fn, calls } = counting();
    const a = {};
    const b = {};
    withCallMemo(() => {
      expect(memoActive()).toBe(true);
      const first = [fn(a), fn(b), fn(undefined), fn('1.1')];
      expect([fn(a), fn(b), fn(undefined), fn('1.1'), fn(a)]).toEqual([...first, first[0]]);
      expect(fn({})).toBe(5); // an equal but different object is another key
    });
    expect(calls()).toBe(5);
    expect(memoActive()).toBe(false);
  });

  it('forgets everything when the call ends, and a nested call has its own memo', () => {
    const { fn, calls } = counting();
    const key = {};
    const outer = withCallMemo(() => {
      const before = fn(key);
      const inner = withCallMemo(() => fn(key));
      expect(inner).not.toBe(before);
      return fn(key);
    });
    expect(calls()).toBeGreaterThanOrEqual(2);
    const again = withCallMemo(() => fn(key));
    expect(again).toBeGreaterThan(outer);
  });

  it('ends the call even when the body throws', () => {
    expect(() =>
      withCallMemo(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(memoActive()).toBe(false);
  });
});
