import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FrameSpec, ParseEvent } from '../src/index.js';
import {
  encodeClosePayload,
  FrameParser,
  writeCloseFrame,
  writeFrame,
  writeTextFrame,
} from '../src/index.js';
import { errorOf, framesOf, hexBytes } from './support/ws-bytes.js';

const MASK = hexBytes('37 fa 21 3d');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const runs = process.env.CI ? 20000 : 1000;

const bytesOf = (r: ReturnType<typeof writeFrame>) => {
  if (!r.ok) throw new Error(JSON.stringify(r.findings));
  return r.bytes;
};

describe('RFC 6455 §5.7 examples, written', () => {
  it('unmasked and masked "Hello"', () => {
    expect(hex(bytesOf(writeTextFrame('Hello', { role: 'server' })))).toBe('810548656c6c6f');
    expect(hex(bytesOf(writeTextFrame('Hello', { role: 'client', mask: MASK })))).toBe(
      '818537fa213d7f9f4d5158',
    );
  });
  it('fragments, ping, masked pong', () => {
    const enc = new TextEncoder();
    const a = writeFrame({ opcode: 1, fin: false, payload: enc.encode('Hel') }, { role: 'server' });
    const b = writeFrame({ opcode: 0, payload: enc.encode('lo') }, { role: 'server' });
    expect(hex(bytesOf(a)) + hex(bytesOf(b))).toBe('010348656c80026c6f');
    expect(
      hex(bytesOf(writeFrame({ opcode: 9, payload: enc.encode('Hello') }, { role: 'server' }))),
    ).toBe('890548656c6c6f');
    const pong = writeFrame(
      { opcode: 0xa, payload: enc.encode('Hello'), mask: MASK },
      { role: 'client' },
    );
    expect(hex(bytesOf(pong))).toBe('8a8537fa213d7f9f4d5158');
  });
  it('16-bit and 64-bit lengths', () => {
    expect(
      hex(
        bytesOf(
          writeFrame({ opcode: 2, payload: new Uint8Array(256) }, { role: 'server' }),
        ).subarray(0, 4),
      ),
    ).toBe('827e0100');
    expect(
      hex(
        bytesOf(
          writeFrame({ opcode: 2, payload: new Uint8Array(65536) }, { role: 'server' }),
        ).subarray(0, 10),
      ),
    ).toBe('827f0000000000010000');
  });
  it('close helper writes code + reason', () => {
    expect(hex(bytesOf(writeCloseFrame(1000, 'bye', { role: 'server' })))).toBe('880503e8627965');
    expect(hex(encodeClosePayload())).toBe('');
  });
});

describe('invalid frames need allowInvalid', () => {
  const cases: [string, FrameSpec, 'client' | 'server', string][] = [
    ['wrong RSV', { opcode: 1, rsv2: true }, 'server', 'rsv-without-extension'],
    ['reserved opcode', { opcode: 3 }, 'server', 'reserved-opcode'],
    ['unmasked client frame', { opcode: 2 }, 'client', 'client-frame-unmasked'],
    ['masked server frame', { opcode: 2, mask: MASK }, 'server', 'server-frame-masked'],
    [
      'oversized ping',
      { opcode: 9, payload: new Uint8Array(126) },
      'server',
      'control-frame-too-long',
    ],
    ['fragmented ping', { opcode: 9, fin: false }, 'server', 'control-frame-fragmented'],
    ['bad UTF-8', { opcode: 1, payload: hexBytes('c0 af') }, 'server', 'invalid-utf8'],
    ['forced 64-bit length', { opcode: 2, lengthEncoding: 64 }, 'server', 'non-minimal-length'],
    ['1-byte close', { opcode: 8, payload: hexBytes('03') }, 'server', 'close-payload-one-byte'],
    ['close 1005', { opcode: 8, payload: hexBytes('03ed') }, 'server', 'invalid-close-code'],
    ['length MSB', { opcode: 2, declaredLength: 1n << 63n }, 'server', 'length-msb-set'],
  ];
  for (const [name, spec, role, code] of cases) {
    it(`${name}: refused by default, written with allowInvalid, rejected by our parser`, () => {
      const refused = writeFrame(spec, { role });
      expect(refused.ok).toBe(false);
      expect(refused.findings.map((f) => f.code)).toContain(code);
      const forced = writeFrame(spec, { role, allowInvalid: true });
      expect(forced.ok).toBe(true);
      if (!forced.ok) return;
      const p = new FrameParser({
        direction: role === 'client' ? 'client-to-server' : 'server-to-client',
      });
      const ev = p.push(forced.bytes);
      const found = errorOf(ev)?.code ?? framesOf(ev)[0]?.findings[0]?.code;
      expect(found).toBe(code);
    });
  }
  it('cites the section that rules the close code out: §7.4.1 local-only, §7.4.2 ranges', () => {
    const sectionOf = (code: number) => {
      const payload = new Uint8Array([code >> 8, code & 0xff]);
      const refused = writeFrame({ opcode: 8, payload }, { role: 'server' });
      return refused.findings.find((f) => f.code === 'invalid-close-code')?.cite.section;
    };
    expect(sectionOf(1005)).toBe('7.4.1');
    expect(sectionOf(1004)).toBe('7.4.1');
    expect(sectionOf(2000)).toBe('7.4.2');
    expect(sectionOf(999)).toBe('7.4.2');
    expect(sectionOf(1000)).toBeUndefined();
  });
  it('never writes what cannot be encoded, even with allowInvalid', () => {
    const r = writeFrame(
      { opcode: 2, payload: new Uint8Array(300), lengthEncoding: 7 },
      { role: 'server', allowInvalid: true },
    );
    expect(r.ok).toBe(false);
    expect(writeFrame({ opcode: 16 }, { role: 'server', allowInvalid: true }).ok).toBe(false);
    expect(
      writeFrame({ opcode: 1, declaredLength: 1.5 }, { role: 'server', allowInvalid: true }).ok,
    ).toBe(false);
  });
});

