/**
 * Field blocks out of frames (RFC 9113 §4.3): a HEADERS or PUSH_PROMISE frame and the
 * CONTINUATION frames that follow it carry one HPACK-encoded field block, which is decoded
 * once END_HEADERS is seen. One {@link H2FieldBlockDecoder} per direction of a connection.
 */
import { h2Finding } from './h2-finding.js';
import type { H2Finding } from './h2-finding.js';
import { H2_FRAME_TYPES, h2HasFlag } from './frame-types.js';
import type { H2Frame } from './frame-types.js';
import { HpackDecoder } from './hpack-decoder.js';
import { concatBytes } from '../shared/bytes.js';
import type { HpackField } from './hpack-decoder.js';

/**
 * The field block fragment of a HEADERS, PUSH_PROMISE or CONTINUATION frame: the payload
 * without Pad Length, padding, priority fields (§6.2) or Promised Stream ID (§6.6). Empty for
 * other types and for frames too short for their own fields (their findings say why).
 */
export function fieldBlockFragment(frame: Pick<H2Frame, 'type' | 'flags' | 'payload'>): Uint8Array {
  const { type, flags, payload } = frame;
  if (type === H2_FRAME_TYPES.CONTINUATION) return payload;
  let fixed: number;
  if (type === H2_FRAME_TYPES.HEADERS) fixed = h2HasFlag(type, flags, 'PRIORITY') ? 5 : 0;
  else if (type === H2_FRAME_TYPES.PUSH_PROMISE) fixed = 4;
  else return new Uint8Array(0);
  let start = 0;
  let end = payload.length;
  if (h2HasFlag(type, flags, 'PADDED')) {
    if (payload.length < 1) return new Uint8Array(0);
    start = 1;
    end -= payload[0]!;
  }
  start += fixed;
  return start <= end ? payload.subarray(start, end) : new Uint8Array(0);
}

/** A field block, decoded. */
export interface H2FieldBlock {
  /** Stream of the HEADERS / PUSH_PROMISE frame. */
  streamId: number;
  /** Type of the frame that opened the block (HEADERS or PUSH_PROMISE). */
  type: number;
  /** PUSH_PROMISE: the promised stream (§6.6). */
  promisedStreamId?: number;
  headers: HpackField[];
  /** Indices of "never indexed" fields (RFC 7541 §6.2.3). */
  neverIndexed?: number[];
  /** A COMPRESSION_ERROR (RFC 9113 §4.3), or a block over the size bound. */
  error?: H2Finding;
  /** Number of frames the block spanned (1 + CONTINUATIONs). */
  frames: number;
}

/** Options of {@link H2FieldBlockDecoder}. */
export interface H2FieldBlockDecoderOptions {
  /** SETTINGS_HEADER_TABLE_SIZE of the receiving side (default 4096, RFC 9113 §6.5.2). */
  maxTableSize?: number;
  /**
   * Largest field block kept for decoding, in octets (default 262144). A longer block is not
   * decoded; the decoder then reports an error for it and every later block, since its table
   * no longer follows the peer's.
   */
  maxBlockSize?: number;
}

/**
 * Gathers field block fragments from the frames of one direction, in order, and decodes each
 * block with one HPACK decoder (the dynamic table is per direction, RFC 7541 §2.2). Frames of
 * other types pass through. Never throws.
 */
export class H2FieldBlockDecoder {
  /** The HPACK decoder (exposed for its table and for {@link HpackDecoder.setMaxTableSize}). */
  readonly hpack: HpackDecoder;
  private readonly maxBlockSize: number;
  private open: { streamId: number; type: number; promised?: number; frames: number } | undefined;
  private parts: Uint8Array[] = [];
  private partsLength = 0;
  private overflow: H2Finding | undefined;

  constructor(options: H2FieldBlockDecoderOptions = {}) {
    this.hpack = new HpackDecoder(options.maxTableSize ?? 4096);
    this.maxBlockSize = options.maxBlockSize ?? 262144;
  }

  /** Feeds the next frame; returns the decoded block when this frame completes one. */
  push(frame: Pick<H2Frame, 'type' | 'flags' | 'payload' | 'streamId'>): H2FieldBlock | undefined {
    const { type, flags } = frame;
    if (type === H2_FRAME_TYPES.HEADERS || type === H2_FRAME_TYPES.PUSH_PROMISE) {
      // A new block while one is open is a PROTOCOL_ERROR the frame parser reports (§6.10);
      // the open block is dropped.
      this.parts = [];
      this.partsLength = 0;
      this.open = { streamId: frame.streamId, type, frames: 0 };
      if (type === H2_FRAME_TYPES.PUSH_PROMISE) {
        const p = frame.payload;
        const at = h2HasFlag(type, flags, 'PADDED') ? 1 : 0;
        if (p.length >= at + 4) {
          this.open.promised =
            (p[at]! & 0x7f) * 2 ** 24 + ((p[at + 1]! << 16) | (p[at + 2]! << 8) | p[at + 3]!);
        }
      }
    } else if (type !== H2_FRAME_TYPES.CONTINUATION || this.open === undefined) {
      return undefined;
    }
    const open = this.open;
    open.frames++;
    const fragment = fieldBlockFragment(frame);
    this.partsLength += fragment.length;
    if (this.partsLength <= this.maxBlockSize) this.parts.push(fragment);
    if (!h2HasFlag(type, flags, 'END_HEADERS')) return undefined;
    this.open = undefined;
    const block: H2FieldBlock = {
      streamId: open.streamId,
      type: open.type,
      headers: [],
      frames: open.frames,
    };
    if (open.promised !== undefined) block.promisedStreamId = open.promised;
    if (this.partsLength > this.maxBlockSize && this.overflow === undefined) {
      this.overflow = h2Finding(
        'field-block-too-large',
        'error',
        `Field block of ${this.partsLength} octets not decoded (bound ${this.maxBlockSize}); later blocks cannot be decoded either`,
        'RFC 9113',
        '4.3',
        { h2Error: 'COMPRESSION_ERROR', scope: 'connection' },
      );
    }
    const bytes = this.join();
    if (this.overflow !== undefined) {
      block.error = this.overflow;
      return block;
    }
    const out = this.hpack.decode(bytes);
    block.headers = out.headers;
    if (out.neverIndexed !== undefined) block.neverIndexed = out.neverIndexed;
    if (out.error !== undefined) block.error = out.error;
    return block;
  }

  private join(): Uint8Array {
    const parts = this.parts;
    this.parts = [];
    this.partsLength = 0;
    return parts.length === 1 ? parts[0]! : concatBytes(parts);
  }
}
