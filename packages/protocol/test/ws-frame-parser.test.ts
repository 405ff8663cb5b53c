import { describe, expect, it } from 'vitest';
import { FrameParser, Opcode } from '../src/index.js';
import {
  concatBytes,
  errorOf,
  framesOf,
  hexBytes,
  messagesOf,
  parseAll,
} from './support/ws-bytes.js';

const C2S = { direction: 'client-to-server' } as const;
const S2C = { direction: 'server-to-client' } as const;
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('RFC 6455 §5.7 examples', () => {
  it('single-frame unmasked text "Hello"', () => {
    const ev = parseAll(hexBytes('81 05 48 65 6c 6c 6f'), S2C);
    const [f] = framesOf(ev);
    expect(f).toMatchObject({
      fin: true,
      opcode: 1,
      masked: false,
      payloadLength: 5,
      lengthEncoding: 7,
    });
    expect(f!.headerOffset).toBe(0);
    expect(f!.payloadOffset).toBe(2);
    expect(text(messagesOf(ev)[0]!.data)).toBe('Hello');
  });
  it('single-frame masked text "Hello"', () => {
    const ev = parseAll(hexBytes('81 85 37 fa 21 3d 7f 9f 4d 51 58'), C2S);
    const [f] = framesOf(ev);
    expect(f!.masked).toBe(true);
    expect([...f!.maskKey!]).toEqual([0x37, 0xfa, 0x21, 0x3d]);
    expect(f!.headerLength).toBe(6);
    expect(text(f!.payload)).toBe('Hello');
  });
  it('fragmented unmasked text "Hel" + "lo"', () => {
    const ev = parseAll(hexBytes('01 03 48 65 6c 80 02 6c 6f'), S2C);
    const frames = framesOf(ev);
    expect(frames.map((f) => [f.fin, f.opcode])).toEqual([
      [false, 1],
      [true, 0],
    ]);
    expect(frames[1]!.headerOffset).toBe(5);
    const [m] = messagesOf(ev);
    expect(text(m!.data)).toBe('Hello');
    expect(m!.frameCount).toBe(2);
  });
  it('unmasked Ping and masked Pong with body "Hello"', () => {
    const ping = framesOf(parseAll(hexBytes('89 05 48 65 6c 6c 6f'), S2C))[0]!;
    expect(ping.opcode).toBe(Opcode.Ping);
    const pong = framesOf(parseAll(hexBytes('8a 85 37 fa 21 3d 7f 9f 4d 51 58'), C2S))[0]!;
    expect(pong.opcode).toBe(Opcode.Pong);
    expect(text(pong.payload)).toBe('Hello');
  });
  it('256-byte binary with a 16-bit length, 64 KiB with a 64-bit length', () => {
    const body = new Uint8Array(256).map((_, i) => i);
    const f16 = framesOf(parseAll(concatBytes(hexBytes('82 7e 01 00'), body), S2C))[0]!;
    expect(f16).toMatchObject({ lengthEncoding: 16, payloadLength: 256, headerLength: 4 });
    expect(f16.payload).toEqual(body);
    const big = new Uint8Array(65536).fill(7);
    const f64 = framesOf(
      parseAll(concatBytes(hexBytes('82 7f 00 00 00 00 00 01 00 00'), big), S2C),
    )[0]!;
    expect(f64).toMatchObject({ lengthEncoding: 64, payloadLength: 65536, headerLength: 10 });
    expect(f64.payload).toEqual(big);
  });
  it('works when fed one byte at a time', () => {
    const bytes = hexBytes('01 03 48 65 6c 89 00 80 02 6c 6f');
    const ev = parseAll(bytes, S2C, [...Array(bytes.length).keys()].slice(1));
    expect(framesOf(ev).map((f) => f.opcode)).toEqual([1, 9, 0]);
    expect(text(messagesOf(ev)[0]!.data)).toBe('Hello');
  });
});

