/**
 * Share ids: the unguessable part of a share link `/x/{id}`. 18 random bytes (144 bits, above
 * the 128 the issue asks for) encode to exactly 24 base64url characters (RFC 4648 §5) with no
 * padding and no partial last character. Randomness is injected so this package stays
 * browser-safe: the server passes `crypto.randomBytes`, a browser `crypto.getRandomValues`.
 */
import { encodeBase64Url } from './base64.js';

/** Returns `n` cryptographically random bytes. */
export type RandomBytes = (n: number) => Uint8Array;

/** Random bytes in a share id. */
export const SHARE_ID_BYTES = 18;

const SHARE_ID_RE = /^[A-Za-z0-9_-]{22,64}$/;

/** Makes a new share id from `randomBytes` (must be a CSPRNG). */
export function newShareId(randomBytes: RandomBytes): string {
  const bytes = randomBytes(SHARE_ID_BYTES);
  if (bytes.length !== SHARE_ID_BYTES) {
    throw new RangeError(`randomBytes returned ${bytes.length} bytes, expected ${SHARE_ID_BYTES}`);
  }
  return encodeBase64Url(bytes);
}

/**
 * True when `text` has the shape of a share id: 22 to 64 base64url characters (22 is 128 bits,
 * the floor; imported exchanges may carry ids made elsewhere).
 */
export function isShareId(text: string): boolean {
  return SHARE_ID_RE.test(text);
}
