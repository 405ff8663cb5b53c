import { describe, expect, it } from 'vitest';
import { generateWebSocketKey } from '../src/composer/websocket-key.js';

const decodedLength = (key: string) => atob(key).length;

describe('generateWebSocketKey', () => {
  it('gives 24 base64 characters that decode to 16 bytes (RFC 6455 §4.1)', () => {
    const key = generateWebSocketKey();
    expect(key).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(decodedLength(key)).toBe(16);
  });

  it('encodes exactly the random bytes it is given', () => {
    const key = generateWebSocketKey(16, (bytes) => bytes.forEach((_, i) => (bytes[i] = i + 1)));
    // RFC 6455 §4.1 gives this example: bytes 0x01..0x10 give "AQIDBAUGBwgJCgsMDQ4PEA==".
    expect(key).toBe('AQIDBAUGBwgJCgsMDQ4PEA==');
  });

  it('differs between calls (random source is used)', () => {
    expect(generateWebSocketKey()).not.toBe(generateWebSocketKey());
  });

  it('can build a short key for the short-key preset', () => {
    expect(decodedLength(generateWebSocketKey(8))).toBe(8);
  });
});
