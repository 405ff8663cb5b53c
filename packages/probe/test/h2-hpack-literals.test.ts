/**
 * The client's HPACK encoder (literals without indexing, RFC 7541 §6.2.2) against the RFC's
 * own byte examples, and read back by Node's nghttp2 (in h2-echo.test.ts the peer decodes
 * every HEADERS frame the client sends).
 */
import { describe, expect, it } from 'vitest';
import { HpackDecoder } from '@switchyard/protocol';
import { encodeLiteralFieldBlock, hpackInteger } from '../src/index.js';

const hex = (bytes: Uint8Array | number[]) => Buffer.from(bytes).toString('hex');

describe('hpackInteger (RFC 7541 §5.1)', () => {
  it('matches the examples of Appendix C.1', () => {
    expect(hex(hpackInteger(10, 5))).toBe('0a'); // C.1.1
    expect(hex(hpackInteger(1337, 5))).toBe('1f9a0a'); // C.1.2
    expect(hex(hpackInteger(42, 8))).toBe('2a'); // C.1.3
  });
});

describe('encodeLiteralFieldBlock', () => {
  it("writes C.2.1's field as a literal without indexing, new name (§6.2.2)", () => {
    // C.2.1 uses "with incremental indexing" (first octet 0x40); §6.2.2 is the same with 0x00.
    expect(hex(encodeLiteralFieldBlock([['custom-key', 'custom-header']]))).toBe(
      '000a637573746f6d2d6b65790d637573746f6d2d686561646572',
    );
  });

  it('round-trips long values and leaves the dynamic table empty', () => {
    const fields: [string, string][] = [
      [':method', 'CONNECT'],
      [':protocol', 'websocket'],
      ['x-long', 'v'.repeat(300)],
    ];
    const decoder = new HpackDecoder();
    const out = decoder.decode(encodeLiteralFieldBlock(fields));
    expect(out.error).toBeUndefined();
    expect(out.headers).toEqual(fields);
    expect(decoder.tableSize).toBe(0);
  });
});
