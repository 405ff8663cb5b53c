/**
 * The probe: resolve and check the target once, connect to the checked address, send the exact
 * composed request, record everything, and (after a 101) act as a WebSocket client; in HTTP
 * inspection mode follow redirects (each hop re-checked by the policy) and run an optional CORS
 * preflight. Progress is emitted as `'event'` ({@link ProbeEvent}) for live display.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { ComposedRequestHead } from '@switchyard/protocol';
import { encodeUtf8 } from '@switchyard/protocol';
import { newShareId } from '@switchyard/exchange';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { ConnectFn } from './connect.js';
import { defaultConnect } from './connect.js';
import { defaultHeaders } from './default-headers.js';
import { ProbeConnectError, ProbeRefusedError } from './errors.js';
import type { HopSettings } from './hop.js';
import { Hop } from './hop.js';
import { corsVerdict, nonSafelistedHeaders } from './inspect.js';
import type { CompiledPolicy, Refusal, Resolver, TargetPolicy } from './policy.js';
import { compilePolicy, resolveAndCheck, systemResolver } from './policy.js';
import { fieldValues } from '@switchyard/protocol';
import { nextHop } from './redirect.js';
import type { TargetUrl } from './target-url.js';
import { parseTargetUrl } from './target-url.js';
import type {
  ProbeEvent,
  ProbeExchange,
  ProbeRequest,
  ProbeResult,
  ProbeTimeouts,
  SendAction,
  SendResult,
} from './types.js';
import { DEFAULT_TIMEOUTS, MAX_TIMEOUTS } from './types.js';

/** How to run a probe. Every field is optional. */
export interface ProbeOptions {
  /** Target policy; default `{ mode: 'local' }`. */
  policy?: TargetPolicy | CompiledPolicy;
  /** Name resolver; default the system's (getaddrinfo). Tests inject one. */
  resolver?: Resolver;
  /** Socket factory; default node:net / node:tls. Tests spy on it. */
  connect?: ConnectFn;
  /** CSPRNG for mask keys and the default Sec-WebSocket-Key; default crypto.randomBytes. */
  randomBytes?: (n: number) => Uint8Array;
  clock?: Clock;
  timeouts?: Partial<ProbeTimeouts>;
  /** Answer pings automatically (default true). */
  autoPong?: boolean;
  /** Fail the WebSocket connection when the server breaks RFC 6455 (default true). */
  failOnProtocolError?: boolean;
  /** Redirects to follow in HTTP inspection mode (default 0, at most 10). */
  followRedirects?: number;
  /** Run a CORS preflight (OPTIONS) for this Origin too. */
  corsOrigin?: string;
  tls?: { rejectUnauthorized?: boolean; alpn?: string[]; ca?: string | string[] };
  /** Frames stored per exchange (default 10 000) and payload bytes (default 1 MiB). */
  maxFrames?: number;
  maxBytes?: number;
  /** Response body bytes kept as a preview (default 64 KiB). */
  maxBodyBytes?: number;
  /** Exchange ids; default share ids (144 random bits). */
  newId?: () => string;
}

function clampTimeouts(t: Partial<ProbeTimeouts> | undefined): ProbeTimeouts {
  const out = { ...DEFAULT_TIMEOUTS };
  for (const key of Object.keys(DEFAULT_TIMEOUTS) as (keyof ProbeTimeouts)[]) {
    const v = t?.[key];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0)
      out[key] = Math.min(v, MAX_TIMEOUTS[key]);
  }
  return out;
}

function isCompiled(p: TargetPolicy | CompiledPolicy): p is CompiledPolicy {
  return 'allowCidrs' in p;
}

/** Events kept in `Probe.history`. */
export const MAX_HISTORY = 10_000;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A running probe. */
export class Probe extends EventEmitter {
  /** Settles when the probe has finished (all hops, the preflight); never rejects. */
  readonly result: Promise<ProbeResult>;
  private current: Hop;
  private readonly hops: Hop[] = [];
  private finished = false;
  private stopped = false;
  private readonly deadline: NodeJS.Timeout;

  /** @internal use {@link startProbe}. */
  constructor(
    first: Hop,
    private readonly ctx: ProbeContext,
  ) {
    super();
    this.current = first;
    this.hops.push(first);
    this.deadline = setTimeout(() => this.abort(), ctx.settings.timeouts.maxDurationMs);
    this.result = this.run();
  }

  /** Settles once the first hop's final head arrived (or the hop ended without one). */
  get ready(): Promise<void> {
    return this.hops[0]!.ready;
  }

  /** The first hop's exchange as recorded so far. */
  snapshot(): ProbeExchange {
    return this.hops[0]!.snapshot();
  }

