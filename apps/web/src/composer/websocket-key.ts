/**
 * RFC 6455 §4.1: the Sec-WebSocket-Key is a randomly selected 16-byte nonce, base64-encoded
 * (24 characters). `byteLength` other than 16 exists only to build the "short key" preset.
 */
export function generateWebSocketKey(
  byteLength = 16,
  fillRandom: (bytes: Uint8Array<ArrayBuffer>) => void = (bytes) => {
    crypto.getRandomValues(bytes);
  },
): string {
  const bytes = new Uint8Array(byteLength);
  fillRandom(bytes);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
