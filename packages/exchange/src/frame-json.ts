/**
 * Conversions between protocol's `FrameRecord` (bytes as Uint8Array) and the JSON-safe
 * `FrameJson` stored in an Exchange (bytes as base64).
 */
import type { FrameRecord } from '@switchyard/protocol';
import { decodeBase64, encodeBase64 } from './base64.js';
import type { FrameJson } from './exchange.js';

/** Options for {@link frameToJson}. */
export interface FrameToJsonOptions {
  /** Time to store (µs since the exchange start). Default: `record.time` unchanged. */
  time?: number;
  /** Keep at most this many payload bytes (and inflated bytes). Default: keep all. */
  maxPayloadBytes?: number;
  /** Base64 encoder (a server may pass a faster native one). Default {@link encodeBase64}. */
  encode?: (bytes: Uint8Array) => string;
}

/** FrameRecord → FrameJson. Cuts payloads to `maxPayloadBytes`, flagging the cut. */
export function frameToJson(record: FrameRecord, options: FrameToJsonOptions = {}): FrameJson {
  const max = options.maxPayloadBytes ?? Number.POSITIVE_INFINITY;
  const encode = options.encode ?? encodeBase64;
  const json: FrameJson = {
    seq: record.seq,
    direction: record.direction,
    fin: record.fin,
    rsv1: record.rsv1,
    rsv2: record.rsv2,
    rsv3: record.rsv3,
    opcode: record.opcode,
    masked: record.masked,
    payloadLength: record.payloadLength,
    lengthEncoding: record.lengthEncoding,
    headerOffset: record.headerOffset,
    headerLength: record.headerLength,
    payloadOffset: record.payloadOffset,
    payload: encode(record.payload.length > max ? record.payload.subarray(0, max) : record.payload),
    time: options.time ?? record.time,
    findings: record.findings.map((f) => ({ ...f, cite: { ...f.cite } })),
  };
  if (record.payload.length > max || record.payload.length < record.payloadLength) {
    json.payloadTruncated = true;
  }
  if (record.maskKey) json.maskKey = encode(record.maskKey);
  if (record.inflated) {
    const cut = record.inflated.length > max;
    json.inflated = encode(cut ? record.inflated.subarray(0, max) : record.inflated);
    if (cut) json.inflatedTruncated = true;
  }
  if (record.close) {
    json.close = {};
    if (record.close.code !== undefined) json.close.code = record.close.code;
    if (record.close.reason !== undefined) json.close.reason = record.close.reason;
  }
  return json;
}

/** Bytes of a base64 field, empty when the text is not valid base64. */
export function base64Bytes(text: string | undefined): Uint8Array {
  return (text === undefined ? undefined : decodeBase64(text)) ?? new Uint8Array(0);
}

/** FrameJson → FrameRecord (payloads decoded; a truncated payload stays short). */
export function frameFromJson(json: FrameJson): FrameRecord {
  const record: FrameRecord = {
    seq: json.seq,
    direction: json.direction,
    fin: json.fin,
    rsv1: json.rsv1,
    rsv2: json.rsv2,
    rsv3: json.rsv3,
    opcode: json.opcode,
    masked: json.masked,
    payloadLength: json.payloadLength,
    lengthEncoding: json.lengthEncoding,
    headerOffset: json.headerOffset,
    headerLength: json.headerLength,
    payloadOffset: json.payloadOffset,
    payload: base64Bytes(json.payload),
    time: json.time,
    findings: json.findings.map((f) => ({ ...f, cite: { ...f.cite } })),
  };
  if (json.maskKey !== undefined) record.maskKey = base64Bytes(json.maskKey);
  if (json.inflated !== undefined) record.inflated = base64Bytes(json.inflated);
  if (json.close) record.close = { ...json.close };
  return record;
}

/** Bytes of payload a frame stores (what counts against a byte cap). */
export function storedPayloadBytes(json: FrameJson): number {
  return base64Bytes(json.payload).length + base64Bytes(json.inflated).length;
}
