/**
 * Redaction of credentials before an exchange is stored or shared. Values are replaced by
 * {@link REDACTED} and every replacement is listed in `exchange.redactions`, so a reader knows
 * a field was there and was hidden (never silently dropped).
 */
import { bytesToLatin1, decodeBase64, encodeBase64, latin1ToBytes } from './base64.js';
import {
  REDACTED,
  type Exchange,
  type HeaderList,
  type Redaction,
  type RedactionLocation,
} from './exchange.js';
import { headOffsets } from './head-offsets.js';

/** What to redact. Names are compared case-insensitively (RFC 9110 §5.1). */
export interface RedactOptions {
  /** Header fields whose values are credentials. */
  headers?: readonly string[];
  /** Query parameters whose values are credentials. */
  queryParams?: readonly string[];
}

/**
 * Default: RFC 9110 §11.6.2/§11.7.2 credentials, RFC 6265 cookies, and the query values that
 * carry credentials: `token` and `ticket` (both accepted by Switchyard's `/ws/auth`; a ticket is
 * still valid when the handshake failed before it was spent) and `access_token` (RFC 6750 §2.3).
 */
export const DEFAULT_REDACT_HEADERS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
] as const;
export const DEFAULT_REDACT_QUERY = ['token', 'ticket', 'access_token'] as const;

/** Shortest credential value also scrubbed from previews and notes. */
const MIN_SECRET = 3;

interface Rules {
  headers: Set<string>;
  query: Set<string>;
}

function rulesOf(options: RedactOptions): Rules {
  return {
    headers: new Set((options.headers ?? DEFAULT_REDACT_HEADERS).map((h) => h.toLowerCase())),
    query: new Set((options.queryParams ?? DEFAULT_REDACT_QUERY).map((q) => q.toLowerCase())),
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Replaces credential query values in a request-target; returns the names redacted. */
export function redactTarget(
  target: string,
  options: RedactOptions = {},
): { target: string; names: string[]; values: string[] } {
  const rules = rulesOf(options);
  const q = target.indexOf('?');
  if (q < 0) return { target, names: [], values: [] };
  const names: string[] = [];
  const values: string[] = [];
  const parts = target
    .slice(q + 1)
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      const rawName = eq < 0 ? part : part.slice(0, eq);
      const name = safeDecode(rawName);
      if (eq < 0 || !rules.query.has(name.toLowerCase()) || part.slice(eq + 1) === REDACTED) {
        return part;
      }
      names.push(name);
      values.push(part.slice(eq + 1), safeDecode(part.slice(eq + 1)));
      return `${rawName}=${REDACTED}`;
    });
  return { target: `${target.slice(0, q + 1)}${parts.join('&')}`, names, values };
}

function redactHeaders(
  headers: HeaderList,
  rules: Rules,
  location: RedactionLocation,
  out: Redaction[],
  secrets: Set<string>,
  interimIndex?: number,
): HeaderList {
  return headers.map(([name, value], index): [string, string] => {
    if (!rules.headers.has(name.toLowerCase()) || value === REDACTED) return [name, value];
    secrets.add(value.trim());
    out.push(
      interimIndex === undefined
        ? { location, name, index }
        : { location, name, index: interimIndex },
    );
    return [name, REDACTED];
  });
}

/** Rewrites a raw head (base64) with the same rules; returns undefined when nothing changed. */
function redactRaw(
  rawBase64: string,
  rules: Rules,
  isRequest: boolean,
  options: RedactOptions,
): string | undefined {
  const bytes = decodeBase64(rawBase64);
  if (!bytes) return undefined;
  const offsets = headOffsets(bytes);
  const text = bytesToLatin1(bytes);
  let out = '';
  let cursor = 0;
  let changed = false;
  if (isRequest) {
    const line = text.slice(offsets.startLine.start, offsets.startLine.end);
    const parts = line.split(' ');
    if (parts.length >= 2) {
      const red = redactTarget(parts[1]!, options);
      if (red.names.length > 0) {
        parts[1] = red.target;
        out += text.slice(0, offsets.startLine.start) + parts.join(' ');
        cursor = offsets.startLine.end;
        changed = true;
      }
    }
  }
  for (const range of offsets.headers) {
    const line = text.slice(range.start, range.end);
    const colon = line.indexOf(':');
    if (colon < 0 || !rules.headers.has(line.slice(0, colon).trim().toLowerCase())) continue;
    if (line.slice(colon + 1).trim() === REDACTED) continue;
    const valueStart =
      colon + 1 + (line.slice(colon + 1).length - line.slice(colon + 1).trimStart().length);
    out += text.slice(cursor, range.start) + line.slice(0, valueStart) + REDACTED;
    cursor = range.end;
    changed = true;
  }
  if (!changed) return undefined;
  out += text.slice(cursor);
  return encodeBase64(latin1ToBytes(out));
}

