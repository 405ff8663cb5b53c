/**
 * Sec-WebSocket-Key / Sec-WebSocket-Accept (RFC 6455 §4.1, §4.2.2).
 */
import { decodeBase64, encodeBase64 } from '../shared/base64.js';
import { sha1 } from '../shared/sha1.js';

/** The GUID appended to the key (RFC 6455 §1.3, §4.2.2). */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/**
 * Sec-WebSocket-Accept for a key: base64(SHA-1(key + GUID)) (RFC 6455 §4.2.2 step 5.4).
 * The key is used as sent (its base64 text), not decoded.
 */
export function computeAccept(key: string): string {
  const bytes = new Uint8Array(key.length + WEBSOCKET_GUID.length);
  const text = key + WEBSOCKET_GUID;
  // Keys are ASCII (base64); any other character is hashed by its low byte, as a peer would
  // compare it byte-wise anyway.
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return encodeBase64(sha1(bytes));
}

/**
 * A fresh Sec-WebSocket-Key from 16 caller-supplied random bytes (RFC 6455 §4.1: "a randomly
 * selected 16-byte value that has been base64-encoded"). Randomness is passed in (sans-I/O).
 */
export function makeKey(random16: Uint8Array): string {
  return encodeBase64(random16.subarray(0, 16));
}

/** True when `key` is base64 of exactly 16 bytes (RFC 6455 §4.2.1 item 5). */
export function isValidKey(key: string): boolean {
  return decodeBase64(key)?.length === 16;
}
