/**
 * The frames of one captured WebSocket connection, kept compact while the connection lives:
 * per frame a row of numbers in one Float64Array and the kept payload bytes in one byte arena,
 * instead of an object with base64 strings per frame (issue 4 bench: building `FrameJson`
 * per frame was ~20% of the echo server's CPU with capture on, and thousands of live objects
 * per connection weighed on the GC). The JSON form (`FrameJson`, base64 payloads) is built only
 * when asked for: a live event, a snapshot, or once when the exchange is finished.
 *
 * Byte caps are applied by the caller (the recorder); the log stores what it is given.
 */
import type { FrameFinding, FrameJson } from '@switchyard/exchange';
import type { FrameRecord } from '@switchyard/protocol';

// One row per frame (numbers; Float64 so stream offsets and lengths past 2^32 stay exact).
const SEQ = 0;
const BITS = 1;
const PAYLOAD_LENGTH = 2;
const HEADER_OFFSET = 3;
const HEADER_LENGTH = 4;
const PAYLOAD_OFFSET = 5;
const TIME = 6;
const KEPT_AT = 7;
const KEPT_LEN = 8;
const INFLATED_AT = 9;
/** -1: no inflated payload. */
const INFLATED_LEN = 10;
/** -1: not masked. */
const MASK_KEY = 11;
const FIELDS = 12;

// BITS: flags, then the opcode in bits 8-11 and the length encoding in bits 12-13.
const FIN = 1;
const RSV1 = 2;
const RSV2 = 4;
const RSV3 = 8;
const MASKED = 16;
const SERVER_TO_CLIENT = 32;
const INFLATED_CUT = 64;
const CUT = 128;

const ENCODINGS = [7, 16, 64] as const;

/** Rare per-frame details kept beside the rows. */
interface Extra {
  findings?: FrameRecord['findings'];
  close?: FrameRecord['close'];
}

const base64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** Compact storage of a connection's frames; see the file comment. */
export class FrameLog {
  // Allocated on the first frame: an idle or refused exchange holds none of this.
  private rows: Float64Array | undefined;
  private arena: Uint8Array | undefined;
  private arenaUsed = 0;
  private extras: Map<number, Extra> | undefined;
  private count = 0;

  /** `maxBytes`: the most payload bytes the caller will store (bounds the arena's growth). */
  constructor(private readonly maxBytes: number) {}

  /** Frames stored. */
  get length(): number {
    return this.count;
  }

  /**
   * Stores one frame with the first `payloadKeep` bytes of its payload and, when given, the
   * first `inflatedKeep` bytes of its inflated message. `cut` marks a frame the byte cap cut.
   * Returns the frame's index.
   */
  add(record: FrameRecord, time: number, payloadKeep: number, inflatedKeep: number): number {
    const i = this.count++;
    const rows = this.row(i);
    const o = i * FIELDS;
    rows[o + SEQ] = record.seq;
    rows[o + BITS] =
      (record.fin ? FIN : 0) |
      (record.rsv1 ? RSV1 : 0) |
      (record.rsv2 ? RSV2 : 0) |
      (record.rsv3 ? RSV3 : 0) |
      (record.masked ? MASKED : 0) |
      (record.direction === 'server-to-client' ? SERVER_TO_CLIENT : 0) |
      ((record.opcode & 0x0f) << 8) |
      ((record.lengthEncoding === 7 ? 0 : record.lengthEncoding === 16 ? 1 : 2) << 12);
    rows[o + PAYLOAD_LENGTH] = record.payloadLength;
    rows[o + HEADER_OFFSET] = record.headerOffset;
    rows[o + HEADER_LENGTH] = record.headerLength;
    rows[o + PAYLOAD_OFFSET] = record.payloadOffset;
    rows[o + TIME] = time;
    rows[o + KEPT_AT] = this.arenaUsed;
    rows[o + KEPT_LEN] = payloadKeep;
    this.append(record.payload, payloadKeep);
    const key = record.maskKey;
    rows[o + MASK_KEY] =
      key && key.length >= 4
        ? ((key[0]! << 24) | (key[1]! << 16) | (key[2]! << 8) | key[3]!) >>> 0
        : -1;
    rows[o + INFLATED_AT] = 0;
    rows[o + INFLATED_LEN] = -1;
    if (record.inflated) this.setInflated(i, record.inflated, inflatedKeep);
    if (record.findings.length > 0 || record.close) {
      const extra: Extra = {};
      if (record.findings.length > 0) extra.findings = record.findings;
      if (record.close) extra.close = record.close;
      (this.extras ??= new Map()).set(i, extra);
    }
    return i;
  }

  /** Index of the stored frame with sequence number `seq` (searched from the end), or -1. */
  indexOf(seq: number): number {
    const rows = this.rows;
    if (!rows) return -1;
    for (let i = this.count - 1; i >= 0; i--) if (rows[i * FIELDS + SEQ] === seq) return i;
    return -1;
  }