describe('RFC 6455 §5.1 masking direction', () => {
  it('a server fails the connection on an unmasked client frame (1002)', () => {
    const e = errorOf(parseAll(hexBytes('81 05 48 65 6c 6c 6f'), C2S));
    expect(e).toMatchObject({
      code: 'client-frame-unmasked',
      closeCode: 1002,
      cite: { section: '5.1' },
    });
  });
  it('a client fails the connection on a masked server frame (1002)', () => {
    const e = errorOf(parseAll(hexBytes('81 85 37 fa 21 3d 7f 9f 4d 51 58'), S2C));
    expect(e).toMatchObject({ code: 'server-frame-masked', closeCode: 1002 });
  });
});

describe('RFC 6455 §5.2 base framing', () => {
  it('reserved opcodes fail with 1002', () => {
    for (const op of [3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf]) {
      const e = errorOf(parseAll(new Uint8Array([0x80 | op, 0x00]), S2C));
      expect(e, String(op)).toMatchObject({ code: 'reserved-opcode', closeCode: 1002 });
    }
  });
  it('RSV bits without an extension fail with 1002', () => {
    for (const b0 of [0xc1, 0xa1, 0x91]) {
      expect(errorOf(parseAll(new Uint8Array([b0, 0x00]), S2C))).toMatchObject({
        code: 'rsv-without-extension',
        closeCode: 1002,
      });
    }
  });
  it('RSV1 is accepted on a first data frame once permessage-deflate is negotiated', () => {
    const ev = parseAll(hexBytes('c1 00'), { ...S2C, perMessageDeflate: true });
    expect(errorOf(ev)).toBeUndefined();
    expect(messagesOf(ev)[0]!.compressed).toBe(true);
  });
  it('a 64-bit length with the most significant bit set fails with 1002', () => {
    const e = errorOf(parseAll(hexBytes('82 7f 80 00 00 00 00 00 00 01'), S2C));
    expect(e).toMatchObject({ code: 'length-msb-set', closeCode: 1002, offset: 2 });
  });
  it('a non-minimal length encoding is reported as a warning, not fatal', () => {
    const ev = parseAll(hexBytes('82 7e 00 03 61 62 63'), S2C);
    expect(errorOf(ev)).toBeUndefined();
    const f = framesOf(ev)[0]!;
    expect(f.lengthEncoding).toBe(16);
    expect(f.findings).toMatchObject([{ code: 'non-minimal-length', severity: 'warning' }]);
    const ev64 = parseAll(hexBytes('82 7f 00 00 00 00 00 00 00 01 61'), S2C);
    expect(framesOf(ev64)[0]!.findings[0]!.code).toBe('non-minimal-length');
  });
  it('frames larger than maxFrameSize fail with 1009 at the header', () => {
    const e = errorOf(parseAll(hexBytes('82 7e 01 00'), { ...S2C, maxFrameSize: 100 }));
    expect(e).toMatchObject({ code: 'frame-too-big', closeCode: 1009 });
  });
  it('messages larger than maxMessageSize fail with 1009', () => {
    const e = errorOf(
      parseAll(hexBytes('02 03 61 62 63 00 03 61 62 63 80 03 61 62 63'), {
        ...S2C,
        maxMessageSize: 8,
      }),
    );
    expect(e).toMatchObject({ code: 'message-too-big', closeCode: 1009, offset: 10 });
  });
});

describe('RFC 6455 §5.4 fragmentation', () => {
  it('a continuation without a started message fails with 1002', () => {
    expect(errorOf(parseAll(hexBytes('80 02 6c 6f'), S2C))).toMatchObject({
      code: 'unexpected-continuation',
      closeCode: 1002,
    });
  });
  it('a new data frame during a fragmented message fails with 1002', () => {
    expect(errorOf(parseAll(hexBytes('01 01 61 81 01 62'), S2C))).toMatchObject({
      code: 'expected-continuation',
      closeCode: 1002,
    });
  });
  it('control frames may be interleaved within a fragmented message', () => {
    const ev = parseAll(hexBytes('01 01 61 89 00 00 01 62 8a 00 80 01 63'), S2C);
    expect(errorOf(ev)).toBeUndefined();
    expect(text(messagesOf(ev)[0]!.data)).toBe('abc');
    expect(messagesOf(ev)[0]!.firstSeq).toBe(0);
    expect(messagesOf(ev)[0]!.lastSeq).toBe(4);
  });
});

