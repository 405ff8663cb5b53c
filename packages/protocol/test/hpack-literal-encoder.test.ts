/**
 * The literal-only HPACK encoder (RFC 7541 §6.2.2) against the RFC's own byte examples. Read back
 * by Node's nghttp2 elsewhere: the probe's h2-echo tests (its peer decodes every HEADERS frame
 * the client sends) and the server's h2c tests (Node's server reads stream 1's HEADERS).
 */
import { describe, expect, it } from 'vitest';
import { HpackDecoder, encodeHpackInteger, encodeHpackLiterals } from '../src/index.js';

const hex = (bytes: Uint8Array | number[]) => Buffer.from(bytes).toString('hex');

describe('encodeHpackInteger (RFC 7541 §5.1)', () => {
  it('matches the examples of Appendix C.1', () => {
    expect(hex(encodeHpackInteger(10, 5))).toBe('0a'); // C.1.1
    expect(hex(encodeHpackInteger(1337, 5))).toBe('1f9a0a'); // C.1.2
    expect(hex(encodeHpackInteger(42, 8))).toBe('2a'); // C.1.3
  });
  it('takes a continuation byte for a value equal to the prefix maximum', () => {
    expect(hex(encodeHpackInteger(127, 7))).toBe('7f00');
  });
});

describe('encodeHpackLiterals', () => {
  it("writes C.2.1's field as a literal without indexing, new name (§6.2.2)", () => {
    // C.2.1 uses "with incremental indexing" (first octet 0x40); §6.2.2 is the same with 0x00.
    expect(hex(encodeHpackLiterals([['custom-key', 'custom-header']]))).toBe(
      '000a637573746f6d2d6b65790d637573746f6d2d686561646572',
    );
  });

  it("writes C.2.2's field with a new name instead of the indexed :path", () => {
    // C.2.2 uses an indexed name (:path, index 4); with a new name the same field is
    // 00 | 05 ":path" | 0c "/sample/path".
    expect(hex(encodeHpackLiterals([[':path', '/sample/path']]))).toBe(
      '00' + '05' + hex(Buffer.from(':path')) + '0c' + hex(Buffer.from('/sample/path')),
    );
  });

  it('round-trips long values and leaves the dynamic table empty', () => {
    const fields: [string, string][] = [
      [':method', 'CONNECT'],
      [':protocol', 'websocket'],
      ['x-long', 'v'.repeat(300)],
    ];
    const decoder = new HpackDecoder();
    const out = decoder.decode(encodeHpackLiterals(fields));
    expect(out.error).toBeUndefined();
    expect(out.headers).toEqual(fields);
    expect(decoder.tableSize).toBe(0);
  });
});
