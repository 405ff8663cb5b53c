/**
 * A memo that lives for exactly one lint call (`lintExchange`, `lintDraft`): rules share derived
 * facts (field lookups, the response list, the HTTP version, "is this a WebSocket handshake")
 * instead of each recomputing them. Outside a lint call nothing is cached, so a rule's `check`
 * called on its own computes everything afresh and gives the same result (the equivalence test
 * compares both paths). The memo is dropped when the call returns, so an exchange mutated between
 * two calls is never judged on stale facts.
 *
 * Cached values are frozen: rules share them, so none may mutate what a helper returned.
 */

type Table = Map<unknown, unknown>;

let active: Map<object, Table> | undefined;

/** Runs `fn` with a fresh per-call memo (nested calls get their own and restore the outer one). */
export function withCallMemo<T>(fn: () => T): T {
  const previous = active;
  active = new Map();
  try {
    return fn();
  } finally {
    active = previous;
  }
}

/**
 * `compute(key)`, cached for the current lint call under the identity of `compute` and `key`.
 * Outside a lint call it simply computes. `compute` must be pure.
 */
export function memo<K, V>(compute: (key: K) => V, key: K): V {
  const tables = active;
  if (tables === undefined) return compute(key);
  let table = tables.get(compute);
  if (table === undefined) {
    table = new Map();
    tables.set(compute, table);
  }
  const hit = table.get(key);
  if (hit !== undefined || table.has(key)) return hit as V;
  const value = compute(key);
  table.set(key, value);
  return value;
}

/** True while a lint call's memo is active. */
export function memoActive(): boolean {
  return active !== undefined;
}

/** Freezes an array (and returns it) so a shared cached value cannot be mutated by a rule. */
export function frozen<T extends readonly unknown[]>(value: T): T {
  return Object.freeze(value);
}
