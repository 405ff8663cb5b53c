/** Small helpers to summarise and print benchmark figures. */

/** Median of a list (NaN when empty). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A number with thousands separators and `digits` decimals. */
export function fmt(value: number, digits = 0): string {
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** `ratio` against `goal`, with a verdict: `>=` goals are floors, `<=` goals are ceilings. */
export function verdict(ratio: number, goal: number, kind: '>=' | '<='): string {
  if (!Number.isFinite(ratio)) return '- (bare ws not measured)';
  const met = kind === '>=' ? ratio >= goal : ratio <= goal;
  return `${ratio.toFixed(2)} (goal ${kind} ${goal}: ${met ? 'met' : 'MISSED'})`;
}

/** Rotates `items` by `round` places, so each round starts with a different peer. */
export function rotate<T>(items: readonly T[], round: number): T[] {
  const k = round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/** Prints rows as an aligned table. */
export function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const row of rows) {
    console.log(
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  '),
    );
  }
}
