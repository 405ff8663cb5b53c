/**
 * Byte ranges for the simulated 206 and 416 (RFC 9110 §14). The simulator serves a fixed,
 * deterministic representation so that ranges of it are meaningful across requests.
 */

/** The representation ranges are taken from: 26 lines of 40 bytes, 1040 bytes in all. */
export const SAMPLE: string = Array.from(
  { length: 26 },
  (_, i) => `${String(i + 1).padStart(2, '0')} ${String.fromCharCode(97 + i).repeat(36)}\n`,
).join('');

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

export type RangeRequest =
  | { kind: 'none' }
  | { kind: 'invalid' }
  | { kind: 'unsatisfiable' }
  | { kind: 'satisfiable'; ranges: ByteRange[] };

/**
 * Parses a `Range` field against a representation of `length` bytes (RFC 9110 §14.1.2).
 * Malformed fields are reported as `invalid` (a server ignores them, §14.2).
 */
export function parseRange(field: string | undefined, length: number): RangeRequest {
  if (field === undefined) return { kind: 'none' };
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(field);
  if (!match) return { kind: 'invalid' };
  const ranges: ByteRange[] = [];
  const specs = match[1]!.split(',');
  if (specs.length > 16) return { kind: 'invalid' };
  for (const spec of specs) {
    const m = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(spec);
    if (!m || (m[1] === '' && m[2] === '')) return { kind: 'invalid' };
    if (m[1] === '') {
      // suffix-range: the last N bytes (§14.1.2); a zero suffix is unsatisfiable.
      const suffix = Number(m[2]);
      if (suffix > 0 && length > 0)
        ranges.push({ start: Math.max(0, length - suffix), end: length - 1 });
      continue;
    }
    const start = Number(m[1]);
    const end = m[2] === '' ? length - 1 : Math.min(Number(m[2]), length - 1);
    if (m[2] !== '' && Number(m[2]) < start) return { kind: 'invalid' };
    // §14.1.2: a range is satisfiable when its first position is below the length.
    if (start < length) ranges.push({ start, end });
  }
  return ranges.length === 0 ? { kind: 'unsatisfiable' } : { kind: 'satisfiable', ranges };
}

/**
 * `bytes first-last/complete-length` (RFC 9110 §14.4). Throws a RangeError rather than write an
 * invalid one (§14.4: last-pos below first-pos, or a range past the complete length): callers
 * only pass a range of a non-empty representation (plan.ts refuses a 206 with empty content).
 */
export function contentRange(range: ByteRange, length: number): string {
  if (!(range.start >= 0 && range.start <= range.end && range.end < length)) {
    throw new RangeError(`no valid Content-Range for ${range.start}-${range.end}/${length}`);
  }
  return `bytes ${range.start}-${range.end}/${length}`;
}

/** `bytes * /complete-length` for a 416 (RFC 9110 §14.4, §15.5.17). */
export function unsatisfiedRange(length: number): string {
  return `bytes */${length}`;
}
