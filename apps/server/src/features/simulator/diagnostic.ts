/**
 * The diagnostic body: what the server received and what the status means, rendered as JSON
 * (default), plain text or a small HTML page (RFC 9110 §12.5.1 negotiation picks one).
 */
import type { DiagnosticFormat } from './negotiate.js';
import type { StatusInfo } from './status-info.js';

/** An interim (1xx) response the simulator wrote before the final one. */
export interface InterimRecord {
  code: number;
  reason: string;
  headers: [string, string][];
}

export interface Diagnostic {
  request: {
    method: string;
    target: string;
    httpVersion: string;
    /** As received: original case, order and duplicates, as [name, value] pairs. */
    headers: [string, string][];
    remoteAddress: string | null;
    /** Bytes of content read; null when the content was not read. */
    bodySize: number | null;
  };
  /** Shared by every diagnostic of the same status (read-only). */
  status: {
    code: number;
    reason: string;
    class: string;
    registered: boolean;
    section: string;
    link: string;
    summary: string;
    /** The catalog entry (JSON). */
    catalog: string;
    /** The catalog page in the UI. */
    page: string;
    /** For a code nobody registered: the x00 code clients treat it as (RFC 9110 §15). */
    treatedAs?: number;
  };
  /** 1xx responses written before this one, in order. */
  interim: InterimRecord[];
  /** Decisions the simulator made, each with the section that drove it. */
  notes: string[];
  /** Present when the path asked for another code (1xx served as interim, 101 as 426, random). */
  requested?: number;
  delayMs?: number;
}

export interface DiagnosticInput {
  method: string;
  target: string;
  httpVersion: string;
  rawHeaders: readonly string[];
  remoteAddress: string | undefined;
  bodySize: number | null;
  info: StatusInfo;
  interim: InterimRecord[];
  notes: string[];
  requested: number | undefined;
  delayMs: number;
}

/** Node's flat `rawHeaders` as [name, value] pairs, exactly as received. */
export function headerPairs(rawHeaders: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    pairs.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  return pairs;
}

type StatusPart = Diagnostic['status'];

/**
 * The `status` part depends on the status alone: built once per StatusInfo (which statusInfo()
 * caches), frozen because every diagnostic of that status shares it, with its JSON (see
 * renderJson) made on first use.
 */
const statusParts = new WeakMap<StatusInfo, Readonly<StatusPart>>();
const statusJson = new WeakMap<Readonly<StatusPart>, string>();

function statusPart(info: StatusInfo): Readonly<StatusPart> {
  const known = statusParts.get(info);
  if (known) return known;
  const status: StatusPart = {
    code: info.code,
    reason: info.reason,
    class: info.class,
    registered: info.registered,
    section: info.section,
    link: info.link,
    summary: info.summary,
    catalog: `/api/catalog/${info.code}`,
    page: `/status/${info.code}`,
  };
  if (info.treatedAs !== undefined) status.treatedAs = info.treatedAs;
  Object.freeze(status);
  statusParts.set(info, status);
  return status;
}

/** Builds the diagnostic record. */
export function buildDiagnostic(input: DiagnosticInput): Diagnostic {
  const { info } = input;
  const diagnostic: Diagnostic = {
    request: {
      method: input.method,
      target: input.target,
      httpVersion: `HTTP/${input.httpVersion}`,
      headers: headerPairs(input.rawHeaders),
      remoteAddress: input.remoteAddress ?? null,
      bodySize: input.bodySize,
    },
    status: statusPart(info),
    interim: input.interim,
    notes: input.notes,
  };
  if (input.requested !== undefined && input.requested !== info.code) {
    diagnostic.requested = input.requested;
  }
  if (input.delayMs > 0) diagnostic.delayMs = input.delayMs;
  return diagnostic;
}

