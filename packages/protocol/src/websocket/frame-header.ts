/**
 * Decoding and checking one WebSocket frame header (RFC 6455 §5.2) before its payload arrives,
 * so that a violation is reported at the earliest byte that shows it.
 */
import type { ProtocolFinding } from '../shared/problem.js';
import type { Direction } from './frame-record.js';
import { Opcode } from './frame-record.js';
import { minimalLengthEncoding } from './frame-writer.js';
import { wsFinding } from './findings.js';

/** The header fields of one frame. */
export interface FrameHeader {
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  opcode: number;
  masked: boolean;
  /** Declared payload length (imprecise above 2^53, which no limit lets through anyway). */
  length: number;
  encoding: 7 | 16 | 64;
  /** Offset of the masking key within the header (when masked). */
  maskOffset: number;
}

/** What the receiver negotiated and is willing to accept. */
export interface HeaderRules {
  direction: Direction;
  perMessageDeflate: boolean;
  allowedRsv: { rsv1?: boolean; rsv2?: boolean; rsv3?: boolean };
  maxFrameSize: number;
  maxMessageSize: number;
}

/** Decodes a complete header held in `h` (2 to 14 bytes). */
export function decodeFrameHeader(h: Uint8Array): FrameHeader {
  const b0 = h[0]!;
  const b1 = h[1]!;
  const len7 = b1 & 0x7f;
  let length = len7;
  let encoding: 7 | 16 | 64 = 7;
  let maskOffset = 2;
  if (len7 === 126) {
    length = (h[2]! << 8) | h[3]!;
    encoding = 16;
    maskOffset = 4;
  } else if (len7 === 127) {
    const hi = ((h[2]! << 24) | (h[3]! << 16) | (h[4]! << 8) | h[5]!) >>> 0;
    const lo = ((h[6]! << 24) | (h[7]! << 16) | (h[8]! << 8) | h[9]!) >>> 0;
    length = hi * 0x100000000 + lo;
    encoding = 64;
    maskOffset = 10;
  }
  return {
    fin: (b0 & 0x80) !== 0,
    rsv1: (b0 & 0x40) !== 0,
    rsv2: (b0 & 0x20) !== 0,
    rsv3: (b0 & 0x10) !== 0,
    opcode: b0 & 0x0f,
    masked: (b1 & 0x80) !== 0,
    length,
    encoding,
    maskOffset,
  };
}

/**
 * Checks a header against RFC 6455 §5 (and RFC 7692 §6 for RSV1) given the message in
 * progress (`message.opcode` 0 when none). `at` is the stream offset of the header's first byte.
 */
