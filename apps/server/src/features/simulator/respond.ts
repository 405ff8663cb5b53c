/**
 * The final response: status line with the right reason phrase, the headers the status needs,
 * the options' extra headers, and the diagnostic (or custom) content where content is allowed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { buildDiagnostic, renderDiagnostic } from './diagnostic.js';
import { FORMAT_TYPES, negotiateFormat } from './negotiate.js';
import type { SimPlan } from './plan.js';
import { contentRange, parseRange, SAMPLE } from './ranges.js';
import { defaultHeaders, needsOrigin, originOf } from './required-headers.js';
import type { StatusInfo } from './status-info.js';
import { upgradedRequestHead } from './upgrade.js';
import { isConnectionSpecific } from '../h2c/response-guard.js';

export interface FinalResponse {
  info: StatusInfo;
  /** Headers set before the options are applied (e.g. the 426's Upgrade list). */
  headers?: [string, string][];
  /**
   * The connection cannot be kept: content left unread (RFC 9110 §10.1.1), or a socket Node's
   * parser let go of on 'upgrade' (see upgrade.ts). A request that is not persistent (RFC 9112
   * §9.3, §9.6) is closed as well, whatever this says.
   */
  close?: boolean;
}

const SAMPLE_BYTES = Buffer.from(SAMPLE, 'latin1');

/** Whether the Connection field lists the `upgrade` option (RFC 9110 §7.6.1). */
export function connectionHasUpgrade(connection: string | undefined): boolean {
  return connection !== undefined && /(^|,)\s*upgrade\s*(,|$)/i.test(connection);
}

