/**
 * One request over one connection: write the composed bytes exactly, read interim and final
 * heads (RFC 9110 §15.2: any number of 1xx before the final response), then either continue as
 * a WebSocket client after a valid 101, or read the body (HTTP inspection mode).
 */
import type { Socket } from 'node:net';
import type {
  ComposedRequestHead,
  DeflateParams,
  ResponseHead as ParsedResponse,
} from '@switchyard/protocol';
import {
  HeadParser,
  concatBytes,
  serializeRequestHead,
  validateServerResponse,
} from '@switchyard/protocol';
import type { BodyCapture, InterimResponse, ResponseHead } from '@switchyard/exchange';
import { EXCHANGE_SCHEMA_VERSION, emptyBody, encodeBase64 } from '@switchyard/exchange';
import { BodyReader, responseFraming } from './body-reader.js';
import { probeNotes } from './probe-notes.js';
import type { Clock } from './clock.js';
import type { ConnectFn, TlsSettings } from './connect.js';
import { openFirst, type OpenSocket } from './connect.js';
import { parseIp } from './ip-address.js';
import type { ProbeConnectError } from './errors.js';
import { offeredFromHeaders, offersWebSocket } from './handshake-offer.js';
import { cachingReport } from './inspect.js';
import type { ResolvedAddress, Refusal } from './policy.js';
import { fieldValues } from '@switchyard/protocol';
import { recordRequest, recordResponse } from './record.js';
import type { TargetUrl } from './target-url.js';
import type {
  ProbeDetails,
  ProbeEvent,
  ProbeExchange,
  ProbeOutcome,
  ProbeTimeouts,
  TlsInfo,
} from './types.js';
import { WsSession } from './ws-session.js';

/** Settings shared by every hop of a probe. */
export interface HopSettings {
  connect: ConnectFn;
  timeouts: ProbeTimeouts;
  randomBytes: (n: number) => Uint8Array;
  clock: Clock;
  autoPong: boolean;
  failOnProtocolError: boolean;
  maxFrames: number;
  maxBytes: number;
  maxBodyBytes: number;
  tls: Omit<TlsSettings, 'servername'>;
  newId: () => string;
}

/** What one hop sends and where. */
export interface HopPlan {
  index: number;
  url: TargetUrl;
  head: ComposedRequestHead;
  body: Uint8Array;
  address: ResolvedAddress;
  /** Allowed addresses in order; the next is tried when a connect fails (not on a timeout). */
  allowed: ResolvedAddress[];
  resolved: ResolvedAddress[];
  refused: Refusal[];
  /** Exchange start: wall µs and monotonic µs. */
  startWall: number;
  startMono: number;
  /** DNS done, µs since start (absent for an IP literal). */
  dnsAt?: number;
}

/** Bytes of received data kept in `probe.receivedBase64` (the heads, and a little more). */
const MAX_RECEIVED_KEPT = 65_536;

/** A running hop. */
export class Hop {
  /** Settles once the final head arrived or the hop ended without one. */
  readonly ready: Promise<void>;
  /** Settles when the connection is closed and the exchange complete. */
  readonly done: Promise<ProbeExchange>;
  session: WsSession | undefined;
  outcome: ProbeOutcome = 'closed-before-response';
  error: string | undefined;
  connectError: ProbeConnectError | undefined;

  private readonly id: string;
  private readonly sentBytes: Uint8Array;
  private readonly received: Uint8Array[] = [];
  private receivedKept = 0;
  private socket: Socket | undefined;
  private parser = new HeadParser<ParsedResponse>('response');
  private headBytes: Uint8Array[] = [];
  private readonly interim: InterimResponse[] = [];
  private response: ResponseHead | undefined;
  private body: BodyReader | undefined;
  private requestBody: BodyCapture = emptyBody();
  private readonly details: Omit<ProbeDetails, 'outcome' | 'sentBase64' | 'receivedBase64'>;
  private handshake: ProbeDetails['handshake'];
  private tlsInfo: TlsInfo | undefined;
  private local: { address: string; port: number; family?: 'IPv4' | 'IPv6' } | undefined;
  private remote: { address: string; port: number; family?: 'IPv4' | 'IPv6' } | undefined;
  private headTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private markReady!: () => void;
  private markDone!: (e: ProbeExchange) => void;
  private finished = false;

