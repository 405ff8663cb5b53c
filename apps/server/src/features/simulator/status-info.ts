/**
 * What the simulator knows about a status code, from the catalog (DESIGN.md convention 5).
 * Codes the catalog does not list yet fall back to Node's table for the reason phrase; codes
 * nobody registered are described by their class (RFC 9110 §15).
 */
import { STATUS_CODES } from 'node:http';
import {
  describeStatus,
  statusClassOf,
  type StatusClass,
  type StatusEntry,
} from '@switchyard/catalog';

export interface StatusInfo {
  code: number;
  /** Reason phrase written on the status line. */
  reason: string;
  class: StatusClass;
  /** In the IANA registry. */
  registered: boolean;
  /** The catalog has an entry for this exact code (registered or well-known unregistered). */
  catalogued: boolean;
  /** For codes without an entry: the x00 code a client treats it as (RFC 9110 §15). */
  treatedAs?: number;
  /** e.g. `RFC 9110 §15.5.19`. */
  section: string;
  link: string;
  summary: string;
  /** RFC 9110 §15.2, §15.3.5, §15.3.6, §15.4.5: 1xx, 204, 205 and 304 carry no content. */
  contentAllowed: boolean;
  entry?: StatusEntry;
}

const CLASS_SECTIONS: Record<StatusClass, string> = {
  informational: '15.2',
  successful: '15.3',
  redirection: '15.4',
  'client-error': '15.5',
  'server-error': '15.6',
};

const rfc9110 = (section: string) => `https://www.rfc-editor.org/rfc/rfc9110#section-${section}`;

function noContentByDefinition(code: number): boolean {
  return (code >= 100 && code < 200) || code === 204 || code === 205 || code === 304;
}

const cache = new Map<number, StatusInfo>();

/** Describes a code in 100..599 (callers validate the range first). Results are cached. */
export function statusInfo(code: number): StatusInfo {
  const cached = cache.get(code);
  if (cached) return cached;
  const info = computeStatusInfo(code);
  cache.set(code, info);
  return info;
}

function computeStatusInfo(code: number): StatusInfo {
  const klass = statusClassOf(code) ?? 'server-error';
  const { entry, classEntry } = describeStatus(code);
  if (entry) {
    return {
      code,
      reason: entry.reason,
      class: entry.class,
      registered: entry.registered,
      catalogued: true,
      section: `${entry.defined.document} §${entry.defined.section}`,
      link: entry.defined.url,
      summary: entry.summary,
      contentAllowed: entry.contentAllowed && !noContentByDefinition(code),
      entry,
    };
  }
  const base = Math.floor(code / 100) * 100;
  const nodeReason = STATUS_CODES[code];
  if (nodeReason !== undefined) {
    // Registered code the catalog has not described yet: Node's phrase, the class's section.
    return {
      code,
      reason: nodeReason,
      class: klass,
      registered: true,
      catalogued: false,
      section: `RFC 9110 §${CLASS_SECTIONS[klass]}`,
      link: rfc9110(CLASS_SECTIONS[klass]),
      summary: `${code} ${nodeReason}.`,
      contentAllowed: !noContentByDefinition(code),
    };
  }
  // RFC 9110 §15: "a client MUST understand the class of any status code ... and treat an
  // unrecognized status code as being equivalent to the x00 status code of that class".
  const classReason = classEntry?.reason ?? STATUS_CODES[base] ?? 'Unknown';
  return {
    code,
    reason: classReason,
    class: klass,
    registered: false,
    catalogued: false,
    treatedAs: base,
    section: 'RFC 9110 §15',
    link: rfc9110('15'),
    summary:
      `${code} is not registered; a client treats it as ${base} ${classReason}, ` +
      `the first code of its class (RFC 9110 §15).`,
    contentAllowed: !noContentByDefinition(base),
  };
}
