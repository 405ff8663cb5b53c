import { decodeBase64, type FrameJson } from '@switchyard/exchange';

/** RFC 6455 §5.2 / §11.8 opcode names; reserved opcodes are named as such. */
export function opcodeName(opcode: number): string {
  switch (opcode) {
    case 0x0:
      return 'continuation';
    case 0x1:
      return 'text';
    case 0x2:
      return 'binary';
    case 0x8:
      return 'close';
    case 0x9:
      return 'ping';
    case 0xa:
      return 'pong';
    default:
      return `reserved 0x${opcode.toString(16)}`;
  }
}

/** Hex of the first `limit` bytes, space-separated. */
export function hexPreview(bytes: Uint8Array, limit = 32): string {
  const shown = Array.from(bytes.subarray(0, limit), (b) => b.toString(16).padStart(2, '0')).join(
    ' ',
  );
  return bytes.length > limit ? `${shown} …` : shown;
}

/**
 * What a frame with no stored payload bytes shows: a payload the capture cap cut to nothing is
 * not an empty payload.
 */
export function emptyPayloadText(frame: FrameJson): string {
  return frame.payloadTruncated ? '(not stored: capture cap)' : '(empty)';
}

/**
 * A one-line payload preview: close code and reason for close frames; UTF-8 text when the
 * (inflated, if compressed) payload decodes as UTF-8; hex otherwise.
 */
export function payloadPreview(frame: FrameJson, limit = 120): string {
  if (frame.close) {
    const { code, reason } = frame.close;
    return code === undefined ? '(no status code)' : `${code}${reason ? ` ${reason}` : ''}`;
  }
  const bytes = decodeBase64(frame.inflated ?? frame.payload) ?? new Uint8Array();
  if (bytes.length === 0) return emptyPayloadText(frame);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.length > limit ? `${text.slice(0, limit)}…` : text;
  } catch {
    return `hex ${hexPreview(bytes)}`;
  }
}

/** True when the capture cap kept only part of this frame's payload (or of its inflated form). */
export function isCut(frame: FrameJson): boolean {
  return frame.payloadTruncated === true || frame.inflatedTruncated === true;
}

/** µs → a short human time ("1.234 ms", "2.5 s"). */
export function formatMicros(us: number): string {
  if (us < 1000) return `${us} µs`;
  if (us < 1_000_000) return `${(us / 1000).toFixed(3)} ms`;
  return `${(us / 1_000_000).toFixed(3)} s`;
}
