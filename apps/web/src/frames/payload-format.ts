import { decodeBase64, type FrameJson } from '@switchyard/exchange';
import { closeCodeLabel } from './close-code-name.js';

/** The payload bytes a reader wants: the inflated message when permessage-deflate applied. */
export function payloadBytes(frame: FrameJson): Uint8Array {
  return decodeBase64(frame.inflated ?? frame.payload) ?? new Uint8Array();
}

/** UTF-8 text of the payload, or undefined when it is not valid UTF-8 (RFC 6455 §5.6). */
export function payloadText(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Pretty-printed JSON when the payload is a JSON text, else undefined. */
export function payloadJson(bytes: Uint8Array): string | undefined {
  const text = payloadText(bytes);
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.stringify(JSON.parse(text) as unknown, null, 2);
  } catch {
    return undefined;
  }
}

/**
 * A classic hex dump: offset, 16 bytes in hex, then the printable ASCII (others as `.`).
 * Bounded by `limit` bytes so a huge payload cannot freeze the page.
 */
export function hexDump(bytes: Uint8Array, limit = 64 * 1024): string {
  const lines: string[] = [];
  const end = Math.min(bytes.length, limit);
  for (let offset = 0; offset < end; offset += 16) {
    const row = bytes.subarray(offset, Math.min(offset + 16, end));
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'));
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii.join('')}`);
  }
  if (bytes.length > end) lines.push(`… ${bytes.length - end} more bytes not shown`);
  return lines.join('\n');
}

/**
 * A Close frame's body as a reader wants it (RFC 6455 §5.5.1: an optional 2-byte status code,
 * then an optional UTF-8 reason), or undefined for other frames.
 */
export function closeText(frame: FrameJson): string | undefined {
  if (frame.opcode !== 0x8) return undefined;
  const close = frame.close;
  if (!close || close.code === undefined) return 'No status code (empty Close body).';
  return `Status code: ${closeCodeLabel(close.code)}\nReason: ${close.reason ? close.reason : '(none)'}`;
}
