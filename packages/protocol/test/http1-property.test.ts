import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  concatBytes,
  encodeLatin1,
  HeadParser,
  parseRequestHead,
  parseResponseHead,
  serializeRequestHead,
} from '../src/index.js';
import type { HeadParseOptions, HeadParseResult, RequestHead, ResponseHead } from '../src/index.js';

/** Full runs on CI (>= 100k cases over all property files), a tenth locally. */
const runs = (n: number): number => (process.env.CI === 'true' ? n : Math.max(200, n / 10));
/** Generous per-test bound for the CI run counts on a shared 2-core machine. */
const TIMEOUT = 120_000;

const FRAGMENTS = [
  'GET / HTTP/1.1',
  'HTTP/1.1 200 OK',
  'POST /x HTTP/1.0',
  '\r\n',
  '\n',
  '\r',
  ' ',
  '\t',
  ':',
  'Host: a',
  'Content-Length: 5',
  'Content-Length: 6',
  'Transfer-Encoding: chunked',
  'Upgrade: h2c',
  'X',
  '\0',
  '\xff',
];

/** Byte strings that look like heads often enough to reach every branch. */
const headish = fc
  .array(
    fc.oneof(fc.constantFrom(...FRAGMENTS).map(encodeLatin1), fc.uint8Array({ maxLength: 4 })),
    {
      maxLength: 40,
    },
  )
  .map(concatBytes);

const options = fc.record({
  strict: fc.boolean(),
  maxHeadBytes: fc.constantFrom(undefined, 40, 120),
  maxHeaderCount: fc.constantFrom(undefined, 2),
  maxLineLength: fc.constantFrom(undefined, 12, 30),
}) as fc.Arbitrary<HeadParseOptions>;

/** Splits `input` at the given cut points (sorted, deduplicated, clipped). */
function split(input: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let last = 0;
  for (const p of [...points, input.length]) {
    chunks.push(input.subarray(last, p));
    last = p;
  }
  return chunks;
}

function withoutRest<H>(result: HeadParseResult<H>): unknown {
  if (result.state !== 'complete') return result;
  const { rest: _rest, ...others } = result;
  return others;
}

describe('HTTP/1 head parser properties', () => {
  it(
    'gives the same result however the input is chunked (and passes the rest through)',
    () => {
      fc.assert(
        fc.property(
          headish,
          fc.array(fc.nat(), { maxLength: 12 }),
          options,
          fc.boolean(),
          (input, cuts, opts, byteByByte) => {
            const whole = parseRequestHead(input, opts);
            const parser = new HeadParser<RequestHead>('request', opts);
            const chunks = byteByByte
              ? Array.from(input, (b) => Uint8Array.of(b))
              : split(input, cuts);
            let last: HeadParseResult<RequestHead> = { state: 'need-more', findings: [] };
            const rests: Uint8Array[] = [];
            for (const chunk of chunks) {
              last = parser.push(chunk);
              if (last.state === 'complete') rests.push(last.rest);
            }
            if (input.length === 0) return;
            expect(withoutRest(last)).toEqual(withoutRest(whole));
            if (last.state === 'complete') {
              expect(Array.from(concatBytes(rests))).toEqual(
                Array.from(input.subarray(last.head.consumed)),
              );
            }
          },
        ),
        { numRuns: runs(20_000) },
      );
    },
    TIMEOUT,
  );

  it(
    'never throws on random bytes and keeps line spans contiguous',
    () => {
      const check = (result: HeadParseResult<RequestHead | ResponseHead>, length: number) => {
        expect(['need-more', 'complete', 'rejected']).toContain(result.state);
        const head = result.state === 'need-more' ? undefined : result.head;
        if (head === undefined) return;
        expect(head.consumed).toBeLessThanOrEqual(length);
        expect(head.lines[0]!.start).toBe(0);
        expect(head.lines[head.lines.length - 1]!.end).toBe(head.consumed);
        for (let i = 1; i < head.lines.length; i++) {
          expect(head.lines[i]!.start).toBe(head.lines[i - 1]!.end);
        }
      };
      fc.assert(
        fc.property(
          fc.oneof(fc.uint8Array({ maxLength: 300 }), headish),
          options,
          (input, opts) => {
            check(parseRequestHead(input, opts), input.length);
            check(parseResponseHead(input, opts), input.length);
          },
        ),
        { numRuns: runs(30_000) },
      );
    },
    TIMEOUT,
  );

  it(
    'round-trips valid field lines through serialize and parse',
    () => {
      const name = fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,12}$/);
      const value = fc.stringMatching(
        /^([\x21-\x7e\x80-\xff]([\x20-\x7e\x80-\xff]{0,10}[\x21-\x7e\x80-\xff])?)?$/,
      );
      fc.assert(
        fc.property(fc.array(fc.tuple(name, value), { maxLength: 12 }), (headers) => {
          const result = parseRequestHead(serializeRequestHead({ headers }));
          expect(result.state).toBe('complete');
          if (result.state === 'complete') expect(result.head.headers).toEqual(headers);
        }),
        { numRuns: runs(10_000) },
      );
    },
    TIMEOUT,
  );
});
