import { describe, expect, it } from 'vitest';
import {
  encodeH2Frame,
  fieldBlockFragment,
  H2FieldBlockDecoder,
  H2FrameParser,
  H2_FRAME_TYPES as T,
} from '../src/index.js';

// RFC 7541 C.3.1 (":method GET, :scheme http, :path /, :authority www.example.com").
const BLOCK = Uint8Array.from([
  0x82,
  0x86,
  0x84,
  0x41,
  0x0f,
  ...new TextEncoder().encode('www.example.com'),
]);
const FIELDS = [
  [':method', 'GET'],
  [':scheme', 'http'],
  [':path', '/'],
  [':authority', 'www.example.com'],
];
const END_STREAM = 0x1;
const END_HEADERS = 0x4;
const PADDED = 0x8;
const PRIORITY = 0x20;

function decodeFrames(bytes: Uint8Array, options = {}) {
  const frames = new H2FrameParser().push(bytes).frames;
  const decoder = new H2FieldBlockDecoder(options);
  return frames.map((f) => decoder.push(f)).filter((b) => b !== undefined);
}

describe('field blocks out of frames (RFC 9113 §4.3, §6.2, §6.6, §6.10)', () => {
  it('strips padding and priority fields from HEADERS', () => {
    const payload = Uint8Array.from([3, 0x80, 0, 0, 1, 15, ...BLOCK, 0, 0, 0]);
    const frame = { type: T.HEADERS, flags: PADDED | PRIORITY | END_HEADERS, payload };
    expect(Array.from(fieldBlockFragment(frame))).toEqual(Array.from(BLOCK));
    const blocks = decodeFrames(encodeH2Frame({ ...frame, streamId: 3 }));
    expect(blocks).toEqual([{ streamId: 3, type: T.HEADERS, headers: FIELDS, frames: 1 }]);
  });

  it('joins CONTINUATION frames and decodes on END_HEADERS', () => {
    const bytes = new Uint8Array([
      ...encodeH2Frame({
        type: T.HEADERS,
        flags: END_STREAM,
        streamId: 1,
        payload: BLOCK.subarray(0, 5),
      }),
      ...encodeH2Frame({ type: T.CONTINUATION, streamId: 1, payload: BLOCK.subarray(5, 9) }),
      ...encodeH2Frame({
        type: T.CONTINUATION,
        flags: END_HEADERS,
        streamId: 1,
        payload: BLOCK.subarray(9),
      }),
    ]);
    expect(decodeFrames(bytes)).toEqual([
      { streamId: 1, type: T.HEADERS, headers: FIELDS, frames: 3 },
    ]);
  });

  it('reads the promised stream of PUSH_PROMISE', () => {
    const payload = Uint8Array.from([0, 0, 0, 2, ...BLOCK]);
    const blocks = decodeFrames(
      encodeH2Frame({ type: T.PUSH_PROMISE, flags: END_HEADERS, streamId: 1, payload }),
    );
    expect(blocks[0]).toMatchObject({ promisedStreamId: 2, headers: FIELDS });
  });

  it('gives an empty fragment for a padding longer than the payload (no throw)', () => {
    const frame = { type: T.HEADERS, flags: PADDED | END_HEADERS, payload: Uint8Array.of(9, 0x82) };
    expect(fieldBlockFragment(frame)).toHaveLength(0);
    expect(fieldBlockFragment({ type: T.DATA, flags: 0, payload: BLOCK })).toHaveLength(0);
  });

  it('refuses a block over the size bound, and every later block', () => {
    const bytes = new Uint8Array([
      ...encodeH2Frame({ type: T.HEADERS, flags: END_HEADERS, streamId: 1, payload: BLOCK }),
      ...encodeH2Frame({
        type: T.HEADERS,
        flags: END_HEADERS,
        streamId: 3,
        payload: Uint8Array.of(0x82),
      }),
    ]);
    const blocks = decodeFrames(bytes, { maxBlockSize: 10 });
    expect(blocks.map((b) => b.error?.code)).toEqual([
      'field-block-too-large',
      'field-block-too-large',
    ]);
    expect(decodeFrames(bytes, { maxBlockSize: 20 }).map((b) => b.error)).toEqual([
      undefined,
      undefined,
    ]);
  });
});
