/**
 * HTTP/2 frames in JSON form (issue 8): protocol's `H2FrameRecord` plus the decoded field
 * block → `Http2FrameJson`, and the per-exchange caps that build an `Http2Capture`.
 */
import {
  H2_FRAME_TYPES,
  h2HasFlag,
  type Direction,
  type H2Finding,
  type H2FrameRecord,
} from '@switchyard/protocol';
import { encodeBase64 } from './base64.js';
import type { FrameFinding, HeaderList, Truncation } from './exchange.js';
import type { Http2Capture, Http2FrameJson, Http2Mode } from './http2-capture.js';

/** A frame as a tap saw it: the parsed record plus what the connection context adds. */
export interface Http2FrameInput {
  record: H2FrameRecord;
  /** Order on the connection, both directions together. */
  seq: number;
  direction: Direction;
  /** µs since the exchange start (negative for frames seen before it began). */
  time: number;
  /** The decoded field block, on the HEADERS / PUSH_PROMISE frame that opened it. */
  headers?: HeaderList;
  /** Why the field block could not be decoded (a COMPRESSION_ERROR, RFC 9113 §4.3). */
  headerError?: H2Finding;
  /**
   * Payload bytes a tap already let go of to bound its memory (`record.payload` is then
   * empty); counted as cut by the caps.
   */
  payloadCut?: number;
}

/** JSON form of a protocol finding (drops the HTTP/2-only fields into the message). */
export function h2FindingToJson(f: H2Finding): FrameFinding {
  const out: FrameFinding = {
    code: f.code,
    severity: f.severity,
    message: f.h2Error ? `${f.message} (${f.scope ?? 'connection'} error ${f.h2Error})` : f.message,
    cite: { rfc: f.cite.rfc, section: f.cite.section },
  };
  if (f.offset !== undefined) out.offset = f.offset;
  return out;
}

/**
 * The payload bytes worth storing for a frame: DATA content without padding (RFC 9113 §6.1),
 * PING opaque data (§6.7), GOAWAY debug data (§6.8), the whole payload of unknown types.
 * Field blocks (decoded instead), SETTINGS, WINDOW_UPDATE, RST_STREAM and PRIORITY store none.
 */
export function h2StoredPayload(record: H2FrameRecord): Uint8Array | undefined {
  const p = record.payload;
  switch (record.type) {
    case H2_FRAME_TYPES.DATA: {
      if (!h2HasFlag(record.type, record.flags, 'PADDED')) return p;
      const pad = p[0] ?? 0;
      return p.length >= 1 + pad ? p.subarray(1, p.length - pad) : new Uint8Array(0);
    }
    case H2_FRAME_TYPES.PING:
      return p;
    case H2_FRAME_TYPES.GOAWAY:
      return p.subarray(Math.min(8, p.length));
    case H2_FRAME_TYPES.HEADERS:
    case H2_FRAME_TYPES.PRIORITY:
    case H2_FRAME_TYPES.RST_STREAM:
    case H2_FRAME_TYPES.SETTINGS:
    case H2_FRAME_TYPES.PUSH_PROMISE:
    case H2_FRAME_TYPES.WINDOW_UPDATE:
    case H2_FRAME_TYPES.CONTINUATION:
      return undefined;
    default:
      return p;
  }
}

/** Options of {@link h2FrameToJson}. */
export interface H2FrameToJsonOptions {
  /** Keep at most this many payload bytes. Default: all. */
  maxPayloadBytes?: number;
  /** Base64 encoder (a server may pass a faster native one). Default {@link encodeBase64}. */
  encode?: (bytes: Uint8Array) => string;
}

/** One frame → `Http2FrameJson`. */
export function h2FrameToJson(
  input: Http2FrameInput,
  options: H2FrameToJsonOptions = {},
): Http2FrameJson {
  const { record } = input;
  const json: Http2FrameJson = {
    seq: input.seq,
    direction: input.direction,
    time: input.time,
    type: record.type,
    typeName: record.typeName,
    flags: record.flags,
    flagNames: [...record.flagNames],
    streamId: record.streamId,
    length: record.length,
    findings: record.findings.map(h2FindingToJson),
  };
  if (input.headers) json.headers = input.headers.map(([n, v]): [string, string] => [n, v]);
  if (input.headerError) json.findings.push(h2FindingToJson(input.headerError));
  const d = record.details;
  if (d.settings) json.settings = d.settings.map(({ id, name, value }) => ({ id, name, value }));
  if (d.errorCode !== undefined) json.errorCode = d.errorCode;
  if (d.errorName !== undefined) json.errorName = d.errorName;
  if (d.lastStreamId !== undefined) json.lastStreamId = d.lastStreamId;
  if (d.windowIncrement !== undefined) json.windowIncrement = d.windowIncrement;
  const payload = h2StoredPayload(record);
  if (payload !== undefined) {
    const max = options.maxPayloadBytes ?? Number.POSITIVE_INFINITY;
    const keep = payload.length > max ? payload.subarray(0, max) : payload;
    json.payload = (options.encode ?? encodeBase64)(keep);
    if (keep.length < payload.length || (input.payloadCut ?? 0) > 0) json.payloadTruncated = true;
  }
  return json;
}

/** Limits of one exchange's HTTP/2 record (the capture's `CAPTURE_MAX_FRAMES` / `_BYTES`). */
export interface Http2CaptureLimits {
  maxFrames: number;
  /** Cap on stored payload bytes, summed over frames. */
  maxBytes: number;
}

/**
 * Builds an exchange's `Http2Capture` from the frames chosen for it, in `seq` order. Caps are
 * never silent: frames past `maxFrames` are counted in `framesDropped` / `bytesDropped`
 * (payload bytes they would have stored), payloads cut by `maxBytes` in `framesCut`.
 */
export function buildHttp2Capture(
  mode: Http2Mode,
  streamId: number,
  frames: readonly Http2FrameInput[],
  limits: Http2CaptureLimits,
  options: Pick<H2FrameToJsonOptions, 'encode'> = {},
): Http2Capture {
  const truncation: Truncation = {
    maxFrames: limits.maxFrames,
    maxBytes: limits.maxBytes,
    framesDropped: 0,
    bytesDropped: 0,
    framesCut: 0,
  };
  const out: Http2Capture = {
    mode,
    streamId,
    frames: [],
    framesSeen: { clientToServer: 0, serverToClient: 0 },
    truncation,
  };
  let stored = 0;
  for (const input of frames) {
    if (input.direction === 'client-to-server') out.framesSeen.clientToServer++;
    else out.framesSeen.serverToClient++;
    const bytes = (h2StoredPayload(input.record)?.length ?? 0) + (input.payloadCut ?? 0);
    if (out.frames.length >= limits.maxFrames) {
      truncation.framesDropped++;
      truncation.bytesDropped += bytes;
      truncation.firstDroppedSeq ??= input.seq;
      continue;
    }
    const budget = Math.max(0, limits.maxBytes - stored);
    const json = h2FrameToJson(input, { ...options, maxPayloadBytes: budget });
    const keep = Math.min(bytes - (input.payloadCut ?? 0), budget);
    if (keep < bytes) {
      truncation.framesCut++;
      truncation.bytesDropped += bytes - keep;
    }
    stored += keep;
    out.frames.push(json);
  }
  return out;
}
