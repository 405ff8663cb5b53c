/**
 * Header-list helpers shared by the client and server handshake code. Headers are ordered
 * `[name, value]` pairs, names in any case, duplicates kept (as received on the wire).
 */

export type HeaderList = readonly (readonly [string, string])[];

/** All values of a header (case-insensitive name), in order. */
export function headerValues(headers: HeaderList, name: string): string[] {
  const wanted = name.toLowerCase();
  const out: string[] = [];
  for (const [n, v] of headers) if (n.toLowerCase() === wanted) out.push(v);
  return out;
}

/** The single value of a header, `undefined` when absent; `null` when repeated. */
export function singleHeader(headers: HeaderList, name: string): string | undefined | null {
  const values = headerValues(headers, name);
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0]! : null;
}
