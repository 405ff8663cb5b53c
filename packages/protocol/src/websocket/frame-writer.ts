/**
 * WebSocket frame serializer (RFC 6455 §5.2). Writes every valid frame, and, only when asked with
 * `allowInvalid: true`, deliberately invalid ones for fault endpoints and probes. Without that
 * opt-in an invalid frame is refused with findings instead of bytes; it never throws.
 */
import type { ProtocolFinding } from '../shared/problem.js';
import { isValidUtf8, encodeUtf8 } from '../shared/utf8.js';
import { Opcode } from './frame-record.js';
import { closeCodeProblem, closeCodeSection } from './close-codes.js';
import { wsFinding } from './findings.js';

/** Which endpoint writes the frame: clients mask, servers do not (RFC 6455 §5.1). */
export type Role = 'client' | 'server';

/** What to put in one frame. */
export interface FrameSpec {
  /** Default true. */
  fin?: boolean;
  rsv1?: boolean;
  rsv2?: boolean;
  rsv3?: boolean;
  /** 0..15 (4 bits). */
  opcode: number;
  /** Unmasked payload; default empty. */
  payload?: Uint8Array;
  /** 4-byte masking key; when present the frame is masked (RFC 6455 §5.3). */
  mask?: Uint8Array;
  /**
   * Forces the length encoding (7, 16 or 64 bits). RFC 6455 §5.2 requires the minimal one, so a
   * longer encoding than needed is invalid; a shorter one than possible cannot be written.
   */
  lengthEncoding?: 7 | 16 | 64;
  /**
   * Declares a payload length different from `payload.length` (invalid: a truncated or overlong
   * frame). A bigint allows values with the 64-bit most significant bit set (§5.2 forbids that).
   */
  declaredLength?: number | bigint;
}

export interface WriteOptions {
  /** The endpoint writing the frame. Client frames must be masked, server frames must not. */
  role: Role;
  /** Extension-negotiated RSV bits (e.g. permessage-deflate gives `rsv1`). */
  allowedRsv?: { rsv1?: boolean; rsv2?: boolean; rsv3?: boolean };
  /** Write the frame even when it violates RFC 6455; findings then list the violations. */
  allowInvalid?: boolean;
}

export type WriteResult =
  | { ok: true; bytes: Uint8Array; findings: ProtocolFinding[] }
  | { ok: false; findings: ProtocolFinding[] };

const UNWRITABLE = new Set([
  'declared-length-invalid',
  'opcode-out-of-range',
  'mask-key-length',
  'length-encoding-too-short',
]);

const KNOWN_OPCODES = new Set<number>([0x0, 0x1, 0x2, 0x8, 0x9, 0xa]);

/** XORs `data[start..end)` in place with `mask`, the key index starting at `keyOffset` (§5.3). */
export function applyMask(
  data: Uint8Array,
  mask: Uint8Array,
  start = 0,
  end = data.length,
  keyOffset = 0,
): void {
  const m0 = mask[0]!;
  const m1 = mask[1]!;
  const m2 = mask[2]!;
  const m3 = mask[3]!;
  let i = start;
  let k = keyOffset & 3;
  // Align the key to index 0 so the 4-way unrolled loop can use fixed key bytes.
  while (i < end && k !== 0) {
    data[i] = data[i]! ^ mask[k]!;
    i++;
    k = (k + 1) & 3;
  }
  const end4 = end - ((end - i) & 3);
  for (; i < end4; i += 4) {
    data[i] = data[i]! ^ m0;
    data[i + 1] = data[i + 1]! ^ m1;
    data[i + 2] = data[i + 2]! ^ m2;
    data[i + 3] = data[i + 3]! ^ m3;
  }
  for (; i < end; i++, k = (k + 1) & 3) data[i] = data[i]! ^ mask[k]!;
}

/** Minimal length encoding for a payload length (§5.2). */
export function minimalLengthEncoding(length: number | bigint): 7 | 16 | 64 {
  if (length <= 125) return 7;
  if (length <= 0xffff) return 16;
  return 64;
}

