/**
 * The Exchange record: one captured conversation (an HTTP request and its responses, and after
 * a 101 every WebSocket frame in both directions). It is plain JSON (no Uint8Array, no Date, no
 * bigint) so it can be stored, sent over the API, exported as HAR and read by the browser as is.
 *
 * Conventions used throughout:
 * - bytes are base64 (RFC 4648 §4, padded) strings, named `*Base64` or documented as such;
 * - header lists are `[name, value]` pairs in the order received or sent, names in the case
 *   seen on the wire, duplicates kept (RFC 9110 §5.3: order of same-named fields matters);
 * - times are microseconds: `timings.start` is µs since the Unix epoch (wall clock), every
 *   other time in the record is µs since `timings.start` (monotonic clock).
 */
import type { Citation, Direction, Severity } from '@switchyard/protocol';
import type { Http2Capture } from './http2-capture.js';

/** Version of this record's shape; bumped on an incompatible change. */
export const EXCHANGE_SCHEMA_VERSION = 1;

/** What kind of conversation was captured. Open-ended: new kinds may be added. */
export type ExchangeKind = 'http' | 'websocket' | 'h2c' | 'sse' | 'probe' | (string & {});

/** Header fields in order, `[name, value]`, names as on the wire, duplicates kept. */
export type HeaderList = [string, string][];

/** One end of a connection. */
export interface Address {
  /** IP address as reported by the socket (e.g. `127.0.0.1`, `::1`). */
  address: string;
  port: number;
  family?: 'IPv4' | 'IPv6';
}

/** A byte range `[start, end)` within a `raw` head. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Where each line of a raw head lies within `raw` (RFC 9112 §2.1 message format). */
export interface HeadOffsets {
  /** The request line or status line, without its line ending. */
  startLine: ByteRange;
  /** One range per field line, in order, without line endings. */
  headers: ByteRange[];
  /** Offset just past the empty line that ends the head (length of the head). */
  end: number;
}

/** A request head as received (RFC 9112 §3). */
export interface RequestHead {
  method: string;
  /** The request-target exactly as sent (RFC 9112 §3.2), e.g. `/ws/echo?x=1`. */
  target: string;
  /** `1.0`, `1.1`, `2` ... (without the `HTTP/` prefix). */
  httpVersion: string;
  headers: HeaderList;
  /** The exact bytes of the head (base64), when the endpoint read the socket itself. */
  raw?: string;
  /** Line positions within `raw` (present only with `raw`). */
  offsets?: HeadOffsets;
}

/** A final response head as sent (RFC 9112 §4). */
export interface ResponseHead {
  status: number;
  /** Reason phrase as sent (may be empty, RFC 9112 §4). */
  reason: string;
  httpVersion: string;
  headers: HeaderList;
  /** The exact bytes of the head (base64), when known. */
  raw?: string;
  offsets?: HeadOffsets;
}

/** An interim 1xx response (RFC 9110 §15.2), in the order sent, before the final one. */
export interface InterimResponse {
  status: number;
  reason: string;
  headers: HeaderList;
  /** µs since `timings.start`. */
  time: number;
}

/** A message body: its size and a bounded preview. */
export interface BodyCapture {
  /** Bytes of content seen (after transfer decoding, before content decoding). */
  size: number;
  /** Preview of the first bytes: UTF-8 text, or base64 when not valid UTF-8 text. */
  preview?: string;
  previewEncoding?: 'text' | 'base64';
  /** True when `preview` holds fewer bytes than `size`. */
  truncated: boolean;
  /** Media type from Content-Type, when present. */
  mimeType?: string;
}

/**
 * Timings. `start` is wall-clock µs since the Unix epoch when the request began to arrive;
 * every other value is µs since `start`, measured on a monotonic clock.
 */
export interface Timings {
  start: number;
  /** The whole request head was received. */
  requestHead?: number;
  /** First byte of any response (interim or final) was written. */
  firstByte?: number;
  /** One entry per interim response, in order (same values as `interim[i].time`). */
  interim?: number[];
  /** The 101 (Switching Protocols) head was written. */
  upgrade?: number;
  /** The exchange ended: response finished, or the upgraded connection closed. */
  end?: number;
}

/** Where a redacted value was. */
export type RedactionLocation =
  | 'request-header'
  | 'response-header'
  | 'interim-header'
  | 'query'
  | 'request-raw'
  | 'response-raw'
  | 'request-body'
  | 'response-body'
  | 'note'
  /** A decoded field of an HTTP/2 frame (`index`: the frame's `seq`). */
  | 'http2-header'
  /** An HTTP/2 DATA payload echoing a credential (`index`: the frame's `seq`). */
  | 'http2-payload';

/**
 * One redacted value. The value itself is replaced by {@link REDACTED}. A credential echoed
 * elsewhere (a body preview, a note) is replaced there too, and listed with that location.
 */
export interface Redaction {
  location: RedactionLocation;
  /** Header name as on the wire, the query parameter name, or `preview` / `text`. */
  name: string;
  /** Index in the header list (headers) or of the interim response (interim-header). */
  index?: number;
}

/** The marker that replaces a redacted value. */
export const REDACTED = '[redacted]';

/** A server decision worth showing with the exchange (e.g. "Upgrade ignored: HTTP/1.0"). */
export interface Note {
  /** µs since `timings.start`. */
  time: number;
  text: string;
}

/**
 * One WebSocket frame (RFC 6455 §5.2) in JSON form: the JSON-safe twin of `FrameRecord` from
 * `@switchyard/protocol` (see `frame-json.ts` for the conversions).
 */
