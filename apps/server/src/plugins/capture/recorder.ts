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
  redactHeaderList,
  redactTarget,
  summarize,
  type BodyCapture,
  type CloseInfo,
  type Exchange,
  type HeaderList,
  type ResponseHead,
  type WebSocketCapture,
} from '@switchyard/exchange';
import { headOffsets } from '@switchyard/exchange';
import type { FrameRecord } from '@switchyard/protocol';
import { FrameLog } from './frame-log.js';
import { base64, header, toPairs } from './record-fields.js';
import type {
  BeginOptions,
  BodyTapLike,
  CaptureLimits,
  ExchangeCapture,
  Http2Source,
  RecorderSink,
  RequestHeadAsSent,
} from './recorder-api.js';

export type {
  BeginOptions,
  BodyTapLike,
  CaptureLimits,
  ExchangeCapture,
  Http2Source,
  RecorderSink,
} from './recorder-api.js';
import { useWireResponseHead } from './http2-heads.js';

/**
 * The body capture of a tap, or of a body no byte was seen of: what an empty tap reports
 * (`size` 0, not truncated, `mimeType` when given) without making one (most captured exchanges,
 * every WebSocket handshake among them, have no request or response content).
 */
function bodyOf(tap: BodyTapLike | undefined, mimeType: string | undefined): BodyCapture {
  if (tap) return tap.result(mimeType);
  const body = emptyBody();
  if (mimeType) body.mimeType = mimeType;
  return body;
}

/**
 * Placeholders of an exchange's empty lists and bodies while it is captured (most stay empty:
 * one shared frozen value instead of a new array or object per exchange, issue 4 bench:
 * resident memory per idle connection). A list is replaced by its own array on first use, and
 * `build()` replaces whatever is left before the record leaves the recorder.
 */
const NO_ITEMS = Object.freeze([]) as unknown as never[];
const NO_BODY: BodyCapture = Object.freeze(emptyBody()) as BodyCapture;

export class ExchangeRecorder implements ExchangeCapture {
  readonly id: string;
  /** `performance.now()` at the start (ms, monotonic). */
  private readonly startMs: number;
  private readonly exchange: Exchange;
  /** The frames, compact until the JSON form is asked for (see frame-log.ts). */
  private frames: FrameLog | undefined;
  // Made with the first body byte; request headers kept as given (Node's flat `rawHeaders`,
  // which the request holds anyway) and raw heads as bytes, until the record is built: an
  // idle WebSocket connection holds little (issue 4 bench: resident memory per connection).
  private requestTap: BodyTapLike | undefined;
  private responseTap: BodyTapLike | undefined;
  private requestHeaders: HeaderList | readonly string[] | undefined;
  private requestRawBytes: Uint8Array | undefined;
  private responseRawBytes: Uint8Array | string | undefined;
  private responseHeaders: readonly string[] | undefined;
  private storedBytes = 0;
  private done = false;
  private capNoted = false;
  private http2Source: Http2Source | undefined;
  /** Set from `finish()` until the exchange is handed over once its HTTP/2 stream closed. */
  private waitingForStream: (() => void) | undefined;

