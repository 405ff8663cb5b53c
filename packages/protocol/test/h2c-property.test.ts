import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLIENT_PREFACE,
  concatBytes,
  decodeHttp2Settings,
  encodeH2Frame,
  encodeHttp2Settings,
  H2FrameParser,
} from '../src/index.js';
import type { H2FrameParserOptions, H2FrameRecord } from '../src/index.js';

/** Full runs on CI (>= 100k cases over all property files), a tenth locally. */
const runs = (n: number): number => (process.env.CI === 'true' ? n : Math.max(200, n / 10));
/** Generous per-test bound for the CI run counts on a shared 2-core machine. */
const TIMEOUT = 120_000;

const frame = fc
  .record({
    type: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 255 })),
    flags: fc.integer({ min: 0, max: 255 }),
    streamId: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2 ** 31 - 1 })),
    reserved: fc.boolean(),
    payload: fc.uint8Array({ maxLength: 40 }),
  })
  .map(encodeH2Frame);

function runParser(chunks: Uint8Array[], options: H2FrameParserOptions) {
  const parser = new H2FrameParser(options);
  const frames: H2FrameRecord[] = [];
  const findings: unknown[] = [];
  for (const chunk of chunks) {
    const out = parser.push(chunk);
    frames.push(...out.frames);
    findings.push(...out.findings);
  }
  return { frames, findings, pending: parser.pending };
}

describe('HTTP/2 frame parser properties', () => {
  it(
    'gives the same frames however the bytes are chunked',
    () => {
      fc.assert(
        fc.property(
          fc.boolean(),
          fc.array(frame, { maxLength: 6 }),
          fc.uint8Array({ maxLength: 12 }),
          fc.array(fc.nat(), { maxLength: 10 }),
          (preface, list, tail, cuts) => {
            const input = concatBytes([
              preface ? CLIENT_PREFACE : new Uint8Array(0),
              ...list,
              tail,
            ]);
            const options = { expectPreface: preface, maxFrameSize: 32 };
            const whole = runParser([input], options);
            const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort(
              (a, b) => a - b,
            );
            const chunks = [0, ...points].map((p, i, all) =>
              input.subarray(p, all[i + 1] ?? input.length),
            );
            expect(runParser(chunks, options)).toEqual(whole);
            // The random tail (at most 12 bytes) holds one more whole frame when its length fits.
            const tailLength =
              tail.length >= 9 ? (tail[0]! << 16) | (tail[1]! << 8) | tail[2]! : -1;
            const tailFrames = tailLength >= 0 && 9 + tailLength <= tail.length ? 1 : 0;
            expect(whole.frames).toHaveLength(list.length + tailFrames);
          },
        ),
        { numRuns: runs(10_000) },
      );
    },
    TIMEOUT,
  );

  it(
    'never throws on random bytes, and frame offsets tile the input',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (input, preface) => {
          const { frames, pending } = runParser([input], { expectPreface: preface });
          let pos = preface ? 24 : 0;
          for (const f of frames) {
            expect(f.offset).toBe(pos);
            pos += 9 + f.length;
          }
          if (frames.length > 0 || !preface) expect(pos + pending).toBe(input.length);
        }),
        { numRuns: runs(10_000) },
      );
    },
    TIMEOUT,
  );
});

describe('HTTP2-Settings properties', () => {
  it(
    'round-trips any settings list through encode and decode',
    () => {
      const entry = fc.record({
        id: fc.integer({ min: 0, max: 0xffff }),
        value: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      });
      fc.assert(
        fc.property(fc.array(entry, { maxLength: 10 }), (entries) => {
          const decoded = decodeHttp2Settings(encodeHttp2Settings(entries));
          expect(decoded.settings?.map(({ id, value }) => ({ id, value }))).toEqual(entries);
        }),
        { numRuns: runs(10_000) },
      );
    },
    TIMEOUT,
  );

  it(
    'never throws on arbitrary text, and whatever decodes re-encodes canonically',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/)),
          (text) => {
            const decoded = decodeHttp2Settings(text);
            const canonical = text.trim() === text && !text.includes('=');
            if (canonical && decoded.payload !== undefined && decoded.payload.length % 6 === 0) {
              expect(encodeHttp2Settings(decoded.settings!)).toBe(text);
            }
          },
        ),
        { numRuns: runs(20_000) },
      );
    },
    TIMEOUT,
  );
});
