import { describe, expect, it } from 'vitest';
import {
  decodeHuffman,
  encodeHuffman,
  encodeLatin1,
  HPACK_HUFFMAN_CODES,
  HPACK_STATIC_TABLE,
  HpackDecoder,
} from '../src/index.js';

/** Hex dump as printed in RFC 7541 Appendix C (spaces and newlines ignored). */
function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}

type Step = { block: string; headers: [string, string][]; table: [string, string][]; size: number };

function runSeries(tableSize: number, steps: Step[]): void {
  const decoder = new HpackDecoder(tableSize);
  for (const step of steps) {
    const out = decoder.decode(hex(step.block));
    expect(out.error).toBeUndefined();
    expect(out.headers).toEqual(step.headers);
    expect(decoder.dynamicTable()).toEqual(step.table);
    expect(decoder.tableSize).toBe(step.size);
  }
}

const REQ1: [string, string][] = [
  [':method', 'GET'],
  [':scheme', 'http'],
  [':path', '/'],
  [':authority', 'www.example.com'],
];
const REQ2: [string, string][] = [...REQ1, ['cache-control', 'no-cache']];
const REQ3: [string, string][] = [
  [':method', 'GET'],
  [':scheme', 'https'],
  [':path', '/index.html'],
  [':authority', 'www.example.com'],
  ['custom-key', 'custom-value'],
];
const REQ_TABLES: [string, string][][] = [
  [[':authority', 'www.example.com']],
  [
    ['cache-control', 'no-cache'],
    [':authority', 'www.example.com'],
  ],
  [
    ['custom-key', 'custom-value'],
    ['cache-control', 'no-cache'],
    [':authority', 'www.example.com'],
  ],
];

const DATE1 = 'Mon, 21 Oct 2013 20:13:21 GMT';
const DATE2 = 'Mon, 21 Oct 2013 20:13:22 GMT';
const COOKIE = 'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1';
const RES1: [string, string][] = [
  [':status', '302'],
  ['cache-control', 'private'],
  ['date', DATE1],
  ['location', 'https://www.example.com'],
];
const RES2: [string, string][] = [[':status', '307'], ...RES1.slice(1)];
const RES3: [string, string][] = [
  [':status', '200'],
  ['cache-control', 'private'],
  ['date', DATE2],
  ['location', 'https://www.example.com'],
  ['content-encoding', 'gzip'],
  ['set-cookie', COOKIE],
];
const RES_TABLES: [string, string][][] = [
  [...RES1].reverse(),
  // §C.5.2: ":status: 302" is evicted to make room for ":status: 307".
  [
    [':status', '307'],
    ['location', 'https://www.example.com'],
    ['date', DATE1],
    ['cache-control', 'private'],
  ],
  [
    ['set-cookie', COOKIE],
    ['content-encoding', 'gzip'],
    ['date', DATE2],
  ],
];

describe('RFC 7541 Appendix A static table', () => {
  it('has 61 entries from :authority to www-authenticate', () => {
    expect(HPACK_STATIC_TABLE).toHaveLength(61);
    expect(HPACK_STATIC_TABLE[0]).toEqual([':authority', '']);
    expect(HPACK_STATIC_TABLE[15]).toEqual(['accept-encoding', 'gzip, deflate']);
    expect(HPACK_STATIC_TABLE[60]).toEqual(['www-authenticate', '']);
  });
});

describe('RFC 7541 Appendix B Huffman code (transcription checks)', () => {
  it('has 257 codes of 5 to 30 bits, EOS is 30 ones', () => {
    expect(HPACK_HUFFMAN_CODES).toHaveLength(257);
    for (const [code, bits] of HPACK_HUFFMAN_CODES) {
      expect(bits).toBeGreaterThanOrEqual(5);
      expect(bits).toBeLessThanOrEqual(30);
      expect(code).toBeLessThan(2 ** bits);
    }
    expect(HPACK_HUFFMAN_CODES[256]).toEqual([0x3fffffff, 30]);
  });

  it('is complete (Kraft sum exactly 1) and canonical (codes follow from the lengths)', () => {
    // A mistyped length breaks the sum; a mistyped code breaks the canonical order.
    let kraft = 0;
    for (const [, bits] of HPACK_HUFFMAN_CODES) kraft += 2 ** (30 - bits);
    expect(kraft).toBe(2 ** 30);
    const order = HPACK_HUFFMAN_CODES.map(([, bits], symbol) => ({ bits, symbol })).sort(
      (a, b) => a.bits - b.bits || a.symbol - b.symbol,
    );
    let code = 0;
    let prevBits = order[0]!.bits;
    for (const { bits, symbol } of order) {
      code *= 2 ** (bits - prevBits);
      prevBits = bits;
      expect(HPACK_HUFFMAN_CODES[symbol]![0], `symbol ${symbol}`).toBe(code);
      code++;
    }
  });

  it('decodes the strings of Appendix C.4/C.6', () => {
    const cases: [string, string][] = [
      ['f1e3 c2e5 f23a 6ba0 ab90 f4ff', 'www.example.com'],
      ['a8eb 1064 9cbf', 'no-cache'],
      ['25a8 49e9 5ba9 7d7f', 'custom-key'],
      ['25a8 49e9 5bb8 e8b4 bf', 'custom-value'],
      ['6402', '302'],
      ['aec3 771a 4b', 'private'],
      ['d07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff', DATE1],
      ['9d29 ad17 1863 c78f 0b97 c8e9 ae82 ae43 d3', 'https://www.example.com'],
      ['9bd9 ab', 'gzip'],
    ];
    for (const [bytes, text] of cases) {
      expect(decodeHuffman(hex(bytes))).toEqual({ value: text });
      expect(Array.from(encodeHuffman(encodeLatin1(text)))).toEqual(Array.from(hex(bytes)));
    }
  });

  it('round-trips every octet value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const back = decodeHuffman(encodeHuffman(all));
    expect('value' in back && Array.from(encodeLatin1(back.value))).toEqual(Array.from(all));
    for (let i = 0; i < 256; i++) {
      const one = decodeHuffman(encodeHuffman(Uint8Array.of(i, i, i)));
      expect(one).toEqual({ value: String.fromCharCode(i, i, i) });
    }
  });
});

