/**
 * Header-list helpers over the Exchange's `[name, value][]` lists (names case-insensitive,
 * RFC 9110 §5.1; duplicates kept in order, §5.3).
 */
import type { HeaderList, HeadOffsets } from '@switchyard/exchange';
import { listHasToken, parseList } from '@switchyard/protocol';
import type { Evidence, EvidenceLocation } from '../types.js';

/** A head the rules read: a request, a final response or an interim response. */
export interface HeadLike {
  headers: HeaderList;
  offsets?: HeadOffsets;
}

/** One field line found by name. */
export interface FieldHit {
  name: string;
  value: string;
  index: number;
}

/** Every field line named `name` (case-insensitive), in order. */
export function fields(head: HeadLike, name: string): FieldHit[] {
  const wanted = name.toLowerCase();
  const out: FieldHit[] = [];
  const headers = head.headers;
  for (let i = 0; i < headers.length; i++) {
    const pair = headers[i]!;
    if (pair[0].toLowerCase() === wanted) out.push({ name: pair[0], value: pair[1], index: i });
  }
  return out;
}

/** The first field line named `name`, if any. */
export function field(head: HeadLike, name: string): FieldHit | undefined {
  const wanted = name.toLowerCase();
  const headers = head.headers;
  for (let i = 0; i < headers.length; i++) {
    const pair = headers[i]!;
    if (pair[0].toLowerCase() === wanted) return { name: pair[0], value: pair[1], index: i };
  }
  return undefined;
}

/** True when a field named `name` is present. */
export function has(head: HeadLike, name: string): boolean {
  return field(head, name) !== undefined;
}

/** All values of `name`, in order (for list fields, RFC 9110 §5.3). */
export function values(head: HeadLike, name: string): string[] {
  return fields(head, name).map((f) => f.value);
}

/** True when the list field `name` contains `token` (case-insensitive). */
export function hasToken(head: HeadLike, name: string, token: string): boolean {
  return listHasToken(values(head, name), token);
}

/** Members of the list field `name` (RFC 9110 §5.6.1), in order. */
export function listMembers(head: HeadLike, name: string): string[] {
  return parseList(values(head, name));
}

/** Shows a header's value(s) for a message, `(absent)` when there is none. */
export function shown(head: HeadLike, name: string): string {
  const all = values(head, name);
  return all.length === 0 ? '(absent)' : all.map((v) => `"${v}"`).join(', ');
}

/** Evidence pointing at a field line (with its byte offset in the raw head, when known). */
export function headerEvidence(
  where: EvidenceLocation,
  head: HeadLike,
  hit: FieldHit,
  extra: Partial<Evidence> = {},
): Evidence {
  const evidence: Evidence = {
    where,
    header: hit.name,
    headerIndex: hit.index,
    actual: hit.value,
    ...extra,
  };
  const range = head.offsets?.headers[hit.index];
  if (range !== undefined) evidence.byteOffset = range.start;
  return evidence;
}

/** Evidence pointing at the start line of a head (byte offset 0 of the raw head). */
export function startLineEvidence(
  where: EvidenceLocation,
  head: HeadLike,
  extra: Partial<Evidence> = {},
): Evidence {
  const evidence: Evidence = { where, ...extra };
  if (head.offsets !== undefined) evidence.byteOffset = head.offsets.startLine.start;
  return evidence;
}