export function checkFrameHeader(
  hd: FrameHeader,
  rules: HeaderRules,
  message: { opcode: number; size: number },
  at: number,
): ProtocolFinding[] {
  const { fin, rsv1, rsv2, rsv3, opcode, masked, length, encoding } = hd;
  const control = (opcode & 0x08) !== 0;
  const findings: ProtocolFinding[] = [];
  // RFC 6455 §5.2: "the most significant bit MUST be 0" (a 64-bit length below 2^63).
  if (encoding === 64 && length >= 2 ** 63) {
    findings.push(
      wsFinding(
        'length-msb-set',
        'error',
        '5.2',
        'the most significant bit of a 64-bit length must be 0',
        {
          closeCode: 1002,
          offset: at + 2,
        },
      ),
    );
  }
  // RFC 6455 §5.2: "the minimal number of bytes MUST be used to encode the length".
  if (encoding !== minimalLengthEncoding(length)) {
    findings.push(
      wsFinding(
        'non-minimal-length',
        'warning',
        '5.2',
        `length ${length} encoded in ${encoding} bits instead of the minimal form`,
        {
          offset: at + 1,
        },
      ),
    );
  }
  // RFC 6455 §5.2: opcodes 3-7 and 0xB-0xF are reserved; receiving one fails the connection.
  if ((opcode >= 3 && opcode <= 7) || opcode >= 0xb) {
    findings.push(
      wsFinding('reserved-opcode', 'error', '5.2', `reserved opcode 0x${opcode.toString(16)}`, {
        closeCode: 1002,
        offset: at,
      }),
    );
  }
  const allowed = rules.allowedRsv;
  const deflate = rules.perMessageDeflate;
  // RFC 6455 §5.2: RSV bits MUST be 0 unless an extension defines them.
  if ((rsv1 && !allowed.rsv1 && !deflate) || (rsv2 && !allowed.rsv2) || (rsv3 && !allowed.rsv3)) {
    findings.push(
      wsFinding(
        'rsv-without-extension',
        'error',
        '5.2',
        'RSV bit set without a negotiated extension that defines it',
        {
          closeCode: 1002,
          offset: at,
        },
      ),
    );
  } else if (rsv1 && deflate && !allowed.rsv1 && (control || opcode === Opcode.Continuation)) {
    // RFC 7692 §6: the "Per-Message Compressed" bit is only set on the first frame of a
    // data message, never on control frames or continuations.
    findings.push(
      wsFinding(
        'rsv1-not-first-fragment',
        'error',
        '6',
        'RSV1 on a control frame or a continuation frame',
        {
          closeCode: 1002,
          offset: at,
          rfc: 'RFC 7692',
        },
      ),
    );
  }
  // RFC 6455 §5.1: a server MUST close on an unmasked client frame; a client MUST close on a
  // masked server frame.
  if (rules.direction === 'client-to-server' && !masked) {
    findings.push(
      wsFinding('client-frame-unmasked', 'error', '5.1', 'client-to-server frame is not masked', {
        closeCode: 1002,
        offset: at + 1,
      }),
    );
  } else if (rules.direction === 'server-to-client' && masked) {
    findings.push(
      wsFinding('server-frame-masked', 'error', '5.1', 'server-to-client frame is masked', {
        closeCode: 1002,
        offset: at + 1,
      }),
    );
  }
  if (control) {
    // RFC 6455 §5.5: control frames have a payload of at most 125 bytes and are not fragmented.
    if (length > 125) {
      findings.push(
        wsFinding(
          'control-frame-too-long',
          'error',
          '5.5',
          `control frame payload of ${length} bytes (max 125)`,
          {
            closeCode: 1002,
            offset: at + 1,
          },
        ),
      );
    }
    if (!fin) {
      findings.push(
        wsFinding('control-frame-fragmented', 'error', '5.5', 'control frame without FIN', {
          closeCode: 1002,
          offset: at,
        }),
      );
    }
  } else if (opcode === Opcode.Continuation) {
    // RFC 6455 §5.4: a continuation frame only follows an unfinished data frame.
    if (message.opcode === 0) {
      findings.push(
        wsFinding(
          'unexpected-continuation',
          'error',
          '5.4',
          'continuation frame with no message in progress',
          {
            closeCode: 1002,
            offset: at,
          },
        ),
      );
    }
  } else if (opcode === Opcode.Text || opcode === Opcode.Binary) {
    // RFC 6455 §5.4: fragments of one message are not interleaved with another data message.
    if (message.opcode !== 0) {
      findings.push(
        wsFinding(
          'expected-continuation',
          'error',
          '5.4',
          'new data frame while a fragmented message is in progress',
          {
            closeCode: 1002,
            offset: at,
          },
        ),
      );
    }
  }
  if (length > rules.maxFrameSize) {
    findings.push(
      wsFinding(
        'frame-too-big',
        'error',
        '7.4.1',
        `frame payload of ${length} bytes exceeds the limit of ${rules.maxFrameSize}`,
        {
          closeCode: 1009,
          offset: at,
        },
      ),
    );
  } else if (
    !control &&
    (opcode === Opcode.Continuation ? message.opcode !== 0 : true) &&
    (opcode === Opcode.Continuation ? message.size : 0) + length > rules.maxMessageSize
  ) {
    findings.push(
      wsFinding(
        'message-too-big',
        'error',
        '7.4.1',
        `message exceeds the limit of ${rules.maxMessageSize} bytes`,
        {
          closeCode: 1009,
          offset: at,
        },
      ),
    );
  }
  return findings;
}