describe('RFC 6455 §5.5 control frames', () => {
  it('a control frame over 125 bytes fails with 1002', () => {
    const e = errorOf(parseAll(hexBytes('89 7e 00 7e'), S2C));
    expect(e).toMatchObject({
      code: 'control-frame-too-long',
      closeCode: 1002,
      cite: { section: '5.5' },
    });
  });
  it('a fragmented control frame fails with 1002', () => {
    expect(errorOf(parseAll(hexBytes('09 00'), S2C))).toMatchObject({
      code: 'control-frame-fragmented',
      closeCode: 1002,
    });
  });
  it('a 125-byte ping is fine', () => {
    const ev = parseAll(concatBytes(hexBytes('89 7d'), new Uint8Array(125)), S2C);
    expect(errorOf(ev)).toBeUndefined();
  });
});

describe('RFC 6455 §5.5.1 and §7.4 close frames', () => {
  const close = (body: string) => {
    const b = hexBytes(body);
    return parseAll(concatBytes(new Uint8Array([0x88, b.length]), b), S2C);
  };
  it('parses code and reason', () => {
    const f = framesOf(close('03e8 6279 65'))[0]!;
    expect(f.close).toEqual({ code: 1000, reason: 'bye' });
    expect(framesOf(close(''))[0]!.close).toEqual({});
  });
  it('a 1-byte close body fails with 1002', () => {
    expect(errorOf(close('03'))).toMatchObject({
      code: 'close-payload-one-byte',
      closeCode: 1002,
      cite: { section: '5.5.1' },
    });
  });
  it('close codes that must never be on the wire or are unassigned fail with 1002', () => {
    for (const code of [0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535]) {
      const body = code.toString(16).padStart(4, '0');
      expect(errorOf(close(body)), String(code)).toMatchObject({
        code: 'invalid-close-code',
        closeCode: 1002,
      });
    }
  });
  it('registered and application codes are accepted', () => {
    for (const code of [
      1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000,
      4999,
    ]) {
      const body = code.toString(16).padStart(4, '0');
      expect(errorOf(close(body)), String(code)).toBeUndefined();
    }
  });
  it('an invalid UTF-8 close reason fails with 1007', () => {
    expect(errorOf(close('03e8 ff'))).toMatchObject({
      code: 'close-reason-invalid-utf8',
      closeCode: 1007,
    });
  });
});

describe('RFC 6455 §8.1 UTF-8 in text messages', () => {
  it('fails with 1007 at the first invalid byte, before the frame ends', () => {
    const p = new FrameParser(S2C);
    // 10-byte text frame; byte 3 of the payload (0xff) is invalid. Only 5 payload bytes sent.
    const ev = p.push(hexBytes('81 0a 61 62 ff 63 64'));
    expect(errorOf(ev)).toMatchObject({ code: 'invalid-utf8', closeCode: 1007, offset: 4 });
  });
  it('detects a sequence split across fragments and invalid only in the next one', () => {
    const e = errorOf(parseAll(hexBytes('01 02 61 e2 80 01 28 81 01 61'), S2C));
    expect(e).toMatchObject({ code: 'invalid-utf8', offset: 6 });
  });
  it('accepts a code point split across fragments', () => {
    const ev = parseAll(hexBytes('01 02 61 e2 80 02 82 ac'), S2C);
    expect(text(messagesOf(ev)[0]!.data)).toBe('a€');
  });
  it('fails when the message ends inside a code point', () => {
    expect(errorOf(parseAll(hexBytes('81 02 61 e2'), S2C))).toMatchObject({
      code: 'invalid-utf8',
      closeCode: 1007,
    });
  });
  it('binary messages are not checked', () => {
    expect(errorOf(parseAll(hexBytes('82 01 ff'), S2C))).toBeUndefined();
  });
});

