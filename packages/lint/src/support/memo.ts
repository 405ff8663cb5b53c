/**
 * A memo that lives for exactly one lint call (`lintExchange`, `lintDraft`): rules share derived
 * facts (field lookups, the response list, the HTTP version, "is this a WebSocket handshake")
 * instead of each recomputing them. Outside a lint call nothing is cached, so a rule's `check`
 * called on its own computes everything afresh and gives the same result (the equivalence test
 * compares both paths). What a call cached is never seen by a later call, so an exchange mutated
 * between two calls is never judged on stale facts.
 *
 * Cached values are shared by the rules of a call: helpers freeze the arrays they return, and no
 * rule may mutate what a helper returned.
 */

/** The current call's number; 0 outside a lint call. Every call gets a number never used before. */
let current = 0;
let counter = 0;

/** Every memo's reset: run when the outermost call returns, so no exchange is kept alive. */
const resets: (() => void)[] = [];

/** Runs `fn` with a fresh per-call memo (a nested call gets its own; the outer one is restored). */
export function withCallMemo<T>(fn: () => T): T {
  const previous = current;
  current = ++counter;
  try {
    return fn();
  } finally {
    current = previous;
    if (previous === 0) for (const reset of resets) reset();
  }
}

/** True while a lint call's memo is active. */
export function memoActive(): boolean {
  return current !== 0;
}

const NONE: unique symbol = Symbol('none');

/**
 * Wraps a pure `compute` so that, during one lint call, each key (by identity) is computed once.
 * Outside a lint call the wrapper simply computes. The last key is kept in a slot (most facts are
 * asked about the one exchange or head again and again); other keys go to a map.
 */
export function memoized<K, V>(compute: (key: K) => V): (key: K) => V {
  let call = 0;
  let lastKey: K | typeof NONE = NONE;
  let lastValue: V | undefined;
  let others: Map<K, V> | undefined;
  resets.push(() => {
    call = 0;
    lastKey = NONE;
    lastValue = undefined;
    others = undefined;
  });
  return (key) => {
    if (current === 0) return compute(key);
    if (call !== current) {
      // A new call (or back in an outer call after a nested one): forget everything.
      call = current;
      lastKey = NONE;
      lastValue = undefined;
      others = undefined;
    } else {
      if (key === lastKey) return lastValue as V;
      if (others !== undefined) {
        const hit = others.get(key);
        if (hit !== undefined || others.has(key)) return hit as V;
      }
    }
    const value = compute(key);
    // `compute` may itself have run a nested lint call: keep the value only if still this call's.
    if (call === current) {
      if (lastKey !== NONE) (others ??= new Map()).set(lastKey, lastValue as V);
      lastKey = key;
      lastValue = value;
    }
    return value;
  };
}

/** Freezes an array (and returns it) so a shared cached value cannot be mutated by a rule. */
export function frozen<T extends readonly unknown[]>(value: T): T {
  return Object.freeze(value);
}