/** Checks a frame spec against RFC 6455 and returns the violations. */
export function checkFrameSpec(spec: FrameSpec, options: WriteOptions): ProtocolFinding[] {
  const out: ProtocolFinding[] = [];
  const payload = spec.payload ?? new Uint8Array(0);
  const fin = spec.fin ?? true;
  const op = spec.opcode;
  const isControl = (op & 0x8) !== 0;
  const allowed = options.allowedRsv ?? {};
  const declared = spec.declaredLength ?? payload.length;
  const declaredOk =
    typeof declared === 'bigint'
      ? declared >= 0n && declared < 1n << 64n
      : Number.isSafeInteger(declared) && declared >= 0;
  if (!declaredOk) {
    return [
      wsFinding('declared-length-invalid', 'error', '5.2', `length ${declared} cannot be encoded`),
    ];
  }

  if (!Number.isInteger(op) || op < 0 || op > 15) {
    out.push(wsFinding('opcode-out-of-range', 'error', '5.2', `opcode ${op} does not fit 4 bits`));
  } else if (!KNOWN_OPCODES.has(op)) {
    out.push(
      wsFinding('reserved-opcode', 'error', '5.2', `opcode 0x${op.toString(16)} is reserved`, {
        closeCode: 1002,
      }),
    );
  }
  for (const bit of ['rsv1', 'rsv2', 'rsv3'] as const) {
    if (spec[bit] && !allowed[bit]) {
      out.push(
        wsFinding(
          'rsv-without-extension',
          'error',
          '5.2',
          `${bit.toUpperCase()} set without a negotiated extension`,
          {
            closeCode: 1002,
          },
        ),
      );
    }
  }
  if (spec.mask !== undefined && spec.mask.length !== 4) {
    out.push(wsFinding('mask-key-length', 'error', '5.3', 'a masking key is exactly 4 bytes'));
  }
  // RFC 6455 §5.1: a client MUST mask every frame; a server MUST NOT mask any frame.
  if (options.role === 'client' && spec.mask === undefined) {
    out.push(
      wsFinding('client-frame-unmasked', 'error', '5.1', 'a client must mask every frame', {
        closeCode: 1002,
      }),
    );
  }
  if (options.role === 'server' && spec.mask !== undefined) {
    out.push(
      wsFinding('server-frame-masked', 'error', '5.1', 'a server must not mask frames', {
        closeCode: 1002,
      }),
    );
  }
  if (isControl) {
    // RFC 6455 §5.5: control frames carry at most 125 bytes and MUST NOT be fragmented.
    if (declared > 125) {
      out.push(
        wsFinding(
          'control-frame-too-long',
          'error',
          '5.5',
          'control frame payload over 125 bytes',
          {
            closeCode: 1002,
          },
        ),
      );
    }
    if (!fin) {
      out.push(
        wsFinding(
          'control-frame-fragmented',
          'error',
          '5.5',
          'control frames must not be fragmented',
          {
            closeCode: 1002,
          },
        ),
      );
    }
  }
  if (typeof declared === 'bigint' ? declared >= 1n << 63n : false) {
    out.push(
      wsFinding(
        'length-msb-set',
        'error',
        '5.2',
        'the most significant bit of a 64-bit length must be 0',
        {
          closeCode: 1002,
        },
      ),
    );
  }
  if (BigInt(declared) !== BigInt(payload.length)) {
    out.push(
      wsFinding(
        'length-mismatch',
        'error',
        '5.2',
        `declared length ${declared} differs from the ${payload.length} payload bytes written`,
      ),
    );
  }
  const minimal = minimalLengthEncoding(declared);
  if (spec.lengthEncoding !== undefined && spec.lengthEncoding !== minimal) {
    const tooShort =
      (spec.lengthEncoding === 7 && declared > 125) ||
      (spec.lengthEncoding === 16 && declared > 0xffff);
    out.push(
      tooShort
        ? wsFinding(
            'length-encoding-too-short',
            'error',
            '5.2',
            `${declared} does not fit ${spec.lengthEncoding} bits`,
          )
        : wsFinding(
            'non-minimal-length',
            'warning',
            '5.2',
            `length ${declared} sent in ${spec.lengthEncoding} bits; the minimal number of bytes MUST be used`,
          ),
    );
  }
  // A compressed payload (RSV1 under permessage-deflate) is checked before compression.
  const compressed = spec.rsv1 === true && allowed.rsv1 === true;
  if (op === Opcode.Text && fin && !compressed && !isValidUtf8(payload)) {
    out.push(
      wsFinding('invalid-utf8', 'error', '8.1', 'text payload is not valid UTF-8', {
        closeCode: 1007,
      }),
    );
  }
  if (op === Opcode.Close) out.push(...checkClosePayload(payload));
  return out;
}