describe('RFC 7541 C.2 field representations', () => {
  it('C.2.1 literal with indexing adds to the table', () => {
    const d = new HpackDecoder();
    const out = d.decode(hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572'));
    expect(out).toEqual({ headers: [['custom-key', 'custom-header']] });
    expect(d.dynamicTable()).toEqual([['custom-key', 'custom-header']]);
    expect(d.tableSize).toBe(55);
  });

  it('C.2.2 literal without indexing leaves the table empty', () => {
    const d = new HpackDecoder();
    expect(d.decode(hex('040c 2f73 616d 706c 652f 7061 7468'))).toEqual({
      headers: [[':path', '/sample/path']],
    });
    expect(d.dynamicTable()).toEqual([]);
  });

  it('C.2.3 literal never indexed is reported as such', () => {
    const d = new HpackDecoder();
    expect(d.decode(hex('1008 7061 7373 776f 7264 0673 6563 7265 74'))).toEqual({
      headers: [['password', 'secret']],
      neverIndexed: [0],
    });
    expect(d.dynamicTable()).toEqual([]);
  });

  it('C.2.4 indexed field from the static table', () => {
    const d = new HpackDecoder();
    expect(d.decode(hex('82'))).toEqual({ headers: [[':method', 'GET']] });
    expect(d.tableSize).toBe(0);
  });
});

describe('RFC 7541 C.3/C.4 requests on one connection', () => {
  it('C.3 without Huffman', () => {
    runSeries(4096, [
      {
        block: '8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d',
        headers: REQ1,
        table: REQ_TABLES[0]!,
        size: 57,
      },
      {
        block: '8286 84be 5808 6e6f 2d63 6163 6865',
        headers: REQ2,
        table: REQ_TABLES[1]!,
        size: 110,
      },
      {
        block: '8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65',
        headers: REQ3,
        table: REQ_TABLES[2]!,
        size: 164,
      },
    ]);
  });

  it('C.4 with Huffman', () => {
    runSeries(4096, [
      {
        block: '8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff',
        headers: REQ1,
        table: REQ_TABLES[0]!,
        size: 57,
      },
      { block: '8286 84be 5886 a8eb 1064 9cbf', headers: REQ2, table: REQ_TABLES[1]!, size: 110 },
      {
        block: '8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf',
        headers: REQ3,
        table: REQ_TABLES[2]!,
        size: 164,
      },
    ]);
  });
});

describe('RFC 7541 C.5/C.6 responses with a 256-octet table (evictions)', () => {
  it('C.5 without Huffman', () => {
    runSeries(256, [
      {
        block: `4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133
                2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70
                6c65 2e63 6f6d`,
        headers: RES1,
        table: RES_TABLES[0]!,
        size: 222,
      },
      { block: '4803 3330 37c1 c0bf', headers: RES2, table: RES_TABLES[1]!, size: 222 },
      {
        block: `88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d
                54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049
                5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e
                3d31`,
        headers: RES3,
        table: RES_TABLES[2]!,
        size: 215,
      },
    ]);
  });

  it('C.6 with Huffman', () => {
    runSeries(256, [
      {
        block: `4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6
                2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3`,
        headers: RES1,
        table: RES_TABLES[0]!,
        size: 222,
      },
      { block: '4883 640e ffc1 c0bf', headers: RES2, table: RES_TABLES[1]!, size: 222 },
      {
        block: `88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab
                77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f
                9587 3160 65c0 03ed 4ee5 b106 3d50 07`,
        headers: RES3,
        table: RES_TABLES[2]!,
        size: 215,
      },
    ]);
  });
});