/** Sends the final response for `plan`. */
export function sendFinal(
  request: FastifyRequest,
  reply: FastifyReply,
  plan: SimPlan,
  final: FinalResponse,
): FastifyReply {
  const { info } = final;
  const { options } = plan;
  const raw = request.raw;
  const notes = plan.notes;

  // Field name (lower case) → [name as sent, values].
  const fields = new Map<string, [string, string[]]>();
  const set = (name: string, value: string) => fields.set(name.toLowerCase(), [name, [value]]);
  set('Cache-Control', 'no-store');
  // The origin (Host and scheme) only matters to the statuses whose defaults are absolute URLs.
  const origin = needsOrigin(info) ? requestOrigin(request) : '';
  for (const [name, value] of defaultHeaders(info, { origin, method: request.method })) {
    set(name, value);
  }
  for (const [name, value] of final.headers ?? []) set(name, value);

  // RFC 9113 §8.2.2: no connection-specific field goes out over HTTP/2; say so in the notes
  // (the diagnostic is rendered below) rather than let the response guard drop them silently.
  const http2Dropped = raw.httpVersionMajor === 2 ? noteHttp2Drops(info, fields, plan, notes) : [];

  let body: string | Buffer | undefined;
  let contentType: string | undefined;
  if (info.code === 206) {
    // RFC 9110 §15.3.7: a 206 carries the selected range(s) with Content-Range.
    const source = options.body !== undefined ? Buffer.from(options.body) : SAMPLE_BYTES;
    const range = parseRange(raw.headers.range, source.length);
    let selected = { start: 0, end: Math.min(99, source.length - 1) };
    if (range.kind === 'satisfiable') {
      selected = range.ranges[0]!;
      if (range.ranges.length > 1) {
        notes.push(
          'Several ranges requested: only the first is sent, as a single part (RFC 9110 §14.2).',
        );
      }
    } else if (range.kind === 'none') {
      notes.push('No Range in the request: the first 100 bytes are sent.');
    } else {
      notes.push(`Range ${range.kind} (RFC 9110 §14.2): the first 100 bytes are sent instead.`);
    }
    // A non-empty source: makePlan answers 400 to a 206 with an empty body (RFC 9110 §14.1.1).
    body = source.subarray(selected.start, selected.end + 1);
    contentType = options.contentType ?? 'text/plain; charset=utf-8';
    set('Content-Range', contentRange(selected, source.length));
    set('Accept-Ranges', 'bytes');
  } else if (options.body !== undefined) {
    body = options.body;
    contentType = options.contentType ?? 'text/plain; charset=utf-8';
  } else {
    const format = negotiateFormat(raw.headers.accept);
    const sent = upgradedRequestHead(raw);
    body = renderDiagnostic(
      buildDiagnostic({
        // RFC 9110 §8.6: a HEAD response's Content-Length must equal what GET would send, so the
        // (unsent) content is the GET one.
        method: request.method === 'HEAD' ? 'GET' : request.method,
        // Stream 1 of an h2c upgrade shows the HTTP/1.1 head the client sent (RFC 7540 §3.2).
        target: sent?.target ?? raw.url ?? '',
        httpVersion: sent?.httpVersion ?? raw.httpVersion,
        // Over HTTP/2 the method is also the :method pseudo-header the diagnostic lists.
        rawHeaders:
          sent?.rawHeaders ??
          (request.method === 'HEAD' && raw.httpVersionMajor === 2
            ? headPseudoAsGet(raw.rawHeaders)
            : raw.rawHeaders),
        remoteAddress: raw.socket?.remoteAddress,
        bodySize: (request.body as { size: number | null } | undefined)?.size ?? null,
        info,
        interim: plan.interim,
        notes,
        requested: plan.pathCode,
        delayMs: options.delayMs,
      }),
      format,
    );
    contentType = FORMAT_TYPES[format];
    set('Vary', 'Accept');
  }

  // RFC 9110 §15.3.5, §15.3.6, §15.4.5: no content in 204, 205, 304; §9.3.2: none for HEAD.
  if (!info.contentAllowed) {
    body = undefined;
    contentType = undefined;
    // RFC 9110 §15.4.5: a 304 MUST carry the Vary a 200 to the same request would have (caches
    // use it to match the stored response), so it stays. A 204 or 205 has no representation
    // whose selection Accept could have influenced (§12.5.5), so none is sent there.
    if (info.code !== 304) fields.delete('vary');
  }
  if (contentType !== undefined) set('Content-Type', contentType);

  // The options come last: each replaces the default of the same name; repeats accumulate.
  const fromOptions = new Set<string>();
  for (const [name, value] of options.headers) {
    const lower = name.toLowerCase();
    const existing = fields.get(lower);
    if (fromOptions.has(lower) && existing) existing[1].push(value);
    else fields.set(lower, [name, [value]]);
    fromOptions.add(lower);
  }
  for (const lower of options.remove) fields.delete(lower);
  for (const lower of http2Dropped) fields.delete(lower);
  if (options.body !== undefined && body !== undefined) guardUserContent(fields, notes);

  // RFC 9110 §7.8: a sender of Upgrade MUST also send the "upgrade" connection option. Setting
  // Connection ourselves takes the decision to keep the connection from Node, so the response
  // must carry it: see connectionWithUpgrade.
  if (fields.has('upgrade')) {
    reply.header('Connection', connectionWithUpgrade(request, reply, final.close === true));
  } else if (final.close && request.raw.httpVersion !== '2.0') {
    // RFC 9113 §8.2.2: no Connection field in HTTP/2 (the stream ends, not the connection).
    reply.header('Connection', 'close');
  }
  for (const [name, values] of fields.values()) {
    // Link is a list (RFC 8288 §3): keep what other plugins put there (the capture's share link).
    const before = name.toLowerCase() === 'link' ? reply.getHeader('link') : undefined;
    const all = before === undefined ? values : [...[before].flat().map(String), ...values];
    reply.header(name, all.length === 1 ? all[0]! : all);
  }

  for (const note of notes) request.capture?.note(note);
  // RFC 9113 §8.3.2: HTTP/2 has no reason phrase (Node's compat layer warns and ignores it).
  if (raw.httpVersionMajor !== 2) reply.raw.statusMessage = info.reason;
  reply.code(info.code);
  if (body === undefined) return reply.send();
  // HEAD: Fastify sets Content-Length from the content and Node writes none of it (RFC 9110
  // §9.3.2: the same header fields as GET, no content).
  return reply.send(body);
}

/**
 * Content from `?body=` is the user's, served from the origin that also serves the UI and the
 * captures: `?body=<script>…&content_type=text/html` must not run as this origin (a reflected
 * XSS on a shared instance). CSP's `sandbox` directive (CSP Level 3) gives such a document an
 * opaque origin and no scripts, and `nosniff` (Fetch) keeps a text/plain body from being read
 * as HTML. They come after the options, so no option removes them; a Content-Security-Policy
 * of the user's is sent too, as its own field line (every policy sent is enforced).
 */
function guardUserContent(fields: Map<string, [string, string[]]>, notes: string[]): void {
  const csp = fields.get('content-security-policy');
  if (csp) csp[1].push('sandbox');
  else fields.set('content-security-policy', ['Content-Security-Policy', ['sandbox']]);
  if (!fields.has('x-content-type-options')) {
    fields.set('x-content-type-options', ['X-Content-Type-Options', ['nosniff']]);
  }
  notes.push(
    'The content is yours, served from this origin: Content-Security-Policy: sandbox and X-Content-Type-Options: nosniff are added so that it cannot run as this origin.',
  );
}

