import { h2Finding } from './h2-finding.js';
import type { H2Finding } from './h2-finding.js';

/** Known SETTINGS identifiers (RFC 9113 §6.5.2; RFC 8441 §3; RFC 9218 §2.1). */
export const SETTINGS_IDS = {
  HEADER_TABLE_SIZE: 0x1,
  ENABLE_PUSH: 0x2,
  MAX_CONCURRENT_STREAMS: 0x3,
  INITIAL_WINDOW_SIZE: 0x4,
  MAX_FRAME_SIZE: 0x5,
  MAX_HEADER_LIST_SIZE: 0x6,
  /** RFC 8441 §3: extended CONNECT (WebSocket over HTTP/2). */
  ENABLE_CONNECT_PROTOCOL: 0x8,
  /** RFC 9218 §2.1. */
  NO_RFC7540_PRIORITIES: 0x9,
} as const;

/** Name of a known setting. */
export type SettingName = keyof typeof SETTINGS_IDS;

/** One SETTINGS parameter: identifier (16 bits) and value (32 bits), RFC 9113 §6.5.1. */
export interface SettingEntry {
  id: number;
  /** `SETTINGS_<NAME>` for known identifiers, else `UNKNOWN(0x..)`. */
  name: string;
  value: number;
  /** Offset of the entry within the payload. */
  offset: number;
}

/** `SETTINGS_<NAME>` for a known id, else `UNKNOWN(0x..)`. */
export function settingName(id: number): string {
  for (const [name, value] of Object.entries(SETTINGS_IDS)) {
    if (value === id) return `SETTINGS_${name}`;
  }
  return `UNKNOWN(0x${id.toString(16)})`;
}

const MIN_MAX_FRAME = 2 ** 14;
const MAX_MAX_FRAME = 2 ** 24 - 1;
const MAX_WINDOW = 2 ** 31 - 1;

/** RFC 9113 §6.5.2 (and RFC 8441 §3, RFC 9218 §2.1): value checks for one entry. */
function checkEntry(entry: SettingEntry, base: number): H2Finding | undefined {
  const offset = base + entry.offset;
  const conn = { scope: 'connection' as const, offset };
  const bool = (rfc: string, section: string): H2Finding | undefined =>
    entry.value <= 1
      ? undefined
      : h2Finding(
          'invalid-setting-value',
          'error',
          `${entry.name} must be 0 or 1, got ${entry.value}`,
          rfc,
          section,
          { ...conn, h2Error: 'PROTOCOL_ERROR' },
        );
  switch (entry.id) {
    case SETTINGS_IDS.ENABLE_PUSH:
      return bool('RFC 9113', '6.5.2');
    case SETTINGS_IDS.ENABLE_CONNECT_PROTOCOL:
      return bool('RFC 8441', '3');
    case SETTINGS_IDS.NO_RFC7540_PRIORITIES:
      return bool('RFC 9218', '2.1');
    case SETTINGS_IDS.INITIAL_WINDOW_SIZE:
      return entry.value <= MAX_WINDOW
        ? undefined
        : h2Finding(
            'invalid-setting-value',
            'error',
            `SETTINGS_INITIAL_WINDOW_SIZE ${entry.value} exceeds 2^31-1`,
            'RFC 9113',
            '6.5.2',
            { ...conn, h2Error: 'FLOW_CONTROL_ERROR' },
          );
    case SETTINGS_IDS.MAX_FRAME_SIZE:
      return entry.value >= MIN_MAX_FRAME && entry.value <= MAX_MAX_FRAME
        ? undefined
        : h2Finding(
            'invalid-setting-value',
            'error',
            `SETTINGS_MAX_FRAME_SIZE ${entry.value} is outside 2^14..2^24-1`,
            'RFC 9113',
            '6.5.2',
            { ...conn, h2Error: 'PROTOCOL_ERROR' },
          );
    default:
      if (entry.name.startsWith('UNKNOWN')) {
        // RFC 9113 §6.5.2: an unknown or unsupported identifier MUST be ignored.
        return h2Finding(
          'unknown-setting',
          'info',
          `Unknown setting ${entry.name} = ${entry.value} (ignored)`,
          'RFC 9113',
          '6.5.2',
          { offset },
        );
      }
      return undefined;
  }
}

/**
 * Decodes a SETTINGS payload: 6-byte entries of identifier (16 bits) and value (32 bits), in
 * order (RFC 9113 §6.5.1; later values of the same id override earlier ones, §6.5.3). A length
 * that is not a multiple of 6 is a FRAME_SIZE_ERROR (§6.5); the whole entries are still decoded.
 * `base` is added to finding offsets (e.g. the payload's offset in a stream).
 */
export function decodeSettingsPayload(
  payload: Uint8Array,
  base = 0,
): { settings: SettingEntry[]; findings: H2Finding[] } {
  const settings: SettingEntry[] = [];
  const findings: H2Finding[] = [];
  if (payload.length % 6 !== 0) {
    findings.push(
      h2Finding(
        'settings-length',
        'error',
        `SETTINGS payload length ${payload.length} is not a multiple of 6`,
        'RFC 9113',
        '6.5',
        { h2Error: 'FRAME_SIZE_ERROR', scope: 'connection', offset: base },
      ),
    );
  }
  for (let i = 0; i + 6 <= payload.length; i += 6) {
    const id = (payload[i]! << 8) | payload[i + 1]!;
    const value =
      payload[i + 2]! * 2 ** 24 +
      ((payload[i + 3]! << 16) | (payload[i + 4]! << 8) | payload[i + 5]!);
    const entry: SettingEntry = { id, name: settingName(id), value, offset: i };
    settings.push(entry);
    const finding = checkEntry(entry, base);
    if (finding !== undefined) findings.push(finding);
  }
  return { settings, findings };
}

/** Encodes SETTINGS entries as a payload (RFC 9113 §6.5.1). Values are taken modulo 2^32. */
export function encodeSettingsPayload(
  entries: readonly { id: number; value: number }[],
): Uint8Array {
  const out = new Uint8Array(entries.length * 6);
  entries.forEach(({ id, value }, n) => {
    const i = n * 6;
    const v = ((value % 2 ** 32) + 2 ** 32) % 2 ** 32;
    out[i] = (id >> 8) & 0xff;
    out[i + 1] = id & 0xff;
    out[i + 2] = Math.floor(v / 2 ** 24) & 0xff;
    out[i + 3] = (v >>> 16) & 0xff;
    out[i + 4] = (v >>> 8) & 0xff;
    out[i + 5] = v & 0xff;
  });
  return out;
}
