/**
 * The composed request: what the user builds in the playground, in wire order. Nothing here
 * normalises, reorders, re-cases or adds anything: the bytes shown are the bytes that will be sent.
 */

/** One header line. `enabled: false` keeps it in the editor but leaves it out of the bytes. */
export interface HeaderField {
  /** Stable identity for React lists and moves; never sent. */
  id: string;
  name: string;
  value: string;
  enabled: boolean;
}

export interface ComposedRequest {
  method: string;
  /** The request-target exactly as sent, e.g. `/ws/echo?x=1` (RFC 9112 §3.2). */
  target: string;
  /** e.g. `HTTP/1.1`; deliberately free text so a wrong version can be sent. */
  version: string;
  headers: HeaderField[];
  body: string;
}

let nextId = 0;

/** A fresh header row id (unique within this page load). */
export function newFieldId(): string {
  nextId += 1;
  return `h${nextId}`;
}

/** Builds header rows from `[name, value]` pairs, all enabled. */
export function fieldsFrom(pairs: readonly (readonly [string, string])[]): HeaderField[] {
  return pairs.map(([name, value]) => ({ id: newFieldId(), name, value, enabled: true }));
}

/**
 * The request as wire text: request-line, the enabled header lines in order, the empty line,
 * then the body. RFC 9112 §2.1: every line of the head ends in CRLF and an empty line ends it;
 * §5: `field-line = field-name ":" OWS field-value OWS`, written here with a single SP.
 */
export function serializeRequest(request: ComposedRequest): string {
  const lines = [`${request.method} ${request.target} ${request.version}`];
  for (const field of request.headers) {
    if (field.enabled) lines.push(`${field.name}: ${field.value}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n${request.body}`;
}
