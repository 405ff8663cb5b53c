import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHuffman, encodeLatin1, HpackDecoder } from '../src/index.js';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

function errorOf(block: Uint8Array, decoder = new HpackDecoder()) {
  const out = decoder.decode(block);
  expect(out.error?.h2Error).toBe('COMPRESSION_ERROR');
  expect(out.error?.scope).toBe('connection');
  return out.error!;
}

/** A "literal without indexing, new name" field with raw strings (§6.2.2). */
function literal(name: string, value: string): number[] {
  const n = encodeLatin1(name);
  const v = encodeLatin1(value);
  return [0x00, n.length, ...n, v.length, ...v];
}

describe('HPACK decoding errors (RFC 7541, COMPRESSION_ERROR per RFC 9113 §4.3)', () => {
  it('index 0 (§6.1)', () => {
    const e = errorOf(bytes(0x80));
    expect(e.code).toBe('hpack-index-zero');
    expect(e.cite).toEqual({ rfc: 'RFC 7541', section: '6.1' });
  });

  it('index past the static and dynamic tables (§2.3.3)', () => {
    expect(errorOf(bytes(0x80 | 62)).code).toBe('hpack-index-out-of-range');
    // A literal whose name index points past the tables.
    expect(errorOf(bytes(0x40 | 62, 0x01, 0x61)).code).toBe('hpack-index-out-of-range');
    // One dynamic entry: 62 works, 63 does not.
    const d = new HpackDecoder();
    expect(d.decode(bytes(0x40, 1, 0x61, 1, 0x62)).headers).toEqual([['a', 'b']]);
    expect(d.decode(bytes(0x80 | 62)).headers).toEqual([['a', 'b']]);
    expect(errorOf(bytes(0x80 | 63), d).code).toBe('hpack-index-out-of-range');
  });

  it('truncated integer and string (§5.1, §5.2)', () => {
    expect(errorOf(bytes(0xff)).code).toBe('hpack-truncated');
    expect(errorOf(bytes(0xff, 0x80)).code).toBe('hpack-truncated');
    expect(errorOf(bytes(0x00, 0x05, 0x61)).code).toBe('hpack-truncated');
    expect(errorOf(bytes(0x00, 0x01, 0x61)).code).toBe('hpack-truncated');
  });

  it('integer too large (§5.1 implementation limit)', () => {
    const e = errorOf(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01));
    expect(e.code).toBe('hpack-integer-overflow');
  });

  it('Huffman: EOS in the string, padding of 8+ bits, padding not all ones (§5.2)', () => {
    // EOS is 30 ones: 0xff 0xff 0xff 0xfc holds it followed by 2 zero bits.
    expect(errorOf(bytes(0x00, 0x01, 0x61, 0x84, 0xff, 0xff, 0xff, 0xff)).code).toBe(
      'hpack-huffman-eos',
    );
    // 'a' is 00011 (5 bits): 0x1f = 00011 111 is valid; 0x18 pads with zeros.
    expect(new HpackDecoder().decode(bytes(0x00, 0x81, 0x1f, 0x81, 0x1f)).headers).toEqual([
      ['a', 'a'],
    ]);
    expect(errorOf(bytes(0x00, 0x81, 0x1f, 0x81, 0x18)).code).toBe('hpack-huffman-padding');
    // A whole octet of ones after the symbol: 8 bits of padding.
    expect(errorOf(bytes(0x00, 0x81, 0x1f, 0x82, 0x1f, 0xff)).code).toBe('hpack-huffman-padding');
  });

  it('size update above the advertised limit (§6.3) or after a field (§4.2)', () => {
    // 0x3f 0xe1 0x1f = 31 + 0x61 + (0x1f << 7) = 4096; 4097 is one more.
    expect(new HpackDecoder().decode(bytes(0x3f, 0xe1, 0x1f)).error).toBeUndefined();
    expect(errorOf(bytes(0x3f, 0xe2, 0x1f)).code).toBe('hpack-size-update-too-large');
    expect(errorOf(bytes(0x82, 0x20)).code).toBe('hpack-size-update-position');
  });

  it('stays failed after an error (the table is out of step)', () => {
    const d = new HpackDecoder();
    errorOf(bytes(0x80), d);
    expect(d.failed).toBe(true);
    expect(errorOf(bytes(0x82), d).code).toBe('hpack-after-error');
  });

  it('returns the fields decoded before the error', () => {
    const out = new HpackDecoder().decode(bytes(0x82, 0x84, 0x80));
    expect(out.headers).toEqual([
      [':method', 'GET'],
      [':path', '/'],
    ]);
    expect(out.error?.offset).toBe(2);
  });
});

