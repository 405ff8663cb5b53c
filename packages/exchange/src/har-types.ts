/**
 * HAR 1.2 types (W3C Web Performance "HTTP Archive (HAR) format" draft, version 1.2), the parts
 * Switchyard writes and reads, plus the extension fields it adds. HAR allows custom fields whose
 * names start with an underscore; the ones used here are:
 *
 * - `_webSocketMessages` (entry): data messages exactly as Chrome DevTools writes them:
 *   `{ type: 'send' | 'receive', time, opcode: 1 | 2, data }`, `time` in seconds since the
 *   epoch (float), `data` the text, or base64 for binary (opcode 2). `send` is client to
 *   server. Fragmented messages appear once, reassembled; control frames do not appear.
 *   A message the capture's byte cap cut short carries `_truncated: true` (its `data` holds only
 *   the bytes stored), so a cut message never reads as a short or empty one.
 * - `_resourceType` (entry): `websocket` for WebSocket entries, as Chrome writes it.
 * - `_switchyardExchange` (entry): the exchange's share id.
 * - `_switchyardFrames` (entry): every frame in both directions, control frames included, in
 *   the Exchange's `FrameJson` form (see `exchange.ts`).
 * - `_switchyardClose` (entry): how the WebSocket connection ended (`CloseInfo`).
 * - `_http2Frames` (entry): the HTTP/2 frames of the exchange's stream and of the connection
 *   (stream 0), both directions, in the Exchange's `Http2FrameJson` form (see
 *   `http2-capture.ts`): type, flags, stream, length, HPACK-decoded fields, settings, error
 *   codes. The rest of the HTTP/2 record (mode, stream, counts, caps) is `_switchyard.http2`.
 * - `_switchyard` (entry): the rest of the Exchange that HAR has no field for (interim
 *   responses, raw heads, µs timings, notes, redactions, findings, caps), see {@link HarSwitchyardMeta}.
 */
import type {
  Address,
  BodyCapture,
  CloseInfo,
  Exchange,
  ExchangeFinding,
  FrameJson,
  HeadOffsets,
  InterimResponse,
  Note,
  Redaction,
  Timings,
  Truncation,
} from './exchange.js';
import type { Http2FrameJson, Http2Mode } from './http2-capture.js';

export interface HarNameValue {
  name: string;
  value: string;
  comment?: string;
}

export interface HarWebSocketMessage {
  type: 'send' | 'receive';
  /** Seconds since the Unix epoch, fractional. */
  time: number;
  opcode: 1 | 2;
  data: string;
  /** Set when the capture's byte cap cut the message short: `data` is only what was stored. */
  _truncated?: true;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: { mimeType: string; text?: string; params?: HarNameValue[]; comment?: string };
  headersSize: number;
  bodySize: number;
  comment?: string;
}

export interface HarContent {
  size: number;
  compression?: number;
  mimeType: string;
  text?: string;
  encoding?: string;
  comment?: string;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
  comment?: string;
}

export interface HarTimings {
  blocked?: number;
  dns?: number;
  connect?: number;
  send: number;
  wait: number;
  receive: number;
  ssl?: number;
  comment?: string;
}

/** Exchange fields HAR has no place for (entry `_switchyard`). */
export interface HarSwitchyardMeta {
  schemaVersion: Exchange['schemaVersion'];
  kind: string;
  endpoint: string;
  createdAt: string;
  /** The request-target exactly as received (the HAR `url` is absolute). */
  target: string;
  client?: Address;
  server?: Address;
  requestRaw?: string;
  requestOffsets?: HeadOffsets;
  responseRaw?: string;
  responseOffsets?: HeadOffsets;
  interim: InterimResponse[];
  requestBody: BodyCapture;
  responseBody: BodyCapture;
  timings: Timings;
  notes: Note[];
  redactions: Redaction[];
  findings: ExchangeFinding[];
  /** True when the exchange had no final response (HAR then shows status 0). */
  noResponse?: boolean;
  /** The HTTP/2 record without its frames (those are the entry's `_http2Frames`). */
  http2?: {
    mode: Http2Mode;
    streamId: number;
    framesSeen: { clientToServer: number; serverToClient: number };
    truncation: Truncation;
  };
  websocket?: {
    subprotocol: string | null;
    extensions: string;
    framesSeen: { clientToServer: number; serverToClient: number };
    truncation: Truncation;
  };
}

export interface HarEntry {
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, never>;
  timings: HarTimings;
  serverIPAddress?: string;
  connection?: string;
  comment?: string;
  _resourceType?: string;
  _webSocketMessages?: HarWebSocketMessage[];
  _switchyardExchange?: string;
  _switchyardFrames?: FrameJson[];
  _switchyardClose?: CloseInfo;
  /** HTTP/2 frames (see the file comment). */
  _http2Frames?: Http2FrameJson[];
  _switchyard?: HarSwitchyardMeta;
}

export interface HarLog {
  version: string;
  creator: { name: string; version: string; comment?: string };
  browser?: { name: string; version: string };
  pages?: unknown[];
  entries: HarEntry[];
  comment?: string;
}

export interface Har {
  log: HarLog;
}
