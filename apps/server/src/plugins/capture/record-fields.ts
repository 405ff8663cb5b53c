/**
 * Small conversions the recorder applies when it builds the stored record: header lists to
 * pairs, a field lookup, raw bytes to base64.
 */
import type { HeaderList } from '@switchyard/exchange';

/** Fields in wire order as pairs (copied), from pairs or Node's flat `rawHeaders` list. */
export function toPairs(headers: HeaderList | readonly string[]): HeaderList {
  if (headers.length === 0 || Array.isArray(headers[0]))
    return (headers as HeaderList).map(([n, v]) => [n, v]);
  const flat = headers as readonly string[];
  const out: HeaderList = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

/** The first value of a field (`name` lower-case), or undefined. */
export function header(headers: HeaderList, name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

/** Base64 of the bytes (no copy of them). */
export const base64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
