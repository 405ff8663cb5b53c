/** Helpers to compare recorded frames with tapped bytes. */
import type { FrameJson } from '@switchyard/exchange';

export function b64(text: string | undefined): Uint8Array {
  return new Uint8Array(Buffer.from(text ?? '', 'base64'));
}

export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

/** Index just past the first CRLFCRLF (end of an HTTP head), or -1. */
export function headEnd(bytes: Uint8Array): number {
  const i = latin1(bytes).indexOf('\r\n\r\n');
  return i < 0 ? -1 : i + 4;
}

/** The frame's payload as it appears on the wire, unmasked with its key. */
export function wirePayload(stream: Uint8Array, frame: FrameJson): Uint8Array {
  const bytes = stream.slice(frame.payloadOffset, frame.payloadOffset + frame.payloadLength);
  if (frame.maskKey !== undefined) {
    const key = b64(frame.maskKey);
    for (let i = 0; i < bytes.length; i++) bytes[i] = bytes[i]! ^ key[i % 4]!;
  }
  return bytes;
}

/** Waits until `predicate()` is true, polling every 10 ms, for at most `ms`. */
export async function waitFor(predicate: () => boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