/** Checks a Close frame body (§5.5.1, §7.4): empty, or a valid 2-byte code plus UTF-8 reason. */
export function checkClosePayload(payload: Uint8Array): ProtocolFinding[] {
  if (payload.length === 0) return [];
  if (payload.length === 1) {
    return [
      wsFinding(
        'close-payload-one-byte',
        'error',
        '5.5.1',
        'a close body must be empty or start with a 2-byte code',
        {
          closeCode: 1002,
        },
      ),
    ];
  }
  const out: ProtocolFinding[] = [];
  const code = (payload[0]! << 8) | payload[1]!;
  const problem = closeCodeProblem(code);
  if (problem !== undefined) {
    out.push(
      wsFinding('invalid-close-code', 'error', closeCodeSection(code), `close code ${problem}`, {
        closeCode: 1002,
      }),
    );
  }
  if (!isValidUtf8(payload.subarray(2))) {
    out.push(
      wsFinding('close-reason-invalid-utf8', 'error', '5.5.1', 'close reason is not valid UTF-8', {
        closeCode: 1007,
      }),
    );
  }
  return out;
}

/**
 * Serializes one frame. Returns `{ ok: false, findings }` for an invalid frame unless
 * `allowInvalid` is set, in which case the bytes are written as asked and `findings` lists what
 * is wrong with them. A spec that cannot be written at all (a length that does not fit the
 * forced encoding, a mask key not 4 bytes long, an opcode over 15) is always refused.
 */
export function writeFrame(spec: FrameSpec, options: WriteOptions): WriteResult {
  const findings = checkFrameSpec(spec, options);
  const unwritable = findings.some((f) => UNWRITABLE.has(f.code));
  if (unwritable || (findings.some((f) => f.severity !== 'info') && !options.allowInvalid)) {
    return { ok: false, findings };
  }
  const payload = spec.payload ?? new Uint8Array(0);
  const declared = spec.declaredLength ?? payload.length;
  const encoding = spec.lengthEncoding ?? minimalLengthEncoding(declared);
  const extLen = encoding === 7 ? 0 : encoding === 16 ? 2 : 8;
  const maskLen = spec.mask ? 4 : 0;
  const headerLength = 2 + extLen + maskLen;
  const out = new Uint8Array(headerLength + payload.length);
  out[0] =
    ((spec.fin ?? true) ? 0x80 : 0) |
    (spec.rsv1 ? 0x40 : 0) |
    (spec.rsv2 ? 0x20 : 0) |
    (spec.rsv3 ? 0x10 : 0) |
    (spec.opcode & 0x0f);
  const maskBit = spec.mask ? 0x80 : 0;
  if (encoding === 7) {
    out[1] = maskBit | Number(declared);
  } else if (encoding === 16) {
    out[1] = maskBit | 126;
    out[2] = (Number(declared) >> 8) & 0xff;
    out[3] = Number(declared) & 0xff;
  } else {
    out[1] = maskBit | 127;
    let big = BigInt(declared);
    for (let i = 9; i >= 2; i--) {
      out[i] = Number(big & 0xffn);
      big >>= 8n;
    }
  }
  out.set(payload, headerLength);
  if (spec.mask) {
    out.set(spec.mask, 2 + extLen);
    applyMask(out, spec.mask, headerLength, out.length);
  }
  return { ok: true, bytes: out, findings };
}

/** Builds a Close frame body: 2-byte big-endian code plus UTF-8 reason (§5.5.1). */
export function encodeClosePayload(code?: number, reason = ''): Uint8Array {
  if (code === undefined) return new Uint8Array(0);
  const text = encodeUtf8(reason);
  const out = new Uint8Array(2 + text.length);
  out[0] = (code >> 8) & 0xff;
  out[1] = code & 0xff;
  out.set(text, 2);
  return out;
}

/** Writes a Close frame with an optional code and reason (§5.5.1). */
export function writeCloseFrame(
  code: number | undefined,
  reason: string,
  options: WriteOptions & { mask?: Uint8Array },
): WriteResult {
  const spec: FrameSpec = { opcode: Opcode.Close, payload: encodeClosePayload(code, reason) };
  if (options.mask) spec.mask = options.mask;
  return writeFrame(spec, options);
}

/** Writes a single-frame text message. */
export function writeTextFrame(
  text: string,
  options: WriteOptions & { mask?: Uint8Array },
): WriteResult {
  const spec: FrameSpec = { opcode: Opcode.Text, payload: encodeUtf8(text) };
  if (options.mask) spec.mask = options.mask;
  return writeFrame(spec, options);
}