describe('lenient mode (dissector)', () => {
  it('records violations on frames and keeps going', () => {
    const ev = parseAll(hexBytes('83 00 80 01 61 c1 01 ff 81 01 62'), {
      ...S2C,
      stopOnError: false,
    });
    const frames = framesOf(ev);
    expect(frames).toHaveLength(4);
    expect(frames[0]!.findings[0]!.code).toBe('reserved-opcode');
    expect(frames[1]!.findings[0]!.code).toBe('unexpected-continuation');
    expect(frames[2]!.findings.map((f) => f.code)).toEqual([
      'rsv-without-extension',
      'invalid-utf8',
    ]);
    expect(text(messagesOf(ev).at(-1)!.data)).toBe('b');
  });
  it('reports a stream that ends inside a frame', () => {
    const p = new FrameParser(S2C);
    p.push(hexBytes('81 05 61'));
    expect(p.end()).toMatchObject([
      { type: 'error', finding: { code: 'truncated-frame', closeCode: 1006 } },
    ]);
  });
});

describe('payloadLimit: keep fewer payload bytes, see the same frames and findings', () => {
  /** A stream of frames written by hand: texts (some invalid UTF-8), binaries, a ping, a close. */
  function stream(masked: boolean, seed: number): Uint8Array {
    const mask = [0x11, 0x22 + (seed & 0x0f), 0x33, 0x44];
    const frame = (b0: number, payload: Uint8Array) => {
      const len = payload.length;
      const head =
        len < 126
          ? [b0, (masked ? 0x80 : 0) | len]
          : [b0, (masked ? 0x80 : 0) | 126, len >> 8, len & 0xff];
      const body = masked ? payload.map((b, i) => b ^ mask[i % 4]!) : payload;
      return concatBytes(
        Uint8Array.from(head),
        masked ? Uint8Array.from(mask) : new Uint8Array(0),
        body,
      );
    };
    const utf8 = (t: string) => new TextEncoder().encode(t);
    const binary = new Uint8Array(300 + (seed % 200)).map((_, i) => (i * 7 + seed) & 0xff);
    const badText = concatBytes(
      utf8('é'.repeat(150 + (seed % 40))),
      Uint8Array.from([0xc3, 0x28]),
      utf8('tail'),
    );
    return concatBytes(
      frame(0x81, utf8('ü'.repeat(100 + (seed % 50)))), // valid text, 2-byte sequences
      frame(0x82, binary),
      frame(0x89, utf8('ping')),
      frame(0x01, utf8('frag é'.repeat(30))), // fragmented text, invalid in its second frame
      frame(0x80, badText),
      frame(0x88, Uint8Array.from([0x03, 0xe8, 0x62, 0x79, 0x65])),
    );
  }

  it('matches the unlimited parse at every limit and chunking (masked and not)', () => {
    for (const masked of [true, false]) {
      for (let seed = 0; seed < 12; seed++) {
        const bytes = stream(masked, seed);
        const options = {
          direction: masked ? 'client-to-server' : 'server-to-client',
          stopOnError: false,
        } as const;
        const full = framesOf(parseAll(bytes, options));
        for (const limit of [0, 1, 3, 64, 200, 100_000]) {
          const splits = [7 + seed, 150 + seed * 13, 420, 900 + seed].filter(
            (s) => s < bytes.length,
          );
          const kept = framesOf(parseAll(bytes, { ...options, payloadLimit: () => limit }, splits));
          expect(kept.length).toBe(full.length);
          kept.forEach((f, i) => {
            const g = full[i]!;
            const { payload: p, ...rest } = f;
            const { payload: q, ...restFull } = g;
            // Same frame, same findings (UTF-8 errors at the same offsets), fewer kept bytes.
            expect(rest).toEqual(restFull);
            const control = f.opcode >= 8;
            expect([...p]).toEqual([
              ...q.subarray(0, control ? q.length : Math.min(limit, q.length)),
            ]);
          });
        }
      }
    }
  });

  it('asks once per data frame, and never for control frames', () => {
    let asked = 0;
    const bytes = stream(false, 1);
    const ev = parseAll(bytes, {
      direction: 'server-to-client',
      stopOnError: false,
      payloadLimit: () => {
        asked++;
        return 0;
      },
    });
    const frames = framesOf(ev);
    expect(asked).toBe(frames.filter((f) => f.opcode < 8).length);
    expect(frames.find((f) => f.opcode === 8)!.close).toEqual({ code: 1000, reason: 'bye' });
  });
});
