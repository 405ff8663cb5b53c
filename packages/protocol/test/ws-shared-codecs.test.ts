import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeBase64,
  decodeBase64Url,
  encodeBase64,
  encodeBase64Url,
  isValidUtf8,
  sha1,
  Utf8Validator,
} from '../src/index.js';

const runs = process.env.CI ? 20000 : 1500;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('SHA-1 (FIPS 180-4) against node:crypto', () => {
  it('matches the FIPS "abc" vector and the empty string', () => {
    expect(hex(sha1(new TextEncoder().encode('abc')))).toBe(
      'a9993e364706816aba3e25717850c26c9cd0d89d',
    );
    expect(hex(sha1(new Uint8Array(0)))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });
  it('matches node:crypto for every length around block boundaries', () => {
    for (let len = 0; len < 200; len++) {
      const data = randomBytes(len);
      expect(hex(sha1(data))).toBe(createHash('sha1').update(data).digest('hex'));
    }
  });
  it('matches node:crypto on random inputs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (data) => {
        expect(hex(sha1(data))).toBe(createHash('sha1').update(data).digest('hex'));
      }),
      { numRuns: 300 },
    );
  });
});

describe('Base64 (RFC 4648 §4, §5)', () => {
  it('encodes like Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (data) => {
        expect(encodeBase64(data)).toBe(Buffer.from(data).toString('base64'));
        expect(encodeBase64Url(data)).toBe(Buffer.from(data).toString('base64url'));
        expect(decodeBase64(encodeBase64(data))).toEqual(data);
        expect(decodeBase64Url(encodeBase64Url(data))).toEqual(data);
      }),
      { numRuns: 500 },
    );
  });
  it('rejects malformed input', () => {
    for (const bad of [
      'a',
      'ab',
      'abc',
      'a===',
      '====',
      'ab=c',
      'ab c',
      'Zh==',
      'Zm9=',
      '\u00e9AAA',
      'AA-_',
    ]) {
      expect(decodeBase64(bad), bad).toBeUndefined();
    }
    for (const bad of ['a', 'ab==', 'a+bc', 'a/bc', 'Zh']) {
      expect(decodeBase64Url(bad), bad).toBeUndefined();
    }
    expect(decodeBase64('')).toEqual(new Uint8Array(0));
    expect(decodeBase64('Zg==')).toEqual(new Uint8Array([0x66]));
  });
});

/** Bytes that look like UTF-8 often, with edge lead bytes, so both outcomes occur. */
const utf8ish = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 255 }).map((b) => [b]),
    fc.string({ unit: 'binary', maxLength: 4 }).map((s) => [...new TextEncoder().encode(s)]),
    fc.constantFrom(
      [0xe0, 0xa0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xc0, 0xaf],
      [0xf0, 0x8f],
    ),
  ),
  { maxLength: 30 },
);

describe('UTF-8 validator (RFC 3629) agrees with TextDecoder({fatal: true})', () => {
  const fatal = new TextDecoder('utf-8', { fatal: true });
  const decodes = (b: Uint8Array) => {
    try {
      fatal.decode(b);
      return true;
    } catch {
      return false;
    }
  };
  it('whole input and at any split, fail-fast at the first bad byte', () => {
    fc.assert(
      fc.property(utf8ish, fc.nat(), (parts, splitSeed) => {
        const bytes = new Uint8Array(parts.flat());
        const expected = decodes(bytes);
        expect(isValidUtf8(bytes)).toBe(expected);
        const split = bytes.length === 0 ? 0 : splitSeed % (bytes.length + 1);
        const v = new Utf8Validator();
        const a = v.push(bytes, 0, split);
        const b = a === -1 ? v.push(bytes, split) : a;
        const ok = b === -1 && v.complete;
        expect(ok).toBe(expected);
        if (!ok && b !== -1) {
          // Fail-fast: the prefix before the reported byte could still start valid text,
          // the prefix including it cannot.
          const prefixOk = new Utf8Validator().push(bytes.subarray(0, b)) === -1;
          expect(prefixOk).toBe(true);
          expect(new Utf8Validator().push(bytes.subarray(0, b + 1))).toBe(b);
        }
      }),
      { numRuns: runs },
    );
  }, 120_000);
  it('classic cases', () => {
    expect(isValidUtf8(new Uint8Array([0xce, 0xba, 0xe1, 0xbd, 0xb9]))).toBe(true);
    expect(isValidUtf8(new Uint8Array([0xf4, 0x8f, 0xbf, 0xbf]))).toBe(true);
    expect(isValidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(false);
    expect(isValidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(false);
    expect(isValidUtf8(new Uint8Array([0xc0, 0x80]))).toBe(false);
    expect(isValidUtf8(new Uint8Array([0xe2, 0x82]))).toBe(false);
    expect(new Utf8Validator().push(new Uint8Array([0x41, 0xe0, 0x9f]))).toBe(2);
  });
});