const validSpec = fc
  .record({
    opcode: fc.constantFrom(1, 2, 8, 9, 10),
    payload: fc.oneof(
      fc.uint8Array({ maxLength: 130 }),
      // Long payloads from a length and a seed (fast to generate) cover 16- and 64-bit lengths.
      fc
        .tuple(
          fc.oneof(fc.integer({ min: 126, max: 400 }), fc.integer({ min: 65530, max: 65600 })),
          fc.nat(255),
        )
        .map(([len, seed]) => new Uint8Array(len).map((_, i) => (i * 31 + seed) & 0xff)),
    ),
    text: fc.string({ maxLength: 60 }),
    masked: fc.boolean(),
    mask: fc.uint8Array({ minLength: 4, maxLength: 4 }),
  })
  .map(({ opcode, payload, text, masked, mask }) => {
    let body: Uint8Array = payload;
    if (opcode === 1) body = new TextEncoder().encode(text);
    if (opcode === 8)
      body = payload.length < 2 ? new Uint8Array(0) : encodeClosePayload(4000, text.slice(0, 30));
    if (opcode >= 8 && body.length > 125) body = body.subarray(0, 125);
    const spec: FrameSpec = { opcode, payload: body };
    if (masked) spec.mask = mask;
    return spec;
  });

describe('property: serialize → parse is the identity at every chunk split', () => {
  it('for valid frames of every length encoding', () => {
    fc.assert(
      fc.property(validSpec, fc.array(fc.nat(), { maxLength: 4 }), (spec, cuts) => {
        const role = spec.mask ? 'client' : 'server';
        const written = writeFrame(spec, { role });
        expect(written.ok).toBe(true);
        if (!written.ok) return;
        const bytes = written.bytes;
        const splits = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const p = new FrameParser({
          direction: role === 'client' ? 'client-to-server' : 'server-to-client',
        });
        const ev: ParseEvent[] = [];
        let last = 0;
        for (const s of [...splits, bytes.length]) {
          ev.push(...p.push(bytes.subarray(last, s)));
          last = s;
        }
        expect(errorOf(ev)).toBeUndefined();
        const [f] = framesOf(ev);
        expect(f).toBeDefined();
        expect(f!.opcode).toBe(spec.opcode);
        expect(f!.masked).toBe(spec.mask !== undefined);
        expect(Buffer.from(f!.payload).equals(spec.payload!)).toBe(true);
        expect(f!.findings).toEqual([]);
        expect(f!.headerLength + f!.payloadLength).toBe(bytes.length);
      }),
      { numRuns: Math.ceil(runs / 10) },
    );
  }, 120_000);
  it('every split of a short multi-frame stream gives the same records', () => {
    const stream = Buffer.concat([
      bytesOf(
        writeFrame(
          { opcode: 1, fin: false, payload: hexBytes('61 e2'), mask: MASK },
          { role: 'client' },
        ),
      ),
      bytesOf(
        writeFrame({ opcode: 9, payload: hexBytes('01 02'), mask: MASK }, { role: 'client' }),
      ),
      bytesOf(
        writeFrame({ opcode: 0, payload: hexBytes('82 ac'), mask: MASK }, { role: 'client' }),
      ),
      bytesOf(writeCloseFrame(1000, 'ok', { role: 'client', mask: MASK })),
    ]);
    const whole = new FrameParser({ direction: 'client-to-server' }).push(stream);
    for (let a = 0; a <= stream.length; a++) {
      for (let b = a; b <= stream.length; b++) {
        const p = new FrameParser({ direction: 'client-to-server' });
        const ev = [
          ...p.push(stream.subarray(0, a)),
          ...p.push(stream.subarray(a, b)),
          ...p.push(stream.subarray(b)),
        ];
        expect(ev).toEqual(whole);
      }
    }
  });
});

describe('property: parsers never throw or hang on random bytes', () => {
  const n = process.env.CI ? 30000 : 1500;
  for (const stopOnError of [true, false]) {
    for (const direction of ['client-to-server', 'server-to-client'] as const) {
      it(`${direction}, stopOnError=${stopOnError}`, () => {
        fc.assert(
          fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (bytes, cut) => {
            const p = new FrameParser({
              direction,
              stopOnError,
              perMessageDeflate: cut % 2 === 0,
              maxFrameSize: 1 << 20,
            });
            const c = Math.min(cut, bytes.length);
            const ev = [...p.push(bytes.subarray(0, c)), ...p.push(bytes.subarray(c)), ...p.end()];
            expect(Array.isArray(ev)).toBe(true);
            expect(p.bytesConsumed).toBeLessThanOrEqual(bytes.length);
          }),
          { numRuns: n },
        );
      }, 120_000);
    }
  }
});
