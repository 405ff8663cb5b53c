/** HTTP/2 frame types (RFC 9113 §6; registry: RFC 7540 §11.2). */
export const H2_FRAME_TYPES = {
  DATA: 0x0,
  HEADERS: 0x1,
  PRIORITY: 0x2,
  RST_STREAM: 0x3,
  SETTINGS: 0x4,
  PUSH_PROMISE: 0x5,
  PING: 0x6,
  GOAWAY: 0x7,
  WINDOW_UPDATE: 0x8,
  CONTINUATION: 0x9,
} as const;

/** Name of a known frame type. */
export type H2FrameTypeName = keyof typeof H2_FRAME_TYPES;

/** Flag bits per frame type (RFC 9113 §6.1-§6.10). */
const FLAGS: Partial<Record<H2FrameTypeName, Record<string, number>>> = {
  DATA: { END_STREAM: 0x1, PADDED: 0x8 },
  HEADERS: { END_STREAM: 0x1, END_HEADERS: 0x4, PADDED: 0x8, PRIORITY: 0x20 },
  SETTINGS: { ACK: 0x1 },
  PUSH_PROMISE: { END_HEADERS: 0x4, PADDED: 0x8 },
  PING: { ACK: 0x1 },
  CONTINUATION: { END_HEADERS: 0x4 },
};

/** Names of the 256 type codes, computed once (the frame parser names every frame it reads). */
const TYPE_NAMES: readonly string[] = Array.from({ length: 256 }, (_, type) => {
  for (const [name, value] of Object.entries(H2_FRAME_TYPES)) if (value === type) return name;
  return `UNKNOWN(0x${type.toString(16)})`;
});

/** Flag definitions by type code, as `[name, bit]` pairs in definition order. */
const TYPE_FLAGS: readonly (readonly [string, number][])[] = TYPE_NAMES.map((name) =>
  Object.entries(FLAGS[name as H2FrameTypeName] ?? {}),
);

/** Name of a frame type, or `UNKNOWN(0x..)` (RFC 9113 §4.1: unknown types are ignored). */
export function h2FrameTypeName(type: number): string {
  return TYPE_NAMES[type & 0xff] ?? `UNKNOWN(0x${type.toString(16)})`;
}

/** Names of the flags set in `flags` that are defined for `type` (undefined bits are skipped). */
export function h2FrameFlagNames(type: number, flags: number): string[] {
  const out: string[] = [];
  for (const [name, bit] of TYPE_FLAGS[type & 0xff] ?? []) if ((flags & bit) !== 0) out.push(name);
  return out;
}

/** True when flag `name` is set (by name, for the type's definition). */
export function h2HasFlag(type: number, flags: number, name: string): boolean {
  for (const [flag, bit] of TYPE_FLAGS[type & 0xff] ?? []) {
    if (flag === name) return (flags & bit) !== 0;
  }
  return false;
}

/** One frame as read from the wire (RFC 9113 §4.1). */
export interface H2Frame {
  /** Offset of the frame's first header byte from the first byte pushed. */
  offset: number;
  /** 24-bit payload length. */
  length: number;
  type: number;
  typeName: string;
  flags: number;
  flagNames: string[];
  /** The reserved R bit (MUST be ignored on receipt, §4.1). */
  reserved: boolean;
  /** 31-bit stream identifier. */
  streamId: number;
  payload: Uint8Array;
}

/** Frame header size (RFC 9113 §4.1). */
export const H2_FRAME_HEADER_LENGTH = 9;

/**
 * Encodes a frame (9-byte header + payload, RFC 9113 §4.1) exactly as given: length is taken
 * from the payload unless `length` overrides it (to compose deliberately wrong frames).
 */
export function encodeH2Frame(frame: {
  type: number;
  flags?: number;
  streamId?: number;
  reserved?: boolean;
  payload?: Uint8Array;
  length?: number;
}): Uint8Array {
  const payload = frame.payload ?? new Uint8Array(0);
  const length = frame.length ?? payload.length;
  const stream = (frame.streamId ?? 0) & 0x7fffffff;
  const out = new Uint8Array(H2_FRAME_HEADER_LENGTH + payload.length);
  out[0] = (length >>> 16) & 0xff;
  out[1] = (length >>> 8) & 0xff;
  out[2] = length & 0xff;
  out[3] = frame.type & 0xff;
  out[4] = (frame.flags ?? 0) & 0xff;
  out[5] = ((stream >>> 24) & 0x7f) | (frame.reserved === true ? 0x80 : 0);
  out[6] = (stream >>> 16) & 0xff;
  out[7] = (stream >>> 8) & 0xff;
  out[8] = stream & 0xff;
  out.set(payload, H2_FRAME_HEADER_LENGTH);
  return out;
}
