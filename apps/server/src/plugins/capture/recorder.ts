/**
 * One exchange being captured. Features get it as `request.capture` (the narrow contract in
 * `capture-api.ts`) or from `app.captures.begin()` / `app.captures.of(request)` (this full
 * API), report what they see, and call `finish()`; the recorder applies the per-exchange caps,
 * stamps times (µs since the start, monotonic), publishes live events and, on finish, hands the
 * record to its sink, which redacts credentials, lints and stores it in a batch.
 */
import {
  EXCHANGE_SCHEMA_VERSION,
  emptyBody,
  frameToJson,
  redactHeaderList,
  redactTarget,
  summarize,
  type Address,
  type BodyCapture,
  type CloseInfo,
  type Exchange,
  type ExchangeKind,
  type HeaderList,
  type ResponseHead,
  type WebSocketCapture,
} from '@switchyard/exchange';
import { headOffsets } from '@switchyard/exchange';
import type { FrameRecord } from '@switchyard/protocol';
import type { CaptureHandle } from '../capture-api.js';
import type { LiveBus } from '../bus.js';

/** Per-exchange limits (config `CAPTURE_MAX_FRAMES`, `CAPTURE_MAX_BYTES`). */
export interface CaptureLimits {
  maxFrames: number;
  maxBytes: number;
  previewBytes: number;
}

/** What starts an exchange. */
export interface BeginOptions {
  kind: ExchangeKind;
  /** Route pattern or path of the endpoint (e.g. `/ws/faulty/:fault`). */
  endpoint: string;
  method: string;
  target: string;
  /** Without the `HTTP/` prefix, e.g. `1.1`. */
  httpVersion: string;
  /** Fields in wire order: pairs, or Node's flat `rawHeaders` list. */
  headers: HeaderList | readonly string[];
  /** Exact bytes of the request head, when the endpoint read the socket itself. */
  raw?: Uint8Array;
  client?: Address;
  server?: Address;
}

/** The full capture API of one exchange (a superset of the route contract). */
export interface ExchangeCapture extends CaptureHandle {
  readonly id: string;
  readonly finished: boolean;
  /** µs since the exchange started. */
  now(): number;
  /** The exact request head bytes (replaces the parsed head's `raw`). */
  requestRaw(raw: Uint8Array): void;
  /** Request content seen so far (counted; the first bytes kept as a preview). */
  requestBody(chunk: Uint8Array): void;
  /** The final response head, when written without Node's ServerResponse (101, faults). */
  response(
    head: Omit<ResponseHead, 'httpVersion' | 'raw' | 'offsets'> & {
      httpVersion?: string;
      raw?: Uint8Array;
    },
  ): void;
  /** Response content bytes written outside Node's ServerResponse. */
  responseBody(chunk: Uint8Array): void;
  /** The connection switched to WebSocket (marks `timings.upgrade`). */
  upgraded(info: { subprotocol: string | null; extensions: string }): void;
  /** One WebSocket frame from the dissector; its time is stamped now. Caps apply. */
  frame(record: FrameRecord): void;
  /** How the WebSocket connection ended (RFC 6455 §7.1.4-§7.1.5). */
  close(info: Omit<CloseInfo, 'time'> & { time?: number }): void;
  /** Ends the exchange and queues it for storage (idempotent). */
  finish(): void;
  /** The exchange as captured so far (not yet redacted). */
  snapshot(): Exchange;
}

/** Where a finished exchange goes. */
export interface RecorderSink {
  bus?: LiveBus;
  /**
   * Takes the finished exchange, as captured (not yet redacted nor linted): the recorder hands
   * its record over and never touches it again. The sink redacts, lints and stores it later,
   * off the response path (see `capture/finisher.ts`).
   */
  finished(exchange: Exchange): void;
}