  /** True when frame `i` has an inflated payload (possibly empty after a cut). */
  hasInflated(i: number): boolean {
    return this.rows![i * FIELDS + INFLATED_LEN]! >= 0;
  }

  /** True when the byte cap cut frame `i` (its payload or its inflated message). */
  isCut(i: number): boolean {
    return (this.rows![i * FIELDS + BITS]! & CUT) !== 0;
  }

  /** Marks frame `i` as cut by the byte cap. */
  markCut(i: number): void {
    this.rows![i * FIELDS + BITS] = this.rows![i * FIELDS + BITS]! | CUT;
  }

  /** Attaches the first `keep` bytes of `inflated` to frame `i` (flagged when cut short). */
  setInflated(i: number, inflated: Uint8Array, keep: number): void {
    const rows = this.rows!;
    const o = i * FIELDS;
    rows[o + INFLATED_AT] = this.arenaUsed;
    rows[o + INFLATED_LEN] = keep;
    if (keep < inflated.length) rows[o + BITS] = rows[o + BITS]! | INFLATED_CUT;
    this.append(inflated, keep);
  }

  /** The JSON form of frame `i`, the same shape `frameToJson` gives. */
  toJson(i: number): FrameJson {
    const rows = this.rows!;
    const o = i * FIELDS;
    const bits = rows[o + BITS]!;
    const payloadLength = rows[o + PAYLOAD_LENGTH]!;
    const keptLen = rows[o + KEPT_LEN]!;
    const extra = this.extras?.get(i);
    const json: FrameJson = {
      seq: rows[o + SEQ]!,
      direction: bits & SERVER_TO_CLIENT ? 'server-to-client' : 'client-to-server',
      fin: (bits & FIN) !== 0,
      rsv1: (bits & RSV1) !== 0,
      rsv2: (bits & RSV2) !== 0,
      rsv3: (bits & RSV3) !== 0,
      opcode: (bits >> 8) & 0x0f,
      masked: (bits & MASKED) !== 0,
      payloadLength,
      lengthEncoding: ENCODINGS[(bits >> 12) & 3] ?? 7,
      headerOffset: rows[o + HEADER_OFFSET]!,
      headerLength: rows[o + HEADER_LENGTH]!,
      payloadOffset: rows[o + PAYLOAD_OFFSET]!,
      payload: base64(this.bytes(rows[o + KEPT_AT]!, keptLen)),
      time: rows[o + TIME]!,
      findings: (extra?.findings ?? []).map(copyFinding),
    };
    if (keptLen < payloadLength) json.payloadTruncated = true;
    const key = rows[o + MASK_KEY]!;
    if (key >= 0) {
      json.maskKey = base64(
        Uint8Array.of((key >>> 24) & 0xff, (key >>> 16) & 0xff, (key >>> 8) & 0xff, key & 0xff),
      );
    }
    const inflatedLen = rows[o + INFLATED_LEN]!;
    if (inflatedLen >= 0) {
      json.inflated = base64(this.bytes(rows[o + INFLATED_AT]!, inflatedLen));
      if (bits & INFLATED_CUT) json.inflatedTruncated = true;
    }
    const close = extra?.close;
    if (close) {
      json.close = {};
      if (close.code !== undefined) json.close.code = close.code;
      if (close.reason !== undefined) json.close.reason = close.reason;
    }
    return json;
  }

  /** Every frame's JSON form, in order. */
  toJsonList(): FrameJson[] {
    const out = new Array<FrameJson>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.toJson(i);
    return out;
  }

  private bytes(at: number, length: number): Uint8Array {
    return length === 0 || !this.arena ? EMPTY : this.arena.subarray(at, at + length);
  }

  /** The row array, grown (doubling) so that row `i` fits. */
  private row(i: number): Float64Array {
    const need = (i + 1) * FIELDS;
    let rows = this.rows;
    if (!rows || rows.length < need) {
      const grown = new Float64Array(Math.max(need, (rows?.length ?? 0) * 2, 4 * FIELDS));
      if (rows) grown.set(rows);
      this.rows = rows = grown;
    }
    return rows;
  }

  private append(bytes: Uint8Array, keep: number): void {
    if (keep <= 0) return;
    const need = this.arenaUsed + keep;
    let arena = this.arena;
    if (!arena || arena.length < need) {
      const doubled = Math.min(Math.max((arena?.length ?? 0) * 2, 256), this.maxBytes);
      const grown = new Uint8Array(Math.max(need, doubled));
      if (arena) grown.set(arena.subarray(0, this.arenaUsed));
      this.arena = arena = grown;
    }
    if (keep <= 32) {
      for (let k = 0; k < keep; k++) arena[this.arenaUsed + k] = bytes[k]!;
    } else {
      arena.set(keep === bytes.length ? bytes : bytes.subarray(0, keep), this.arenaUsed);
    }
    this.arenaUsed = need;
  }
}

const EMPTY = new Uint8Array(0);

function copyFinding(f: FrameRecord['findings'][number]): FrameFinding {
  return { ...f, cite: { ...f.cite } } as FrameFinding;
}