  constructor(
    id: string,
    options: BeginOptions,
    private readonly limits: CaptureLimits,
    private readonly sink: RecorderSink,
    private readonly makeTap: (limit: number) => BodyTapLike,
  ) {
    this.id = id;
    this.startMs = performance.now();
    // Wall clock with sub-ms resolution: the time origin plus the monotonic clock.
    const startUs = Math.round((performance.timeOrigin + this.startMs) * 1000);
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
        headers: NO_ITEMS,
      },
      interim: NO_ITEMS,
      requestBody: NO_BODY,
      responseBody: NO_BODY,
      timings: { start: startUs },
      notes: NO_ITEMS,
      redactions: NO_ITEMS,
      findings: NO_ITEMS,
    };
    this.requestHeaders = options.headers;
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
    // performance.now() is monotonic with sub-µs resolution (and cheaper than hrtime.bigint).
    return Math.floor((performance.now() - this.startMs) * 1000);
  }

  private firstByte(): void {
    this.exchange.timings.firstByte ??= this.now();
  }

  requestRaw(raw: Uint8Array): void {
    if (this.done) return;
    // Encoded when the record is built.
    this.requestRawBytes = raw;
  }

  requestHead(head: RequestHeadAsSent): void {
    if (this.done) return;
    const request = this.exchange.request;
    request.method = head.method;
    request.target = head.target;
    request.httpVersion = head.httpVersion;
    this.requestHeaders = head.rawHeaders;
  }

  requestBody(chunk: Uint8Array): void {
    if (!this.done) (this.requestTap ??= this.makeTap(this.limits.previewBytes)).add(chunk);
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
    if (this.exchange.interim === NO_ITEMS) this.exchange.interim = [];
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
    if (this.exchange.notes === NO_ITEMS) this.exchange.notes = [];
    this.exchange.notes.push(note);
    if (this.sink.bus?.active) this.sink.bus.publish({ type: 'note', id: this.id, note });
  }

  response(head: Parameters<ExchangeCapture['response']>[0]): void {
    if (this.done) return;
    this.firstByte();
    const headers = head.headers;
    // Fields kept as one flat list until the record is built (one array, not one per field).
    const flat: string[] = new Array<string>(headers.length * 2);
    for (let i = 0; i < headers.length; i++) {
      const field = headers[i]!;
      flat[2 * i] = field[0];
      flat[2 * i + 1] = field[1];
    }
    // The head's fields named one by one, in the record's order (no rest/spread copies: this
    // runs once per captured handshake).
    this.setResponse(
      {
        status: head.status,
        reason: head.reason,
        headers: NO_ITEMS,
        httpVersion: head.httpVersion ?? '1.1',
      },
      headers,
    );
    this.responseHeaders = flat;
    // Encoded when the record is built (the bytes are the caller's to give away).
    if (head.raw) this.responseRawBytes = head.raw;
  }

  /**
   * Records the final head (used by the plugin with the head Node wrote). `liveHeaders`: the
   * fields to publish, when `response.headers` is filled only later.
   */
  setResponse(response: ResponseHead, liveHeaders: HeaderList = response.headers): void {
    if (this.done) return;
    this.exchange.response = response;
    this.responseHeaders = undefined;
    this.responseRawBytes = undefined;
    if (response.status === 101) this.exchange.timings.upgrade ??= this.now();
    if (this.sink.bus?.active) {
      // Live events carry redacted fields (the raw head only in the stored, redacted record).
      const { raw: _raw, offsets: _offsets, ...head } = response;
      const headers = redactHeaderList(liveHeaders);
      this.sink.bus.publish({ type: 'response', id: this.id, response: { ...head, headers } });
    }
  }

  /** Marks the first byte of the response (the plugin calls it when Node writes the head). */
  markFirstByte(): void {
    this.firstByte();
  }

  responseBody(chunk: Uint8Array): void {
    if (!this.done) (this.responseTap ??= this.makeTap(this.limits.previewBytes)).add(chunk);
  }

  private ws(): WebSocketCapture {
    if (!this.exchange.websocket) {
      this.exchange.kind = 'websocket';
      this.exchange.websocket = {
        subprotocol: null,
        extensions: '',
        frames: NO_ITEMS,
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
    const inflated = record.inflated;
    // The declared length: the dissector may have kept fewer bytes than that (payloadBudget).
    const bytes = Math.max(record.payloadLength, record.payload.length) + (inflated?.length ?? 0);
    const log = (this.frames ??= new FrameLog(this.limits.maxBytes));
    if (log.length >= this.limits.maxFrames) {
      // Frame cap reached: count what is dropped, never drop silently.
      t.framesDropped++;
      t.bytesDropped += bytes;
      t.firstDroppedSeq ??= record.seq;
      this.publishTruncation();
      return;
    }
    // Byte cap: the payload is kept first, then the inflated message, within what is left.
    const budget = Math.max(0, this.limits.maxBytes - this.storedBytes);
    const payloadKeep = Math.min(record.payload.length, budget);
    const inflatedKeep = Math.min(inflated?.length ?? 0, budget - payloadKeep);
    const index = log.add(record, this.now(), payloadKeep, inflatedKeep);
    const cut = bytes - payloadKeep - inflatedKeep;
    this.storedBytes += payloadKeep + inflatedKeep;
    if (cut > 0) {
      log.markCut(index);
      t.framesCut++;
      t.bytesDropped += cut;
      this.publishTruncation();
    }
    if (this.sink.bus?.active) {
      this.sink.bus.publish({ type: 'frame', id: this.id, frame: log.toJson(index) });
    }
  }

  payloadBudget(): number {
    if (this.done || (this.frames?.length ?? 0) >= this.limits.maxFrames) return 0;
    return Math.max(0, this.limits.maxBytes - this.storedBytes);
  }

  inflated(firstSeq: number, inflated: Uint8Array): void {
    if (this.done || !this.exchange.websocket) return;
    const t = this.exchange.websocket.truncation;
    const index = this.frames?.indexOf(firstSeq) ?? -1;
    if (index < 0) {
      // The first frame was dropped by the frame cap: its message is counted as dropped too.
      if (t.firstDroppedSeq !== undefined && firstSeq >= t.firstDroppedSeq) {
        t.bytesDropped += inflated.length;
      }
      return;
    }
    const log = this.frames!;
    if (log.hasInflated(index)) return;
    const keep = Math.min(inflated.length, Math.max(0, this.limits.maxBytes - this.storedBytes));
    log.setInflated(index, inflated, keep);
    this.storedBytes += keep;
    if (keep < inflated.length) {
      if (!log.isCut(index)) t.framesCut++;
      log.markCut(index);
      t.bytesDropped += inflated.length - keep;
      this.publishTruncation();
    }
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

  attachHttp2(source: Http2Source): void {
    if (!this.done) this.http2Source = source;
  }

  snapshot(): Exchange {
    const ex = structuredClone(this.exchange);
    if (!this.done) this.build(ex);
    return ex;
  }

  /** Completes `ex` (the record or its copy) with what is kept compact while capturing. */
  private build(ex: Exchange): void {
    // The shared placeholders never leave the recorder: the record gets arrays of its own.
    const own = <T>(list: T[]): T[] => (list === NO_ITEMS ? [] : list);
    ex.interim = own(ex.interim);
    ex.notes = own(ex.notes);
    ex.redactions = own(ex.redactions);
    ex.findings = own(ex.findings);
    ex.request.headers = own(ex.request.headers);
    if (ex.response) ex.response.headers = own(ex.response.headers);
    if (ex.websocket) ex.websocket.frames = own(ex.websocket.frames);
    if (this.requestHeaders) ex.request.headers = toPairs(this.requestHeaders);
    const requestRaw = this.requestRawBytes;
    if (requestRaw) {
      ex.request.raw = base64(requestRaw);
      ex.request.offsets = headOffsets(requestRaw);
    }
    if (this.responseHeaders && ex.response) ex.response.headers = toPairs(this.responseHeaders);
    const responseRaw = this.responseRawBytes;
    if (responseRaw !== undefined && ex.response) {
      const bytes =
        typeof responseRaw === 'string' ? Buffer.from(responseRaw, 'latin1') : responseRaw;
      ex.response.raw = base64(bytes);
      ex.response.offsets = headOffsets(bytes);
    }
    ex.requestBody = bodyOf(this.requestTap, header(ex.request.headers, 'content-type'));
    ex.responseBody = bodyOf(
      this.responseTap,
      ex.response && header(ex.response.headers, 'content-type'),
    );
    if (ex.websocket && this.frames) ex.websocket.frames = this.frames.toJsonList();
  }

  /**
   * Ends the exchange and hands it to the sink. Cheap on purpose (it runs on the response
   * path): no copy is made, since after `done` no method writes to the record again; redaction,
   * lint and serialisation happen in the sink's batch. The one cost here is the frames' JSON
   * form, built once from the compact log.
   */
  finish(): void {
    if (this.done) return;
    this.exchange.timings.end = this.now();
    this.build(this.exchange);
    this.frames = undefined;
    this.requestHeaders = undefined;
    this.requestRawBytes = undefined;
    this.responseRawBytes = undefined;
    this.responseHeaders = undefined;
    this.done = true;
    const h2 = this.http2Source;
    if (h2) {
      this.http2Source = undefined;
      const handOver = () => {
        if (this.waitingForStream !== handOver) return;
        this.waitingForStream = undefined;
        const http2 = h2.collect(this.exchange.timings.start);
        if (http2) {
          this.exchange.http2 = http2;
          useWireResponseHead(this.exchange, http2);
        }
        this.handOver();
      };
      this.waitingForStream = handOver;
      h2.settled().then(handOver, handOver);
      return;
    }
    this.handOver();
  }

  /**
   * Hands a finished exchange that is still waiting for its HTTP/2 stream over now, with the
   * frames seen so far and `why` as a note (at shutdown, so that the store gets it before it
   * closes). Does nothing otherwise.
   */
  stopWaiting(why: string): void {
    if (!this.waitingForStream) return;
    const notes = this.exchange.notes === NO_ITEMS ? [] : this.exchange.notes;
    notes.push({ time: this.now(), text: why });
    this.exchange.notes = notes;
    this.waitingForStream();
  }

  private handOver(): void {
    this.sink.finished(this.exchange);
    if (this.sink.bus?.active) {
      // The same summary the stored (redacted) record gives: only the target can differ.
      const summary = summarize(this.exchange);
      summary.target = redactTarget(summary.target).target;
      this.sink.bus.publish({ type: 'end', id: this.id, summary });
    }
  }
}