export interface FrameJson {
  seq: number;
  direction: Direction;
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  opcode: number;
  masked: boolean;
  /** 4-byte mask key, base64, when masked. */
  maskKey?: string;
  /** Declared payload length (from the frame header). */
  payloadLength: number;
  lengthEncoding: 7 | 16 | 64;
  headerOffset: number;
  headerLength: number;
  payloadOffset: number;
  /** Unmasked payload bytes as on the wire, base64 (possibly cut short, see below). */
  payload: string;
  /** True when `payload` holds fewer than `payloadLength` bytes (byte cap reached). */
  payloadTruncated?: boolean;
  /** Inflated message payload (permessage-deflate, RFC 7692), base64. */
  inflated?: string;
  inflatedTruncated?: boolean;
  /** Close frames: status code and reason when present (RFC 6455 §5.5.1). */
  close?: { code?: number; reason?: string };
  /** µs since the exchange's `timings.start`. */
  time: number;
  findings: FrameFinding[];
}

/** A violation the dissector saw in a frame (JSON form of protocol's `ProtocolFinding`). */
export interface FrameFinding {
  code: string;
  severity: Severity;
  message: string;
  cite: Citation;
  status?: number;
  closeCode?: number;
  offset?: number;
}

/** How a WebSocket connection ended (RFC 6455 §7.1.4–§7.1.5, §7.4). */
export interface CloseInfo {
  /** Who sent the first Close frame; `transport` when the TCP connection just went away. */
  initiator: 'client' | 'server' | 'transport';
  /**
   * The connection close code (RFC 6455 §7.1.5): the code in the first Close frame received;
   * 1005 when that frame had none; 1006 when the connection closed without a Close frame.
   */
  code: number;
  reason: string;
  /** True when both Close frames were exchanged and then TCP closed (RFC 6455 §7.1.4). */
  clean: boolean;
  /** The Close frame each side sent, when it did. */
  client?: { code?: number; reason?: string };
  server?: { code?: number; reason?: string };
  /** µs since `timings.start`. */
  time: number;
}

/** What the per-exchange caps dropped. Caps are never silent: the counts are recorded. */
export interface Truncation {
  /** Cap on stored frames and on stored payload bytes (sum over frames). */
  maxFrames: number;
  maxBytes: number;
  /** Frames seen but not stored, and their payload bytes. */
  framesDropped: number;
  bytesDropped: number;
  /** Frames stored with a payload cut short because the byte cap was reached. */
  framesCut: number;
  /** Sequence number of the first frame not stored, when any. */
  firstDroppedSeq?: number;
}

/** The WebSocket part of an exchange (present after a 101 to a WebSocket upgrade). */
export interface WebSocketCapture {
  /** Negotiated subprotocol (`Sec-WebSocket-Protocol`, RFC 6455 §4.2.2), null when none. */
  subprotocol: string | null;
  /** Negotiated extensions as the server's `Sec-WebSocket-Extensions` value, '' when none. */
  extensions: string;
  frames: FrameJson[];
  /** Frames seen in each direction (including dropped ones). */
  framesSeen: { clientToServer: number; serverToClient: number };
  close?: CloseInfo;
  truncation: Truncation;
}

/**
 * A lint result. Deliberately generic: the lint package owns rule ids and evidence shapes;
 * `evidence` must be JSON-serialisable.
 */
export interface ExchangeFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  evidence?: unknown;
}

/** One captured conversation. */
export interface Exchange {
  schemaVersion: typeof EXCHANGE_SCHEMA_VERSION;
  /** Share id (see `share-id.ts`): ≥128 random bits, base64url; the link is `/x/{id}`. */
  id: string;
  /** ISO 8601 UTC time the exchange began (same instant as `timings.start`). */
  createdAt: string;
  kind: ExchangeKind;
  /** Path of the endpoint that answered (route pattern when known, e.g. `/ws/chat/:room`). */
  endpoint: string;
  /** `capture` when recorded by this server, `import` when read from a HAR. */
  source: 'capture' | 'import';
  client?: Address;
  server?: Address;
  request: RequestHead;
  /** Interim 1xx responses, in the order sent. */
  interim: InterimResponse[];
  /** Final response head; absent when none was sent (connection closed first). */
  response?: ResponseHead;
  requestBody: BodyCapture;
  responseBody: BodyCapture;
  timings: Timings;
  notes: Note[];
  redactions: Redaction[];
  websocket?: WebSocketCapture;
  /** HTTP/2 frames, when the exchange was served over HTTP/2 (see `http2-capture.ts`). */
  http2?: Http2Capture;
  findings: ExchangeFinding[];
}

/** A short row for listings (`GET /api/exchanges`). */
export interface ExchangeSummary {
  id: string;
  createdAt: string;
  kind: ExchangeKind;
  endpoint: string;
  method: string;
  target: string;
  status?: number;
  frames?: number;
}

/** Builds the listing row of an exchange. */
export function summarize(exchange: Exchange): ExchangeSummary {
  const summary: ExchangeSummary = {
    id: exchange.id,
    createdAt: exchange.createdAt,
    kind: exchange.kind,
    endpoint: exchange.endpoint,
    method: exchange.request.method,
    target: exchange.request.target,
  };
  if (exchange.response) summary.status = exchange.response.status;
  if (exchange.websocket) summary.frames = exchange.websocket.frames.length;
  return summary;
}

/** An empty body capture. */
export function emptyBody(): BodyCapture {
  return { size: 0, truncated: false };
}
