/**
 * Incremental, fail-fast UTF-8 validation (RFC 3629 §4 syntax, the same set of byte strings that
 * `new TextDecoder('utf-8', { fatal: true })` accepts). RFC 6455 §8.1 requires an endpoint to
 * fail the connection as soon as text data is not valid UTF-8, even mid-message and across
 * fragments, so the validator reports the first byte that can no longer start or continue a
 * valid sequence, rather than waiting for the end of the message.
 */

/** Streaming UTF-8 validator. Feed chunks with {@link Utf8Validator.push}. */
export class Utf8Validator {
  /** Continuation bytes still expected for the current code point. */
  private need = 0;
  /** Allowed range of the next continuation byte (narrowed after E0, ED, F0, F4). */
  private lo = 0x80;
  private hi = 0xbf;

  /**
   * Validates `bytes[start..end)`. Returns -1 when everything so far can still be (or is) valid
   * UTF-8, else the index (within `bytes`) of the first byte that makes the stream invalid.
   * After an error the validator stays in error until {@link reset}.
   */
  push(bytes: Uint8Array, start = 0, end = bytes.length): number {
    if (this.need < 0) return start;
    let need = this.need;
    let lo = this.lo;
    let hi = this.hi;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (need === 0) {
        if (b < 0x80) {
          // ASCII run: the common case, stay in this tight loop.
          continue;
        }
        if (b >= 0xc2 && b <= 0xdf) {
          need = 1;
          lo = 0x80;
          hi = 0xbf;
        } else if (b >= 0xe0 && b <= 0xef) {
          need = 2;
          // E0 must be followed by A0..BF (no overlong); ED by 80..9F (no UTF-16 surrogates).
          lo = b === 0xe0 ? 0xa0 : 0x80;
          hi = b === 0xed ? 0x9f : 0xbf;
        } else if (b >= 0xf0 && b <= 0xf4) {
          need = 3;
          // F0 must be followed by 90..BF (no overlong); F4 by 80..8F (max U+10FFFF).
          lo = b === 0xf0 ? 0x90 : 0x80;
          hi = b === 0xf4 ? 0x8f : 0xbf;
        } else {
          // 80..C1 (stray continuation / overlong 2-byte lead) and F5..FF never start a sequence.
          this.need = -1;
          return i;
        }
      } else {
        if (b < lo || b > hi) {
          this.need = -1;
          return i;
        }
        need--;
        lo = 0x80;
        hi = 0xbf;
      }
    }
    this.need = need;
    this.lo = lo;
    this.hi = hi;
    return -1;
  }

  /** True when the input so far is valid and ends on a code-point boundary. */
  get complete(): boolean {
    return this.need === 0;
  }

  /** True once an invalid byte has been seen. */
  get failed(): boolean {
    return this.need < 0;
  }

  /** Starts over (a new message). */
  reset(): void {
    this.need = 0;
    this.lo = 0x80;
    this.hi = 0xbf;
  }
}

/** True when `bytes` as a whole is valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  const v = new Utf8Validator();
  return v.push(bytes) === -1 && v.complete;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** UTF-8 encode a string (lone surrogates become U+FFFD, as TextEncoder does). */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Decodes UTF-8 (non-fatal: invalid sequences become U+FFFD). Validate first when it matters. */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