describe('HPACK dynamic table (RFC 7541 §4)', () => {
  it('size update to 0 empties the table; a later update restores room (§4.3, §6.3)', () => {
    const d = new HpackDecoder();
    d.decode(bytes(0x40, 1, 0x61, 1, 0x62));
    expect(d.tableSize).toBe(34);
    expect(d.decode(bytes(0x20, 0x3f, 0xe1, 0x1f)).error).toBeUndefined();
    expect(d.dynamicTable()).toEqual([]);
    expect(d.tableCapacity).toBe(4096);
  });

  it('an entry larger than the table empties it and is not added (§4.4)', () => {
    const d = new HpackDecoder(64);
    d.decode(bytes(0x40, 1, 0x61, 1, 0x62));
    const big = 'x'.repeat(40);
    const out = d.decode(bytes(0x40, 1, 0x63, ...encodeLatin1(String.fromCharCode(40) + big)));
    expect(out.headers).toEqual([['c', big]]);
    expect(d.dynamicTable()).toEqual([]);
    expect(d.tableSize).toBe(0);
  });

  it('a field may name an entry that it evicts (§4.4)', () => {
    const d = new HpackDecoder(70);
    d.decode(bytes(0x40, 1, 0x61, 1, 0x62)); // a: b, 34 octets
    // Literal with indexing, name index 62 ("a"), value of 4 octets: 37 octets; needs eviction.
    const out = d.decode(bytes(0x40 | 62, 4, 0x77, 0x78, 0x79, 0x7a));
    expect(out.headers).toEqual([['a', 'wxyz']]);
    expect(d.dynamicTable()).toEqual([['a', 'wxyz']]);
  });

  it('setMaxTableSize raises the limit for later updates', () => {
    const d = new HpackDecoder(100);
    expect(d.decode(bytes(0x3f, 0xa6, 0x01)).error?.code).toBe('hpack-size-update-too-large');
    const e = new HpackDecoder(100);
    e.setMaxTableSize(200);
    expect(e.decode(bytes(0x3f, 0xa6, 0x01)).error).toBeUndefined(); // 31 + 38 + 128 = 197
    expect(e.tableCapacity).toBe(197);
  });

  it('keeps order and sizes across many insertions (bounded compaction)', () => {
    const d = new HpackDecoder(4096);
    for (let i = 0; i < 500; i++) {
      const value = `v${i}`.padEnd(60, '.');
      expect(d.decode(Uint8Array.from([0x40, ...literal('k', value).slice(1)])).error).toBe(
        undefined,
      );
    }
    const table = d.dynamicTable();
    const entry = 1 + 60 + 32;
    expect(table).toHaveLength(Math.floor(4096 / entry));
    expect(table[0]).toEqual(['k', 'v499'.padEnd(60, '.')]);
    expect(d.tableSize).toBe(table.length * entry);
  });
});

describe('HPACK decoder never throws', () => {
  it('on arbitrary bytes, and reports an error or fields', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 6 }), (blocks) => {
        const d = new HpackDecoder(256);
        for (const block of blocks) {
          const out = d.decode(block);
          expect(Array.isArray(out.headers)).toBe(true);
          if (out.error) expect(out.error.h2Error).toBe('COMPRESSION_ERROR');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('decodes what a literal encoder writes, Huffman or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 })), {
          maxLength: 8,
        }),
        (fields) => {
          const out: number[] = [];
          fields.forEach(([n, v], i) => {
            out.push(0x40);
            for (const s of [n, v]) {
              const body = i % 2 === 0 ? encodeHuffman(s) : s;
              // Lengths below 127 fit the 7-bit prefix.
              out.push((i % 2 === 0 ? 0x80 : 0) | body.length, ...body);
            }
          });
          const d = new HpackDecoder();
          const res = d.decode(Uint8Array.from(out));
          expect(res.error).toBeUndefined();
          const latin1 = (b: Uint8Array) => String.fromCharCode(...b);
          expect(res.headers).toEqual(fields.map(([n, v]) => [latin1(n), latin1(v)]));
        },
      ),
      { numRuns: 500 },
    );
  });
});
