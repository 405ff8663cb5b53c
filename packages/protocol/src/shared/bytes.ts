/**
 * Byte helpers without `Buffer`, so the core runs in Node and in the browser alike.
 *
 * HTTP/1.1 heads are octet sequences (RFC 9112 §2.2: "a recipient MUST parse an HTTP message as
 * a sequence of octets in an encoding that is a superset of US-ASCII"). Decoding each octet to
 * the code point of the same value (ISO-8859-1 / "latin1") is lossless, so offsets in the text
 * equal offsets in the bytes and obs-text (%x80-FF) survives a round trip.
 */

/** Largest argument list passed to `String.fromCharCode` at once (engines cap argument counts). */
const LATIN1_CHUNK = 8192;

/**
 * Decodes `bytes[start..end)` one octet per character (latin1), losslessly. Not `TextDecoder`:
 * its "latin1" label is windows-1252 (WHATWG Encoding), which maps 0x80-0x9F elsewhere.
 */
export function decodeLatin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  // Performance: `apply` takes the typed array as the argument list directly; spreading it
  // (`fromCharCode(...view)`) goes through the iterator protocol and costs several times more.
  if (end - start <= LATIN1_CHUNK) {
    return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  }
  let out = '';
  for (let i = start; i < end; i += LATIN1_CHUNK) {
    const stop = Math.min(end, i + LATIN1_CHUNK);
    out += String.fromCharCode.apply(null, bytes.subarray(i, stop) as unknown as number[]);
  }
  return out;
}

/**
 * Encodes text one octet per character. Characters above U+00FF have no single octet: they are
 * written as their UTF-8 bytes, so nothing is silently dropped (a composed head is sent exactly
 * as typed).
 */
export function encodeLatin1(text: string): Uint8Array {
  let wide = false;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0xff) {
      wide = true;
      break;
    }
  }
  if (!wide) {
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  const parts: Uint8Array[] = [];
  const utf8 = new TextEncoder();
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    parts.push(code <= 0xff ? Uint8Array.of(code) : utf8.encode(ch));
  }
  return concatBytes(parts);
}

/** Concatenates byte arrays into a new one. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** True when both arrays hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
