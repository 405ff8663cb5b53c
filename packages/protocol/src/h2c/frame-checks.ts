import { h2ErrorName, h2Finding } from './h2-finding.js';
import type { H2ErrorName, H2Finding } from './h2-finding.js';
import { H2_FRAME_HEADER_LENGTH, H2_FRAME_TYPES, h2HasFlag } from './frame-types.js';
import type { H2Frame } from './frame-types.js';
import { decodeSettingsPayload } from './settings.js';
import type { SettingEntry } from './settings.js';

/** What a frame's payload says, decoded for display (RFC 9113 §6). */
export interface H2FrameDetails {
  settings?: SettingEntry[];
  /** RST_STREAM / GOAWAY error code and its name. */
  errorCode?: number;
  errorName?: string;
  /** GOAWAY. */
  lastStreamId?: number;
  /** WINDOW_UPDATE. */
  windowIncrement?: number;
  /** DATA / HEADERS / PUSH_PROMISE with PADDED. */
  padLength?: number;
}

function u32(p: Uint8Array, i: number): number {
  return p[i]! * 2 ** 24 + ((p[i + 1]! << 16) | (p[i + 2]! << 8) | p[i + 3]!);
}

/**
 * Checks one frame against the per-type rules of RFC 9113 §6 (stream 0 or not, fixed lengths,
 * padding) and decodes its fields. Size limits and CONTINUATION sequencing are checked by the
 * parser.
 */
export function inspectH2Frame(frame: H2Frame): { details: H2FrameDetails; findings: H2Finding[] } {
  const findings: H2Finding[] = [];
  const details: H2FrameDetails = {};
  const { type, streamId, payload, flags, offset } = frame;
  const payloadOffset = offset + H2_FRAME_HEADER_LENGTH;
  const fail = (
    code: string,
    message: string,
    section: string,
    h2Error: H2ErrorName,
    scope: 'connection' | 'stream' = 'connection',
  ): void => {
    findings.push(
      h2Finding(code, 'error', `${frame.typeName}: ${message}`, 'RFC 9113', section, {
        h2Error,
        scope,
        offset,
      }),
    );
  };
  const mustHaveStream = (section: string): void => {
    if (streamId === 0)
      fail('frame-on-stream-zero', 'stream identifier is 0', section, 'PROTOCOL_ERROR');
  };
  const mustBeConnection = (section: string): void => {
    if (streamId !== 0) {
      fail(
        'frame-on-stream',
        `stream identifier is ${streamId}, must be 0`,
        section,
        'PROTOCOL_ERROR',
      );
    }
  };
  const exactLength = (n: number, section: string, scope: 'connection' | 'stream'): boolean => {
    if (payload.length === n) return true;
    fail(
      'frame-length',
      `length ${payload.length}, must be ${n}`,
      section,
      'FRAME_SIZE_ERROR',
      scope,
    );
    return false;
  };
  // RFC 9113 §6.1/§6.2/§6.6: Pad Length must be smaller than the payload it pads.
  const padding = (section: string, fixed: number): void => {
    if (!h2HasFlag(type, flags, 'PADDED')) return;
    if (payload.length < 1) {
      fail('padding', 'PADDED with empty payload', section, 'FRAME_SIZE_ERROR');
      return;
    }
    details.padLength = payload[0]!;
    if (payload[0]! >= payload.length - fixed) {
      fail('padding', `Pad Length ${payload[0]} too large`, section, 'PROTOCOL_ERROR');
    }
  };
  switch (type) {
    case H2_FRAME_TYPES.DATA:
      mustHaveStream('6.1');
      padding('6.1', 0);
      break;
    case H2_FRAME_TYPES.HEADERS: {
      mustHaveStream('6.2');
      const priority = h2HasFlag(type, flags, 'PRIORITY') ? 5 : 0;
      padding('6.2', priority);
      const pad = h2HasFlag(type, flags, 'PADDED') ? 1 : 0;
      if (payload.length < pad + priority) {
        fail('frame-length', 'too short for its PRIORITY fields', '4.2', 'FRAME_SIZE_ERROR');
      }
      break;
    }
    case H2_FRAME_TYPES.PRIORITY:
      mustHaveStream('6.3');
      exactLength(5, '6.3', 'stream');
      break;
    case H2_FRAME_TYPES.RST_STREAM:
      mustHaveStream('6.4');
      if (exactLength(4, '6.4', 'connection')) {
        details.errorCode = u32(payload, 0);
        details.errorName = h2ErrorName(details.errorCode);
      }
      break;
    case H2_FRAME_TYPES.SETTINGS: {
      mustBeConnection('6.5');
      if (h2HasFlag(type, flags, 'ACK')) {
        if (payload.length !== 0) {
          fail('settings-ack-length', 'ACK with a non-empty payload', '6.5', 'FRAME_SIZE_ERROR');
        }
        break;
      }
      const decoded = decodeSettingsPayload(payload, payloadOffset);
      details.settings = decoded.settings;
      findings.push(...decoded.findings);
      break;
    }
    case H2_FRAME_TYPES.PUSH_PROMISE:
      mustHaveStream('6.6');
      padding('6.6', 4);
      break;
    case H2_FRAME_TYPES.PING:
      mustBeConnection('6.7');
      exactLength(8, '6.7', 'connection');
      break;
    case H2_FRAME_TYPES.GOAWAY:
      mustBeConnection('6.8');
      if (payload.length < 8) {
        fail(
          'frame-length',
          `length ${payload.length}, needs at least 8`,
          '4.2',
          'FRAME_SIZE_ERROR',
        );
      } else {
        details.lastStreamId = u32(payload, 0) & 0x7fffffff;
        details.errorCode = u32(payload, 4);
        details.errorName = h2ErrorName(details.errorCode);
      }
      break;
    case H2_FRAME_TYPES.WINDOW_UPDATE:
      if (exactLength(4, '6.9', 'connection')) {
        details.windowIncrement = u32(payload, 0) & 0x7fffffff;
        if (details.windowIncrement === 0) {
          // RFC 9113 §6.9: an increment of 0 is a stream error, or a connection error on 0.
          fail(
            'window-update-zero',
            'increment of 0',
            '6.9',
            'PROTOCOL_ERROR',
            streamId === 0 ? 'connection' : 'stream',
          );
        }
      }
      break;
    case H2_FRAME_TYPES.CONTINUATION:
      mustHaveStream('6.10');
      break;
    default:
      // RFC 9113 §4.1/§5.5: frames of unknown type MUST be ignored and discarded.
      findings.push(
        h2Finding('unknown-frame-type', 'info', `${frame.typeName} ignored`, 'RFC 9113', '5.5', {
          offset,
        }),
      );
  }
  if (frame.reserved) {
    // RFC 9113 §4.1: the R bit MUST remain unset when sending and MUST be ignored on receipt.
    findings.push(
      h2Finding('reserved-bit-set', 'warning', 'Reserved R bit set (ignored)', 'RFC 9113', '4.1', {
        offset,
      }),
    );
  }
  return { details, findings };
}