/** Escapes text for HTML element content and attribute values (all five specials). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function textLines(d: Diagnostic): string[] {
  const lines = [
    `${d.status.code} ${d.status.reason}`,
    `  class:      ${d.status.class}${d.status.registered ? '' : ' (not registered)'}`,
    `  defined in: ${d.status.section} <${d.status.link}>`,
    `  summary:    ${d.status.summary}`,
    `  catalog:    ${d.status.catalog}`,
  ];
  if (d.requested !== undefined) lines.push(`  requested:  ${d.requested}`);
  if (d.delayMs !== undefined) lines.push(`  delay:      ${d.delayMs} ms`);
  for (const i of d.interim) lines.push(`  interim:    ${i.code} ${i.reason}`);
  for (const note of d.notes) lines.push(`  note:       ${note}`);
  lines.push(
    '',
    `${d.request.method} ${d.request.target} ${d.request.httpVersion}`,
    ...d.request.headers.map(([name, value]) => `${name}: ${value}`),
    '',
    `remote address: ${d.request.remoteAddress ?? 'unknown'}`,
    `body size:      ${d.request.bodySize === null ? 'not read' : `${d.request.bodySize} bytes`}`,
  );
  return lines;
}

/** The status part as JSON.stringify(d, null, 2) writes it one level deep (made once). */
function statusPartJson(status: Readonly<StatusPart>): string {
  const known = statusJson.get(status);
  if (known !== undefined) return known;
  const json = nestedJson(status);
  if (Object.isFrozen(status)) statusJson.set(status, json);
  return json;
}

/**
 * JSON.stringify(value, null, 2) of a value that sits one level deep: JSON strings hold no raw
 * line feeds, so every "\n" is a line break to indent two more spaces.
 */
function nestedJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replaceAll('\n', '\n  ');
}

const q = JSON.stringify;

/**
 * Two-space JSON, laid out as JSON.stringify(d, null, 2) lays it out except that each
 * [name, value] header pair is on one line, for readability. Written out field by field: the
 * `space` argument takes V8 off its fast serializer, and this runs on every simulator response
 * (about 5 µs of a request's CPU under h2load in the issue 8 bench profile; now about 1 µs).
 * Only the rare parts (interim records, notes) still go through JSON.stringify with a space.
 */
function renderJson(d: Diagnostic): string {
  const r = d.request;
  let headers = '[]';
  if (r.headers.length > 0) {
    headers = '[';
    for (let i = 0; i < r.headers.length; i++) {
      const [name, value] = r.headers[i]!;
      headers += `${i === 0 ? '' : ','}\n      [${q(name)}, ${q(value)}]`;
    }
    headers += '\n    ]';
  }
  let json =
    `{\n  "request": {\n    "method": ${q(r.method)},\n    "target": ${q(r.target)},` +
    `\n    "httpVersion": ${q(r.httpVersion)},\n    "headers": ${headers},` +
    `\n    "remoteAddress": ${q(r.remoteAddress)},\n    "bodySize": ${q(r.bodySize)}\n  },` +
    `\n  "status": ${statusPartJson(d.status)},` +
    `\n  "interim": ${d.interim.length === 0 ? '[]' : nestedJson(d.interim)},` +
    `\n  "notes": ${d.notes.length === 0 ? '[]' : nestedJson(d.notes)}`;
  if (d.requested !== undefined) json += `,\n  "requested": ${q(d.requested)}`;
  if (d.delayMs !== undefined) json += `,\n  "delayMs": ${q(d.delayMs)}`;
  return `${json}\n}\n`;
}

/** Renders the diagnostic in a negotiated format. Every piece of request data is escaped in HTML. */
export function renderDiagnostic(d: Diagnostic, format: DiagnosticFormat): string {
  if (format === 'json') return renderJson(d);
  if (format === 'text') return textLines(d).join('\n') + '\n';
  const e = escapeHtml;
  const rows = d.request.headers
    .map(([name, value]) => `<tr><th>${e(name)}</th><td>${e(value)}</td></tr>`)
    .join('');
  const list = (items: string[]) =>
    items.length === 0 ? '' : `<ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`;
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    `<title>${e(`${d.status.code} ${d.status.reason}`)} · Switchyard</title></head><body>` +
    `<h1>${e(`${d.status.code} ${d.status.reason}`)}</h1>` +
    `<p>${e(d.status.summary)}</p>` +
    `<p>${e(d.status.class)}${d.status.registered ? '' : ' · not registered'} · ` +
    `<a href="${e(d.status.link)}">${e(d.status.section)}</a> · ` +
    `<a href="${e(d.status.page)}">catalog</a></p>` +
    list(d.interim.map((i) => `interim ${i.code} ${i.reason}`)) +
    list(d.notes) +
    `<h2>Request</h2><p><code>${e(`${d.request.method} ${d.request.target} ${d.request.httpVersion}`)}</code></p>` +
    `<table>${rows}</table>` +
    `<p>remote address ${e(d.request.remoteAddress ?? 'unknown')} · body ` +
    `${d.request.bodySize === null ? 'not read' : `${d.request.bodySize} bytes`}</p>` +
    '</body></html>\n'
  );
}