/**
 * Returns a copy of `exchange` with credentials replaced by {@link REDACTED} in request,
 * interim and response headers, the request-target's query, the raw heads and the decoded
 * fields of HTTP/2 frames (their DATA payloads are scrubbed like body previews); each
 * replacement is appended to `redactions`. Idempotent: already-redacted values are skipped.
 */
export function redactExchange(exchange: Exchange, options: RedactOptions = {}): Exchange {
  const rules = rulesOf(options);
  const redactions: Redaction[] = [...exchange.redactions];
  const secrets = new Set<string>();
  const request = { ...exchange.request };
  const target = redactTarget(request.target, options);
  request.target = target.target;
  for (const name of target.names) redactions.push({ location: 'query', name });
  for (const value of target.values) secrets.add(value);
  request.headers = redactHeaders(request.headers, rules, 'request-header', redactions, secrets);
  if (request.raw !== undefined) {
    const raw = redactRaw(request.raw, rules, true, options);
    if (raw !== undefined) {
      request.raw = raw;
      if (request.offsets) request.offsets = headOffsets(decodeBase64(raw)!);
      redactions.push({ location: 'request-raw', name: 'raw' });
    }
  }
  const interim = exchange.interim.map((r, i) => ({
    ...r,
    headers: redactHeaders(r.headers, rules, 'interim-header', redactions, secrets, i),
  }));
  let response = exchange.response;
  if (response) {
    response = { ...response };
    response.headers = redactHeaders(
      response.headers,
      rules,
      'response-header',
      redactions,
      secrets,
    );
    if (response.raw !== undefined) {
      const raw = redactRaw(response.raw, rules, false, options);
      if (raw !== undefined) {
        response.raw = raw;
        if (response.offsets) response.offsets = headOffsets(decodeBase64(raw)!);
        redactions.push({ location: 'response-raw', name: 'raw' });
      }
    }
  }
  const result: Exchange = { ...exchange, request, interim, redactions };
  if (response) result.response = response;
  // HTTP/2 (issue 8): the decoded fields of HEADERS frames carry the same credentials.
  let frames = exchange.http2?.frames;
  if (exchange.http2 && frames) {
    frames = frames.map((frame) => {
      if (!frame.headers) return frame;
      const found: Redaction[] = [];
      const headers = redactHeaders(frame.headers, rules, 'http2-header', found, secrets);
      if (found.length === 0) return frame;
      for (const r of found) redactions.push({ ...r, index: frame.seq });
      return { ...frame, headers };
    });
    result.http2 = { ...exchange.http2, frames };
  }
  // The same credentials echoed elsewhere (e.g. a diagnostic body listing the request's
  // fields) are scrubbed too. Values shorter than MIN_SECRET are left alone: too likely to hit
  // unrelated text.
  const list = [...secrets].filter((v) => v.length >= MIN_SECRET && v !== REDACTED);
  if (list.length > 0) {
    const scrub = (text: string) => list.reduce((t, v) => t.split(v).join(REDACTED), text);
    for (const key of ['requestBody', 'responseBody'] as const) {
      const body = result[key];
      if (body.preview === undefined || body.previewEncoding === 'base64') continue;
      const clean = scrub(body.preview);
      if (clean === body.preview) continue;
      result[key] = { ...body, preview: clean };
      redactions.push({
        location: key === 'requestBody' ? 'request-body' : 'response-body',
        name: 'preview',
      });
    }
    if (result.http2) {
      const http2 = result.http2;
      http2.frames = http2.frames.map((frame) => {
        if (frame.payload === undefined || frame.typeName !== 'DATA') return frame;
        const bytes = decodeBase64(frame.payload);
        if (!bytes) return frame;
        const text = bytesToLatin1(bytes);
        const clean = scrub(text);
        if (clean === text) return frame;
        redactions.push({ location: 'http2-payload', name: 'payload', index: frame.seq });
        return { ...frame, payload: encodeBase64(latin1ToBytes(clean)) };
      });
    }
    result.notes = result.notes.map((note, index) => {
      const clean = scrub(note.text);
      if (clean === note.text) return note;
      redactions.push({ location: 'note', name: 'text', index });
      return { ...note, text: clean };
    });
  }
  return result;
}

/**
 * A copy of `headers` with credential values replaced by {@link REDACTED}, without recording
 * anything (for live events, where the full exchange is redacted later).
 */
export function redactHeaderList(headers: HeaderList, options: RedactOptions = {}): HeaderList {
  const rules = rulesOf(options);
  return headers.map(([name, value]): [string, string] =>
    rules.headers.has(name.toLowerCase()) ? [name, REDACTED] : [name, value],
  );
}