  /** True while a WebSocket connection is open. */
  get open(): boolean {
    const s = this.current.session;
    return s !== undefined && !s.ended;
  }

  /** True once everything has finished. */
  get done(): boolean {
    return this.finished;
  }

  /** Sends a frame on the open WebSocket (see {@link SendAction}). */
  send(action: SendAction): SendResult {
    const s = this.current.session;
    if (s === undefined)
      return { ok: false, reason: 'no WebSocket connection is open', findings: [] };
    return s.send(action);
  }

  /** Starts a clean close (RFC 6455 §7.1.2), or ends an HTTP hop. */
  close(code?: number, reason?: string): SendResult {
    const s = this.current.session;
    if (s === undefined) {
      this.current.abort();
      return { ok: false, reason: 'no WebSocket connection is open', findings: [] };
    }
    return s.closeCleanly(code, reason);
  }

  /** Drops the connection now (no closing handshake); no further hop is started. */
  abort(): void {
    this.stopped = true;
    this.current.abort();
  }

  /** Events so far, oldest first (the first {@link MAX_HISTORY}; later ones are only emitted). */
  readonly history: ProbeEvent[] = [];

  /** @internal records and emits an event. */
  record(e: ProbeEvent): void {
    if (this.history.length < MAX_HISTORY) this.history.push(e);
    this.emit('event', e);
  }

  private event(e: ProbeEvent): void {
    this.record(e);
  }

  private async run(): Promise<ProbeResult> {
    const first = await this.current.done;
    let exchange = first;
    const later: ProbeExchange[] = [];
    let url = this.ctx.url;
    let head = this.ctx.head;
    let body = this.ctx.body;
    // Bounded by followRedirects (at most 10).
    for (let n = 0; n < this.ctx.followRedirects; n++) {
      const status = exchange.response?.status ?? 0;
      if (this.stopped || url.websocket || !REDIRECTS.has(status)) break;
      const location = fieldValues(exchange.response!.headers, 'location')[0];
      if (location === undefined) break;
      const next = nextHop(url, head, body, status, location);
      exchange.probe.redirect = { status, location };
      if (typeof next === 'string') {
        exchange.probe.redirect.stopped = next;
        break;
      }
      exchange.probe.redirect.next = next.url.href;
      const hop = await this.ctx.plan(later.length + 1, next.url, next.head, next.body);
      if ('refusals' in hop) {
        exchange.probe.redirect.stopped = hop.refusals[0]?.reason ?? 'refused';
        this.event({ type: 'refused', hop: later.length + 1, refusals: hop.refusals });
        break;
      }
      this.current = hop;
      this.hops.push(hop);
      try {
        await hop.start();
      } catch {
        // Recorded on the hop (outcome error/timeout).
      }
      exchange = await hop.done;
      later.push(exchange);
      ({ url, head, body } = next);
    }
    const result: ProbeResult = { exchange: first, hops: later };
    if (this.ctx.corsOrigin !== undefined && !this.stopped)
      result.cors = await this.preflight(this.ctx.corsOrigin);
    clearTimeout(this.deadline);
    this.finished = true;
    this.event({ type: 'end', result });
    return result;
  }

  /** Fetch standard CORS-preflight request: OPTIONS with Origin and Access-Control-Request-*. */
  private async preflight(origin: string): Promise<NonNullable<ProbeResult['cors']>> {
    const { url, head } = this.ctx;
    const method = head.method ?? 'GET';
    const names = head.headers.flatMap((l) =>
      Array.isArray(l) ? [l[0] as string] : 'name' in l ? [l.name] : [],
    );
    const requestHeaders = nonSafelistedHeaders(names);
    const lines: [string, string][] = [
      ['Host', url.authority],
      ['Origin', origin],
      ['Access-Control-Request-Method', method],
    ];
    if (requestHeaders.length > 0)
      lines.push(['Access-Control-Request-Headers', requestHeaders.join(',')]);
    const pre: ComposedRequestHead = { method: 'OPTIONS', target: url.path, headers: lines };
    const hop = await this.ctx.plan(-1, url, pre, new Uint8Array(0));
    if ('refusals' in hop) {
      return { report: corsVerdict(origin, method, requestHeaders, undefined) };
    }
    this.current = hop;
    try {
      await hop.start();
    } catch {
      // Recorded on the hop.
    }
    const exchange = await hop.done;
    const report = corsVerdict(origin, method, requestHeaders, exchange.response);
    return { exchange, report };
  }
}