  constructor(
    private readonly plan: HopPlan,
    private readonly settings: HopSettings,
    private readonly emit: (event: ProbeEvent) => void,
  ) {
    this.id = settings.newId();
    this.sentBytes = concatBytes([serializeRequestHead(plan.head), plan.body]);
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.done = new Promise((resolve) => (this.markDone = resolve));
    this.details = {
      url: plan.url.href,
      hostname: plan.url.hostname,
      port: plan.url.port,
      resolved: plan.resolved,
      address: plan.address,
      refused: plan.refused,
      timings: plan.dnsAt === undefined ? {} : { dns: plan.dnsAt },
    };
    if (plan.body.length > 0) {
      const reader = new BodyReader({ kind: 'until-close' }, 4096);
      reader.push(plan.body);
      reader.closed();
      this.requestBody = reader.capture();
    }
  }

  /** µs since the exchange start. */
  private now(): number {
    return this.settings.clock.monoMicros() - this.plan.startMono;
  }

  /** Connects and sends; rejects with ProbeConnectError when the connection cannot be made. */
  async start(): Promise<void> {
    const { plan, settings } = this;
    const tls: TlsSettings | undefined = plan.url.secure
      ? {
          ...settings.tls,
          // RFC 6066 §3: literal IPv4 and IPv6 addresses are not permitted in SNI.
          ...(parseIp(plan.url.hostname) !== undefined ? {} : { servername: plan.url.hostname }),
        }
      : undefined;
    let open: OpenSocket & { address: ResolvedAddress };
    try {
      open = await openFirst(
        settings.connect,
        plan.allowed.length > 0 ? plan.allowed : [plan.address],
        plan.url.port,
        tls,
        settings.timeouts.connectMs,
        () => this.now(),
      );
    } catch (error) {
      const failure = error as ProbeConnectError;
      this.connectError = failure;
      this.outcome = failure.timedOut ? 'timeout' : 'error';
      this.error = failure.message;
      this.markReady();
      throw failure;
    }
    this.details.address = open.address;
    const { socket } = open;
    this.socket = socket;
    this.details.timings.connect = open.connectedAt;
    if (open.tlsAt !== undefined) this.details.timings.tls = open.tlsAt;
    if (open.tls !== undefined) this.tlsInfo = open.tls;
    this.local = addressOf(socket.localAddress, socket.localPort, socket.localFamily);
    this.remote = addressOf(socket.remoteAddress, socket.remotePort, socket.remoteFamily);
    this.emit({
      type: 'connected',
      hop: plan.index,
      address: this.details.address,
      ...(open.tls ? { tls: open.tls } : {}),
    });
    socket.on('data', (chunk: Buffer) =>
      this.onData(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)),
    );
    socket.on('close', () => this.onClose());
    socket.on('error', (error) => {
      this.error ??= error.message;
    });
    socket.on('end', () => {
      if (this.session === undefined && !socket.destroyed) socket.end();
    });
    socket.write(this.sentBytes);
    this.details.timings.sent = this.now();
    this.emit({ type: 'sent', hop: plan.index, bytesBase64: encodeBase64(this.sentBytes) });
    this.headTimer = setTimeout(() => {
      this.outcome = 'timeout';
      this.error = `no final response head within ${settings.timeouts.headMs} ms`;
      socket.destroy();
    }, settings.timeouts.headMs);
  }

  /** Ends the hop now (abrupt close). */
  abort(): void {
    if (this.socket === undefined) this.finish();
    else this.socket.destroy();
  }

  private keepReceived(bytes: Uint8Array): void {
    if (this.receivedKept >= MAX_RECEIVED_KEPT) return;
    const part = bytes.subarray(0, MAX_RECEIVED_KEPT - this.receivedKept).slice();
    this.received.push(part);
    this.receivedKept += part.length;
  }

  private onData(bytes: Uint8Array): void {
    this.details.timings.firstByte ??= this.now();
    if (this.session !== undefined) {
      this.session.receive(bytes);
      return;
    }
    if (this.body !== undefined) {
      this.touchBody();
      if (this.body.push(bytes)) this.endSoon();
      return;
    }
    this.keepReceived(bytes);
    let chunk = bytes;
    // Bounded: each round either consumes a whole head from `chunk` or waits for more bytes.
    for (let round = 0; round < 1000 && chunk.length > 0 && this.response === undefined; round++) {
      this.headBytes.push(chunk);
      const result = this.parser.push(chunk);
      if (result.state === 'need-more') return;
      if (result.state === 'rejected') {
        this.outcome = 'invalid-response';
        this.error = `invalid response head: ${result.rejection.finding.message}`;
        this.socket?.destroy();
        return;
      }
      const all = concatBytes(this.headBytes);
      const raw = all.subarray(0, result.head.consumed);
      chunk = result.rest;
      this.headBytes = [];
      this.parser = new HeadParser<ParsedResponse>('response');
      const recorded = recordResponse(result.head, raw);
      // RFC 9110 §15.2: a 1xx other than 101 is interim; the final response follows.
      if (result.head.status >= 100 && result.head.status < 200 && result.head.status !== 101) {
        const interim: InterimResponse = {
          status: recorded.status,
          reason: recorded.reason,
          headers: recorded.headers,
          time: this.now(),
        };
        this.interim.push(interim);
        this.emit({ type: 'interim', hop: this.plan.index, interim });
        continue;
      }
      this.onFinalHead(recorded, chunk);
      return;
    }
  }

  private onFinalHead(response: ResponseHead, rest: Uint8Array): void {
    clearTimeout(this.headTimer);
    this.response = response;
    this.emit({ type: 'response', hop: this.plan.index, response });
    const sent = recordRequest(this.plan.head, serializeRequestHead(this.plan.head)).headers;
    const websocketOffer = offersWebSocket(sent);
    if (websocketOffer) {
      const offered = offeredFromHeaders(sent);
      const check = validateServerResponse(
        { status: response.status, headers: response.headers },
        offered,
      );
      this.handshake = {
        ok: check.ok,
        findings: check.findings,
        expectedAccept: check.expectedAccept,
      };
      this.emit({
        type: 'handshake',
        hop: this.plan.index,
        ok: check.ok,
        findings: check.findings,
      });
      if (response.status === 101) {
        this.details.timings.upgrade = this.now();
        if (!check.ok) {
          // RFC 6455 §4.1: the client MUST _Fail the WebSocket Connection_.
          this.outcome = 'handshake-failed';
          this.markReady();
          this.socket?.destroy();
          return;
        }
        this.outcome = 'upgraded';
        this.startSession(check.deflate, rest);
        this.markReady();
        return;
      }
      this.outcome = 'handshake-failed';
    } else {
      this.outcome = 'response';
      if (response.status === 101) {
        // A switch to a protocol the probe does not speak (e.g. h2c): record and close.
        this.details.timings.upgrade = this.now();
        this.error = `101 to ${fieldValues(response.headers, 'upgrade').join(', ') || '(no Upgrade)'}: not followed`;
        this.markReady();
        this.socket?.destroy();
        return;
      }
    }
    this.details.cache = cachingReport(response.headers);
    this.readBody(response, rest);
    this.markReady();
  }

  private readBody(response: ResponseHead, rest: Uint8Array): void {
    const framing = responseFraming(
      this.plan.head.method ?? 'GET',
      response.status,
      response.headers,
    );
    const mime = fieldValues(response.headers, 'content-type')[0];
    this.body = new BodyReader(framing, this.settings.maxBodyBytes, mime);
    this.touchBody();
    if (this.body.push(rest) || this.body.complete) this.endSoon();
  }

  /** The response is complete: close our side, and the socket within `closeMs` at the latest. */
  private endSoon(): void {
    clearTimeout(this.idleTimer);
    this.socket?.end();
    this.idleTimer = setTimeout(() => this.socket?.destroy(), this.settings.timeouts.closeMs);
  }

  private touchBody(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.error ??= `body idle for ${this.settings.timeouts.idleMs} ms`;
      this.socket?.destroy();
    }, this.settings.timeouts.idleMs);
  }

  private startSession(deflate: DeflateParams | undefined, rest: Uint8Array): void {
    const socket = this.socket!;
    socket.removeAllListeners('end');
    this.session = new WsSession({
      socket,
      now: () => this.now(),
      randomBytes: this.settings.randomBytes,
      autoPong: this.settings.autoPong,
      failOnProtocolError: this.settings.failOnProtocolError,
      ...(deflate ? { deflate } : {}),
      idleMs: this.settings.timeouts.idleMs,
      closeMs: this.settings.timeouts.closeMs,
      maxFrames: this.settings.maxFrames,
      maxBytes: this.settings.maxBytes,
      onFrame: (frame) => this.emit({ type: 'frame', hop: this.plan.index, frame }),
      onTruncated: (truncation) =>
        this.emit({ type: 'truncated', hop: this.plan.index, truncation }),
      onEnd: () => undefined,
    });
    this.session.receive(rest);
  }

  private onClose(): void {
    this.session?.finish();
    clearTimeout(this.headTimer);
    clearTimeout(this.idleTimer);
    if (
      this.response === undefined &&
      this.outcome === 'closed-before-response' &&
      this.receivedKept > 0
    ) {
      this.outcome = 'invalid-response';
      this.error ??= 'the connection closed in the middle of the response head';
    }
    if (this.body !== undefined) {
      this.body.closed();
      if (this.body.error !== undefined) this.error ??= this.body.error;
    }
    this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.details.timings.end = this.now();
    this.markReady();
    const exchange = this.snapshot();
    this.emit({
      type: 'closed',
      hop: this.plan.index,
      outcome: this.outcome,
      ...(exchange.websocket?.close ? { close: exchange.websocket.close } : {}),
    });
    this.markDone(exchange);
  }

  /** The exchange as recorded so far. */
  snapshot(): ProbeExchange {
    const details: ProbeDetails = {
      ...this.details,
      timings: { ...this.details.timings },
      outcome: this.outcome,
      sentBase64: encodeBase64(this.sentBytes),
      receivedBase64: encodeBase64(concatBytes(this.received)),
    };
    if (this.error !== undefined) details.error = this.error;
    if (this.tlsInfo !== undefined) details.tls = this.tlsInfo;
    if (this.handshake !== undefined) details.handshake = this.handshake;
    const t = this.details.timings;
    const exchange: ProbeExchange = {
      schemaVersion: EXCHANGE_SCHEMA_VERSION,
      id: this.id,
      createdAt: new Date(this.plan.startWall / 1000).toISOString(),
      kind: 'probe',
      endpoint: this.plan.url.href,
      source: 'capture',
      request: recordRequest(this.plan.head, serializeRequestHead(this.plan.head)),
      interim: [...this.interim],
      requestBody: this.requestBody,
      responseBody: this.body?.capture() ?? emptyBody(),
      timings: { start: this.plan.startWall },
      notes: probeNotes(details),
      redactions: [],
      findings: [],
      probe: details,
    };
    if (t.sent !== undefined) exchange.timings.requestHead = t.sent;
    if (t.firstByte !== undefined) exchange.timings.firstByte = t.firstByte;
    if (this.interim.length > 0) exchange.timings.interim = this.interim.map((i) => i.time);
    if (t.upgrade !== undefined) exchange.timings.upgrade = t.upgrade;
    if (t.end !== undefined) exchange.timings.end = t.end;
    if (this.local !== undefined) exchange.client = this.local;
    if (this.remote !== undefined) exchange.server = this.remote;
    if (this.response !== undefined) exchange.response = this.response;
    if (this.session !== undefined && this.response !== undefined) {
      exchange.websocket = this.session.capture(this.response.headers);
    }
    return exchange;
  }
}

function addressOf(
  address: string | undefined,
  port: number | undefined,
  family: string | undefined,
) {
  if (address === undefined || port === undefined) return undefined;
  const out: { address: string; port: number; family?: 'IPv4' | 'IPv6' } = { address, port };
  if (family === 'IPv4' || family === 'IPv6') out.family = family;
  return out;
}
