/**
 * The capture API of one exchange and what its recorder needs (types only; the recorder itself
 * is in recorder.ts, which re-exports these).
 */
import type {
  BodyCapture,
  CloseInfo,
  ExchangeKind,
  Exchange,
  HeaderList,
  Http2Capture,
  ResponseHead,
  Address,
} from '@switchyard/exchange';
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

/** A request head as sent: start-line parts and the fields in wire order. */
export interface RequestHeadAsSent {
  method: string;
  target: string;
  /** Without the `HTTP/` prefix, e.g. `1.1`. */
  httpVersion: string;
  /** Node's flat `rawHeaders` list, in wire order and case. */
  rawHeaders: readonly string[];
}

/** The full capture API of one exchange (a superset of the route contract). */
export interface ExchangeCapture extends CaptureHandle {
  readonly id: string;
  readonly finished: boolean;
  /** µs since the exchange started. */
  now(): number;
  /** The exact request head bytes (replaces the parsed head's `raw`). */
  requestRaw(raw: Uint8Array): void;
  /**
   * The request head as the client sent it, when it differs from what the route saw (the
   * HTTP/1.1 head of an h2c upgrade, read again as HTTP/2 stream 1, RFC 7540 §3.2).
   */
  requestHead(head: RequestHeadAsSent): void;
  /** Request content seen so far (counted; the first bytes kept as a preview). */
  requestBody(chunk: Uint8Array): void;
  /**
   * The final response head, when written without Node's ServerResponse (101, faults). `raw`:
   * its exact bytes, or those bytes as a latin1 string (one character per byte).
   */
  response(
    head: Omit<ResponseHead, 'httpVersion' | 'raw' | 'offsets'> & {
      httpVersion?: string;
      raw?: Uint8Array | string;
    },
  ): void;
  /** Response content bytes written outside Node's ServerResponse. */
  responseBody(chunk: Uint8Array): void;
  /** The connection switched to WebSocket (marks `timings.upgrade`). */
  upgraded(info: { subprotocol: string | null; extensions: string }): void;
  /** One WebSocket frame from the dissector; its time is stamped now. Caps apply. */
  frame(record: FrameRecord): void;
  /**
   * How many payload bytes a next frame could still keep under the caps (0 once they are
   * reached): a dissector need not copy or unmask more (FrameParserOptions.payloadLimit).
   */
  payloadBudget(): number;
  /**
   * The inflated payload of a compressed message whose first frame (`firstSeq`) was recorded
   * earlier, before the message's last frame arrived (RFC 7692 §6.2: the message inflates as a
   * whole). Attached to that frame; the byte cap applies.
   */
  inflated(firstSeq: number, inflated: Uint8Array): void;
  /** How the WebSocket connection ended (RFC 6455 §7.1.4-§7.1.5). */
  close(info: Omit<CloseInfo, 'time'> & { time?: number }): void;
  /**
   * HTTP/2 frames of this exchange (issue 8, features/h2c). At `finish()` the hand-over waits
   * for `source.settled()` (the tap resolves it once the stream's last frame is on the wire,
   * and bounds the wait), then stores `source.collect(timings.start)` as `http2`.
   */
  attachHttp2(source: Http2Source): void;
  /** Ends the exchange and queues it for storage (idempotent). */
  finish(): void;
  /** The exchange as captured so far (not yet redacted). */
  snapshot(): Exchange;
}

/** What {@link ExchangeCapture.attachHttp2} takes. */
export interface Http2Source {
  /** Settles when the frames are complete; must settle (the source bounds the wait). */
  settled(): Promise<void>;
  /** The record, frame times relative to `startUs` (the exchange's `timings.start`). */
  collect(startUs: number): Http2Capture | undefined;
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
/** What the recorder needs from a body tap (see preview.ts). */
export interface BodyTapLike {
  add(chunk: Uint8Array): void;
  result(mimeType?: string): BodyCapture;
}