function toPairs(headers: HeaderList | readonly string[]): HeaderList {
  if (headers.length === 0 || Array.isArray(headers[0]))
    return (headers as HeaderList).map(([n, v]) => [n, v]);
  const flat = headers as readonly string[];
  const out: HeaderList = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

function header(headers: HeaderList, name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

const base64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export class ExchangeRecorder implements ExchangeCapture {
  readonly id: string;
  private readonly startHr: bigint;
  private readonly exchange: Exchange;
  private readonly requestTap: BodyTapLike;
  private readonly responseTap: BodyTapLike;
  private storedBytes = 0;
  private done = false;
  private capNoted = false;

  constructor(
    id: string,
    options: BeginOptions,
    private readonly limits: CaptureLimits,
    private readonly sink: RecorderSink,
    makeTap: (limit: number) => BodyTapLike,
  ) {
    this.id = id;
    this.startHr = process.hrtime.bigint();
    // Wall clock with sub-ms resolution: the time origin plus the monotonic clock.
    const startUs = Math.round((performance.timeOrigin + performance.now()) * 1000);
    this.requestTap = makeTap(limits.previewBytes);
    this.responseTap = makeTap(limits.previewBytes);
    this.exchange = {
      schemaVersion: EXCHANGE_SCHEMA_VERSION,
      id,
      createdAt: new Date(Math.floor(startUs / 1000)).toISOString(),
      kind: options.kind,
      endpoint: options.endpoint,
      source: 'capture',
      request: {
        method: options.method,
        target: options.target,
        httpVersion: options.httpVersion,
        headers: toPairs(options.headers),
      },
      interim: [],
      requestBody: emptyBody(),
      responseBody: emptyBody(),
      timings: { start: startUs },
      notes: [],
      redactions: [],
      findings: [],
    };
    if (options.client) this.exchange.client = options.client;
    if (options.server) this.exchange.server = options.server;
    if (options.raw) this.requestRaw(options.raw);
    if (this.sink.bus?.active) {
      const summary = summarize(this.exchange);
      summary.target = redactTarget(summary.target).target;
      this.sink.bus.publish({ type: 'begin', id, summary });
    }
  }

  get finished(): boolean {
    return this.done;
  }

  /** True once a final response head was recorded. */
  get hasResponse(): boolean {
    return this.exchange.response !== undefined;
  }

  /** True once the connection switched protocols (101 recorded or `upgraded()` called). */
  get isUpgraded(): boolean {
    return this.exchange.timings.upgrade !== undefined;
  }

  /** Marks the request head as complete now (routes: Node parsed it before any hook ran). */
  markRequestHead(): void {
    this.exchange.timings.requestHead ??= this.now();
  }

  now(): number {
    return Number((process.hrtime.bigint() - this.startHr) / 1000n);
  }

  private firstByte(): void {
    this.exchange.timings.firstByte ??= this.now();
  }

  requestRaw(raw: Uint8Array): void {
    if (this.done) return;
    this.exchange.request.raw = base64(raw);
    this.exchange.request.offsets = headOffsets(raw);
  }

  requestBody(chunk: Uint8Array): void {
    if (!this.done) this.requestTap.add(chunk);
  }

  interim(status: number, reason: string, headers: [string, string][]): void {
    if (this.done) return;
    this.firstByte();
    const interim = {
      status,
      reason,
      headers: headers.map(([n, v]): [string, string] => [n, v]),
      time: this.now(),
    };
    this.exchange.interim.push(interim);
    (this.exchange.timings.interim ??= []).push(interim.time);
    if (this.sink.bus?.active) {
      const headers = redactHeaderList(interim.headers);
      this.sink.bus.publish({ type: 'interim', id: this.id, interim: { ...interim, headers } });
    }
  }

  note(text: string): void {
    if (this.done) return;
    const note = { time: this.now(), text };
    this.exchange.notes.push(note);
    if (this.sink.bus?.active) this.sink.bus.publish({ type: 'note', id: this.id, note });
  }

  response(head: Parameters<ExchangeCapture['response']>[0]): void {
    if (this.done) return;
    this.firstByte();
    const { raw, ...rest } = head;
    const response: ResponseHead = {
      ...rest,
      httpVersion: head.httpVersion ?? '1.1',
      headers: head.headers.map(([n, v]): [string, string] => [n, v]),
    };
    if (raw) {
      response.raw = base64(raw);
      response.offsets = headOffsets(raw);
    }
    this.setResponse(response);
  }

  /** Records the final head (used by the plugin with the head Node wrote). */
  setResponse(response: ResponseHead): void {
    if (this.done) return;
    this.exchange.response = response;
    if (response.status === 101) this.exchange.timings.upgrade ??= this.now();
    if (this.sink.bus?.active) {
      // Live events carry redacted fields (the raw head only in the stored, redacted record).
      const { raw: _raw, offsets: _offsets, ...head } = response;
      const headers = redactHeaderList(head.headers);
      this.sink.bus.publish({ type: 'response', id: this.id, response: { ...head, headers } });
    }
  }

  /** Marks the first byte of the response (the plugin calls it when Node writes the head). */
  markFirstByte(): void {
    this.firstByte();
  }

  responseBody(chunk: Uint8Array): void {
    if (!this.done) this.responseTap.add(chunk);
  }

  private ws(): WebSocketCapture {
    if (!this.exchange.websocket) {
      this.exchange.kind = 'websocket';
      this.exchange.websocket = {
        subprotocol: null,
        extensions: '',
        frames: [],
        framesSeen: { clientToServer: 0, serverToClient: 0 },
        truncation: {
          maxFrames: this.limits.maxFrames,
          maxBytes: this.limits.maxBytes,
          framesDropped: 0,
          bytesDropped: 0,
          framesCut: 0,
        },
      };
    }
    return this.exchange.websocket;
  }

  upgraded(info: { subprotocol: string | null; extensions: string }): void {
    if (this.done) return;
    const ws = this.ws();
    ws.subprotocol = info.subprotocol;
    ws.extensions = info.extensions;
    this.exchange.timings.upgrade ??= this.now();
    if (this.sink.bus?.active) this.sink.bus.publish({ type: 'upgrade', id: this.id, ...info });
  }

  frame(record: FrameRecord): void {
    if (this.done) return;
    const ws = this.ws();
    if (record.direction === 'client-to-server') ws.framesSeen.clientToServer++;
    else ws.framesSeen.serverToClient++;
    const t = ws.truncation;
    const bytes = record.payload.length + (record.inflated?.length ?? 0);
    if (ws.frames.length >= this.limits.maxFrames) {
      // Frame cap reached: count what is dropped, never drop silently.
      t.framesDropped++;
      t.bytesDropped += bytes;
      t.firstDroppedSeq ??= record.seq;
      this.publishTruncation();
      return;
    }
    // Byte cap: the payload is kept first, then the inflated message, within what is left.
    const budget = Math.max(0, this.limits.maxBytes - this.storedBytes);
    const inflated = record.inflated;
    const payloadKeep = Math.min(record.payload.length, budget);
    const inflatedKeep = Math.min(inflated?.length ?? 0, budget - payloadKeep);
    const json = frameToJson(
      {
        ...record,
        payload: record.payload.subarray(0, payloadKeep),
        inflated: inflated?.subarray(0, inflatedKeep),
      },
      { time: this.now(), encode: base64 },
    );
    if (json.inflated === undefined) delete json.inflated;
    if (inflated && inflatedKeep < inflated.length) json.inflatedTruncated = true;
    const cut = bytes - payloadKeep - inflatedKeep;
    if (cut > 0) {
      t.framesCut++;
      t.bytesDropped += cut;
      this.publishTruncation();
    }
    this.storedBytes += payloadKeep + inflatedKeep;
    ws.frames.push(json);
    if (this.sink.bus?.active) this.sink.bus.publish({ type: 'frame', id: this.id, frame: json });
  }

  private publishTruncation(): void {
    const t = this.exchange.websocket!.truncation;
    if (!this.capNoted)
      this.note(
        `capture cap reached (${t.maxFrames} frames, ${t.maxBytes} bytes): later data is counted, not stored`,
      );
    this.capNoted = true;
    if (this.sink.bus?.active) {
      this.sink.bus.publish({
        type: 'truncated',
        id: this.id,
        framesDropped: t.framesDropped,
        bytesDropped: t.bytesDropped,
      });
    }
  }

  close(info: Omit<CloseInfo, 'time'> & { time?: number }): void {
    if (this.done) return;
    const close: CloseInfo = { ...info, time: info.time ?? this.now() };
    this.ws().close = close;
    if (this.sink.bus?.active) this.sink.bus.publish({ type: 'close', id: this.id, close });
  }

  snapshot(): Exchange {
    const ex = structuredClone(this.exchange);
    if (!this.done) this.fillBodies(ex);
    return ex;
  }

  private fillBodies(ex: Exchange): void {
    ex.requestBody = this.requestTap.result(header(ex.request.headers, 'content-type'));
    ex.responseBody = this.responseTap.result(
      ex.response && header(ex.response.headers, 'content-type'),
    );
  }

  /**
   * Ends the exchange and hands it to the sink. Cheap on purpose (it runs on the response
   * path): no copy is made, since after `done` no method writes to the record again; redaction,
   * lint and serialisation happen in the sink's batch.
   */
  finish(): void {
    if (this.done) return;
    this.exchange.timings.end = this.now();
    this.fillBodies(this.exchange);
    this.done = true;
    this.sink.finished(this.exchange);
    if (this.sink.bus?.active) {
      // The same summary the stored (redacted) record gives: only the target can differ.
      const summary = summarize(this.exchange);
      summary.target = redactTarget(summary.target).target;
      this.sink.bus.publish({ type: 'end', id: this.id, summary });
    }
  }
}

/** What the recorder needs from a body tap (see preview.ts). */
export interface BodyTapLike {
  add(chunk: Uint8Array): void;
  result(mimeType?: string): BodyCapture;
}
