/**
 * Header-list helpers over the Exchange's `[name, value][]` lists (names case-insensitive,
 * RFC 9110 §5.1; duplicates kept in order, §5.3).
 */
import type { HeaderList, HeadOffsets } from '@switchyard/exchange';
import { listHasToken, parseList } from '@switchyard/protocol';
import type { Evidence, EvidenceLocation } from '../types.js';
import { memoized, memoActive } from './memo.js';

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

/** What a lint call learns once about one field name of one head. */
interface NameEntry {
  hits: readonly FieldHit[];
  values?: readonly string[];
  members?: readonly string[];
  /** `members`, lower-cased (for token tests). */
  lowerMembers?: readonly string[];
}

const NO_HITS: readonly FieldHit[] = Object.freeze([]);
const NO_ENTRY: NameEntry = Object.freeze({
  hits: NO_HITS,
  values: NO_HITS as readonly never[],
  members: NO_HITS as readonly never[],
  lowerMembers: NO_HITS as readonly never[],
});

/** Lower-cased header names seen so far (a pure string map, bounded; names repeat a lot). */
const LOWER = new Map<string, string>();
const LOWER_MAX = 1024;

function lowerName(name: string): string {
  let lower = LOWER.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (LOWER.size >= LOWER_MAX) LOWER.clear();
    LOWER.set(name, lower);
  }
  return lower;
}

/** A head's field names, lower-cased once, and the entries looked up so far. */
interface HeadIndex {
  lower: string[];
  /** Entries of names present in the head, created on first lookup. */
  found: Map<string, NameEntry> | undefined;
}

/**
 * Lower-cases a head's field names once (RFC 9110 §5.1: names are case-insensitive). Undefined
 * when a name is not a string (odd input): the callers then take the plain path, which fails
 * exactly as it always did.
 */
function indexHead(head: HeadLike): HeadIndex | undefined {
  const headers = head.headers;
  const lower: string[] = new Array<string>(headers.length);
  for (let i = 0; i < headers.length; i++) {
    const name = headers[i]![0];
    if (typeof name !== 'string') return undefined;
    lower[i] = lowerName(name);
  }
  return { lower, found: undefined };
}
const indexHeadMemo = memoized(indexHead);

/** The memoised entry for `name` in `head`, or undefined outside a lint call (or on odd input). */
function entryOf(head: HeadLike, name: string): NameEntry | undefined {
  if (!memoActive()) return undefined;
  const index = indexHeadMemo(head);
  if (index === undefined) return undefined;
  const wanted = name.toLowerCase();
  const known = index.found?.get(wanted);
  if (known !== undefined) return known;
  const lower = index.lower;
  let hits: FieldHit[] | undefined;
  for (let i = 0; i < lower.length; i++) {
    if (lower[i] === wanted) {
      const pair = head.headers[i]!;
      (hits ??= []).push({ name: pair[0], value: pair[1], index: i });
    }
  }
  // Absent names (most lookups) are not stored: scanning the short name list again is cheap.
  if (hits === undefined) return NO_ENTRY;
  const entry: NameEntry = { hits: Object.freeze(hits) };
  (index.found ??= new Map()).set(wanted, entry);
  return entry;
}

function plainFields(head: HeadLike, name: string): FieldHit[] {
  const wanted = name.toLowerCase();
  const out: FieldHit[] = [];
  const headers = head.headers;
  for (let i = 0; i < headers.length; i++) {
    const pair = headers[i]!;
    if (pair[0].toLowerCase() === wanted) out.push({ name: pair[0], value: pair[1], index: i });
  }
  return out;
}

/**
 * Every field line named `name` (case-insensitive), in order. During a lint call the list is
 * shared and frozen: do not mutate it.
 */
export function fields(head: HeadLike, name: string): FieldHit[] {
  const entry = entryOf(head, name);
  if (entry !== undefined) return entry.hits as FieldHit[];
  return plainFields(head, name);
}

/** The first field line named `name`, if any. */
export function field(head: HeadLike, name: string): FieldHit | undefined {
  const entry = entryOf(head, name);
  if (entry !== undefined) return entry.hits[0];
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

/** All values of `name`, in order (for list fields, RFC 9110 §5.3). Do not mutate the result. */
export function values(head: HeadLike, name: string): string[] {
  const entry = entryOf(head, name);
  if (entry === undefined) return plainFields(head, name).map((f) => f.value);
  entry.values ??= Object.freeze(entry.hits.map((f) => f.value));
  return entry.values as string[];
}

/** Members of the list field `name` (RFC 9110 §5.6.1), in order. Do not mutate the result. */
export function listMembers(head: HeadLike, name: string): string[] {
  const entry = entryOf(head, name);
  if (entry === undefined) return parseList(values(head, name));
  entry.members ??= Object.freeze(parseList(values(head, name)));
  return entry.members as string[];
}

/** True when the list field `name` contains `token` (case-insensitive). */
export function hasToken(head: HeadLike, name: string, token: string): boolean {
  const entry = entryOf(head, name);
  if (entry === undefined) return listHasToken(values(head, name), token);
  // Same test as listHasToken: some list member equals the token, both lower-cased.
  entry.lowerMembers ??= Object.freeze(listMembers(head, name).map((m) => m.toLowerCase()));
  return entry.lowerMembers.includes(token.toLowerCase());
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