/**
 * The origin for absolute defaults (Location): `scheme://authority` of the target URI. Over
 * HTTP/2 the authority is `:authority` (RFC 9113 §8.3.1: it stands in for Host, and a client
 * generating an HTTP/2 request MUST use it instead) and the scheme is `:scheme`, so that both
 * protocols give the same absolute URL for the same target.
 */
function requestOrigin(request: FastifyRequest): string {
  const headers = request.raw.headers;
  if (request.raw.httpVersionMajor === 2) {
    const authority = headers[':authority'];
    const scheme = headers[':scheme'];
    return originOf(
      typeof authority === 'string' ? authority : headers.host,
      scheme === 'http' || scheme === 'https' ? scheme : request.protocol,
    );
  }
  return originOf(headers.host, request.protocol);
}

/**
 * An HTTP/2 HEAD request's fields with `:method: HEAD` read as GET: the diagnostic of a HEAD
 * response is the GET one, so that Content-Length is what GET would send (RFC 9110 §8.6,
 * §9.3.2), as it is over HTTP/1.1 where the method appears only on the request line.
 */
function headPseudoAsGet(rawHeaders: readonly string[]): string[] {
  const out = [...rawHeaders];
  for (let i = 0; i + 1 < out.length; i += 2) {
    if (out[i] === ':method') out[i + 1] = 'GET';
  }
  return out;
}

/**
 * The Connection value of an HTTP/1.x response that carries Upgrade. Node's own persistence
 * decision (`shouldKeepAlive`, from the request's version and Connection field) is only applied
 * when Node writes Connection itself; a response-set Connection without "close" makes Node keep
 * the connection. So:
 * - RFC 9112 §9.6: a request with "close" (and RFC 9112 §9.3: an HTTP/1.0 request without
 *   keep-alive) is not persistent: the server MUST close after the response and SHOULD send
 *   "close"; likewise when this response must end the connection (`close`: content left unread,
 *   or a socket Node no longer parses).
 * - RFC 9112 §9.3 / Appendix C.2.2: an HTTP/1.0 client that asked for keep-alive is told the
 *   connection persists with the keep-alive option, as Node would have done.
 */
function connectionWithUpgrade(
  request: FastifyRequest,
  reply: FastifyReply,
  close: boolean,
): string {
  const res = reply.raw as FastifyReply['raw'] & { maxRequestsOnConnectionReached?: boolean };
  const persistent =
    !close && res.shouldKeepAlive !== false && res.maxRequestsOnConnectionReached !== true;
  if (!persistent) return 'Upgrade, close';
  return request.raw.httpVersion === '1.0' ? 'Upgrade, keep-alive' : 'Upgrade';
}

/**
 * Notes the fields an HTTP/2 response cannot carry (RFC 9113 §8.2.2: connection-specific), from
 * the status's defaults and the options alike. A 426 loses the Upgrade field RFC 9110 §15.5.22
 * requires of it: over HTTP/2 it cannot name the protocol to switch to (RFC 9113 §8.6). Returns
 * the (lower-case) names, for the caller to leave out.
 */
function noteHttp2Drops(
  info: StatusInfo,
  fields: Map<string, [string, string[]]>,
  plan: SimPlan,
  notes: string[],
): string[] {
  const dropped = new Map<string, string>();
  for (const [lower, [name, values]] of fields) {
    if (isConnectionSpecific(lower, values[0])) dropped.set(lower, name);
  }
  for (const [name, value] of plan.options.headers) {
    if (isConnectionSpecific(name, value)) dropped.set(name.toLowerCase(), name);
  }
  for (const lower of plan.options.remove) dropped.delete(lower);
  if (dropped.size === 0) return [];
  const names = [...dropped.values()].join(', ');
  notes.push(
    `Not sent over HTTP/2: ${names} (connection-specific fields are not allowed, RFC 9113 §8.2.2).`,
  );
  if (info.code === 426 && dropped.has('upgrade')) {
    notes.push(
      '426 over HTTP/2 cannot name the protocol to switch to: RFC 9110 §15.5.22 requires Upgrade, which HTTP/2 does not have (RFC 9113 §8.6). Ask over HTTP/1.1 to see the full 426.',
    );
  }
  return [...dropped.keys()];
}