/** What every hop of a probe shares. */
interface ProbeContext {
  settings: HopSettings;
  url: TargetUrl;
  head: ComposedRequestHead;
  body: Uint8Array;
  followRedirects: number;
  corsOrigin?: string;
  /** Resolves, checks and prepares a hop (not started); or the refusals. */
  plan(
    index: number,
    url: TargetUrl,
    head: ComposedRequestHead,
    body: Uint8Array,
  ): Promise<Hop | { refusals: Refusal[] }>;
}

/**
 * Starts a probe. Rejects with {@link ProbeInputError} on a bad URL, {@link ProbeRefusedError}
 * when the policy refuses every address (no socket is created), or `ProbeConnectError` when the
 * connection cannot be made. Otherwise resolves once the request is written.
 */
export async function startProbe(
  request: ProbeRequest,
  options: ProbeOptions = {},
): Promise<Probe> {
  const url = parseTargetUrl(request.url);
  const policy = isCompiled(options.policy ?? { mode: 'local' })
    ? (options.policy as CompiledPolicy)
    : compilePolicy((options.policy as TargetPolicy | undefined) ?? { mode: 'local' });
  const randomBytes = options.randomBytes ?? ((n: number) => new Uint8Array(nodeRandomBytes(n)));
  const clock = options.clock ?? systemClock;
  const resolver = options.resolver ?? systemResolver;
  const followRedirects = Math.max(0, Math.min(10, Math.floor(options.followRedirects ?? 0)));
  const body =
    request.body === undefined
      ? new Uint8Array(0)
      : typeof request.body === 'string'
        ? encodeUtf8(request.body)
        : request.body;
  const head: ComposedRequestHead = {
    method: request.method ?? 'GET',
    target: request.target ?? url.path,
    version: request.version ?? 'HTTP/1.1',
    headers: request.headers ?? defaultHeaders(url, randomBytes(16), { bodyLength: body.length }),
  };
  if (request.startLine !== undefined) head.startLine = request.startLine;
  const settings: HopSettings = {
    connect: options.connect ?? defaultConnect,
    timeouts: clampTimeouts(options.timeouts),
    randomBytes,
    clock,
    autoPong: options.autoPong ?? true,
    failOnProtocolError: options.failOnProtocolError ?? true,
    maxFrames: options.maxFrames ?? 10_000,
    maxBytes: options.maxBytes ?? 1_048_576,
    maxBodyBytes: options.maxBodyBytes ?? 65_536,
    tls: {
      alpn: options.tls?.alpn ?? ['http/1.1'],
      rejectUnauthorized: options.tls?.rejectUnauthorized ?? true,
      ...(options.tls?.ca !== undefined ? { ca: options.tls.ca } : {}),
    },
    newId: options.newId ?? (() => newShareId(randomBytes)),
  };
  // Events of the first hop's connect come before the Probe exists: buffered, then replayed.
  const sink: { probe?: Probe } = {};
  const early: ProbeEvent[] = [];
  const emit = (e: ProbeEvent) => {
    if (sink.probe === undefined) early.push(e);
    else sink.probe.record(e);
  };
  const plan: ProbeContext['plan'] = async (index, hopUrl, hopHead, hopBody) => {
    const startWall = clock.wallMicros();
    const startMono = clock.monoMicros();
    const check = await withTimeout(
      resolveAndCheck(policy, hopUrl.hostname, resolver),
      settings.timeouts.connectMs,
      `resolving ${hopUrl.hostname}`,
    );
    if (!check.ok) return { refusals: check.refusals };
    const dnsAt =
      check.resolved.length === 1 && check.resolved[0]!.address === hopUrl.hostname
        ? undefined
        : clock.monoMicros() - startMono;
    return new Hop(
      {
        index,
        url: hopUrl,
        head: hopHead,
        body: hopBody,
        address: check.address,
        allowed: check.allowed,
        resolved: check.resolved,
        refused: check.refused,
        startWall,
        startMono,
        ...(dnsAt !== undefined ? { dnsAt } : {}),
      },
      settings,
      emit,
    );
  };
  const first = await plan(0, url, head, body);
  if ('refusals' in first) throw new ProbeRefusedError(url.hostname, first.refusals);
  const ctx: ProbeContext = { settings, url, head, body, followRedirects, plan };
  if (options.corsOrigin !== undefined) ctx.corsOrigin = options.corsOrigin;
  await first.start();
  const probe = new Probe(first, ctx);
  sink.probe = probe;
  for (const e of early) probe.record(e);
  return probe;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new ProbeConnectError(`${what} timed out after ${ms} ms`, 'dns', true)),
      ms,
    );
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        const message = e instanceof Error ? e.message : String(e);
        reject(new ProbeConnectError(`${what} failed: ${message}`, 'dns', false));
      },
    );
  });
}
