/**
 * One WebSocket frame as seen on the wire (RFC 6455 §5.2), the unit the dissector emits, the
 * capture stores, the lint rules inspect and the UI lists.
 */
import type { ProtocolFinding } from '../shared/problem.js';

export type Direction = 'client-to-server' | 'server-to-client';

/** RFC 6455 §5.2 / §11.8 opcode registry. */
export const Opcode = {
  Continuation: 0x0,
  Text: 0x1,
  Binary: 0x2,
  Close: 0x8,
  Ping: 0x9,
  Pong: 0xa,
} as const;

export interface FrameRecord {
  /** 0-based sequence number over both directions of one connection. */
  seq: number;
  direction: Direction;
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  opcode: number;
  masked: boolean;
  /** 4-byte mask key when masked. */
  maskKey?: Uint8Array;
  /** Declared payload length. */
  payloadLength: number;
  /** How the length was encoded on the wire (§5.2): 7-bit, 16-bit or 64-bit. */
  lengthEncoding: 7 | 16 | 64;
  /** Offset of the first header byte within its direction's byte stream. */
  headerOffset: number;
  headerLength: number;
  payloadOffset: number;
  /**
   * Unmasked payload as on the wire (compressed if RSV1 with permessage-deflate). May be a view
   * into a larger shared buffer: honour `byteOffset`/`byteLength` when reaching for `.buffer`.
   */
  payload: Uint8Array;
  /**
   * Inflated payload of the whole message, set on the message's first frame when
   * permessage-deflate applied (for a fragmented message, once its last frame has arrived).
   */
  inflated?: Uint8Array;
  /** For close frames: the status code and reason when present (§5.5.1). */
  close?: { code?: number; reason?: string };
  /**
   * Timestamp given by the adapter (µs or ms as the adapter's clock says): the time of the chunk
   * in which the frame's last byte arrived.
   */
  time: number;
  /** Violations seen in this frame. */
  findings: ProtocolFinding[];
}
