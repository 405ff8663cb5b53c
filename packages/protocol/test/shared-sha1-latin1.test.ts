import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeAccept, decodeLatin1, parseResponseHead, sha1 } from '../src/index.js';

// node:crypto and Buffer are the independent peers here (test only; src stays browser-safe).
const nodeSha1 = (data: Uint8Array) => createHash('sha1').update(data).digest('hex');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('sha1 with module-level scratch buffers', () => {
  it('matches node:crypto on random inputs of every length 0..300', () => {
    for (let len = 0; len <= 300; len++) {
      for (let sample = 0; sample < 3; sample++) {
        const data = randomBytes(len);
        expect(hex(sha1(data)), `length ${len}`).toBe(nodeSha1(data));
      }
    }
  });

  it('matches node:crypto on long inputs and on views into larger buffers', () => {
    for (const len of [1000, 4095, 4096, 65537, 300_001]) {
      const data = randomBytes(len);
      expect(hex(sha1(data)), `length ${len}`).toBe(nodeSha1(data));
    }
    const backing = randomBytes(500);
    for (const [start, end] of [
      [3, 3],
      [1, 56],
      [7, 71],
      [13, 200],
      [64, 500],
    ] as const) {
      const view = new Uint8Array(backing.buffer, backing.byteOffset + start, end - start);
      expect(hex(sha1(view))).toBe(nodeSha1(view));
    }
  });

  it('gives each caller a fresh result that later calls do not overwrite', () => {
    const a = randomBytes(70);
    const b = randomBytes(3);
    const first = sha1(a);
    const firstHex = hex(first);
    const second = sha1(b);
    expect(second).not.toBe(first);
    expect(hex(first)).toBe(firstHex);
    expect(hex(second)).toBe(nodeSha1(b));
    // Scribbling on a result does not leak into the next digest.
    first.fill(0);
    expect(hex(sha1(a))).toBe(firstHex);
  });

  it('leaves no state behind between a long input and a short one', () => {
    const long = randomBytes(10_000);
    const short = new TextEncoder().encode('abc');
    expect(hex(sha1(long))).toBe(nodeSha1(long));
    expect(hex(sha1(short))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1(new Uint8Array(0)))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });

  it('gives the RFC 6455 §1.3 example accept', () => {
    expect(computeAccept('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });
});

describe('decodeLatin1 (chunked fromCharCode.apply)', () => {
  it('maps every byte value to the code point of the same value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = decodeLatin1(all);
    expect(text.length).toBe(256);
    for (let i = 0; i < 256; i++) expect(text.charCodeAt(i)).toBe(i);
    expect(text).toBe(Buffer.from(all).toString('latin1'));
  });

  it('decodes 100 KB inputs like Buffer, whole and in ranges across chunk boundaries', () => {
    const data = randomBytes(100 * 1024);
    const whole = decodeLatin1(data);
    expect(whole.length).toBe(data.length);
    expect(whole).toBe(data.toString('latin1'));
    for (const [start, end] of [
      [0, 0],
      [0, 8191],
      [0, 8192],
      [0, 8193],
      [1, 16_385],
      [8191, 8193],
      [5000, 100 * 1024],
      [100 * 1024, 100 * 1024],
    ] as const) {
      expect(decodeLatin1(data, start, end), `${start}..${end}`).toBe(
        data.toString('latin1', start, end),
      );
    }
  });

  it('keeps obs-text in a parsed head (the head parser decodes with it)', () => {
    const head = Uint8Array.from([
      ...new TextEncoder().encode('HTTP/1.1 200 OK\r\nX-Obs: a'),
      0xe9,
      0x80,
      0xff,
      ...new TextEncoder().encode('\r\n\r\n'),
    ]);
    const parsed = parseResponseHead(head);
    expect(parsed.state).toBe('complete');
    if (parsed.state !== 'complete') return;
    expect(parsed.head.headers).toEqual([['X-Obs', 'a\u00e9\u0080\u00ff']]);
  });
});
