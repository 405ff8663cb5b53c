import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Dissector, writeFrame } from '../src/index.js';
import { hexBytes } from './support/ws-bytes.js';
import { nodeZlibEngine } from './support/node-zlib.js';

const MASK = hexBytes('0a 0b 0c 0d');
const frame = (spec: Parameters<typeof writeFrame>[0], role: 'client' | 'server') => {
  const r = writeFrame(role === 'client' ? { ...spec, mask: MASK } : spec, {
    role,
    allowInvalid: true,
    allowedRsv: { rsv1: true },
  });
  if (!r.ok) throw new Error('fixture');
  return r.bytes;
};
const params = {
  serverNoContextTakeover: false,
  clientNoContextTakeover: false,
  serverMaxWindowBits: 15,
  clientMaxWindowBits: 15,
};

describe('dissector over both directions', () => {
  it('shares one sequence number, keeps per-direction offsets and stamps time', () => {
    const d = new Dissector();
    const a = d.push(
      'client-to-server',
      frame({ opcode: 1, payload: hexBytes('61') }, 'client'),
      10,
    );
    const b = d.push(
      'server-to-client',
      frame({ opcode: 1, payload: hexBytes('62') }, 'server'),
      11,
    );
    const c = d.push('client-to-server', frame({ opcode: 9 }, 'client'), 12);
    const frames = [...a, ...b, ...c].flatMap((e) => (e.type === 'frame' ? [e.frame] : []));
    expect(frames.map((f) => [f.seq, f.direction, f.headerOffset, f.time])).toEqual([
      [0, 'client-to-server', 0, 10],
      [1, 'server-to-client', 0, 11],
      [2, 'client-to-server', 7, 12],
    ]);
  });
  it('records violations and keeps going', () => {
    const d = new Dissector();
    const bytes = Buffer.concat([
      frame({ opcode: 1, payload: hexBytes('61') }, 'server'),
      frame({ opcode: 1, payload: hexBytes('62'), mask: MASK }, 'server'),
      frame({ opcode: 8, payload: hexBytes('03 ed') }, 'server'),
      frame({ opcode: 2 }, 'server'),
    ]);
    const frames = d
      .push('server-to-client', bytes, 0)
      .flatMap((e) => (e.type === 'frame' ? [e.frame] : []));
    expect(frames.map((f) => f.findings.map((x) => x.code))).toEqual([
      [],
      ['server-frame-masked'],
      ['invalid-close-code'],
      ['frame-after-close'],
    ]);
  });
  it('inflates permessage-deflate messages (ws/zlib output) onto the first frame record', () => {
    const d = new Dissector({ deflate: { params, engine: nodeZlibEngine } });
    const compressed = zlib.deflateRawSync(Buffer.from('hello hello hello'), {
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
    });
    const body = compressed.subarray(0, compressed.length - 4);
    const first = frame(
      { opcode: 1, rsv1: true, fin: false, payload: body.subarray(0, 3) },
      'server',
    );
    const rest = frame({ opcode: 0, payload: body.subarray(3) }, 'server');
    const ev1 = d.push('server-to-client', first, 1);
    const ev2 = d.push('server-to-client', rest, 2);
    const f0 = ev1.find((e) => e.type === 'frame');
    expect(f0?.type === 'frame' && new TextDecoder().decode(f0.frame.inflated)).toBe(
      'hello hello hello',
    );
    expect(ev2.find((e) => e.type === 'message')).toMatchObject({
      compressed: true,
      firstSeq: 0,
      lastSeq: 1,
    });
  });
  it('never throws on random bytes in both directions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.uint8Array({ maxLength: 80 })), { maxLength: 8 }),
        (chunks) => {
          const d = new Dissector({
            deflate: { params, engine: nodeZlibEngine },
            maxFrameSize: 1 << 16,
          });
          for (const [c2s, bytes] of chunks)
            d.push(c2s ? 'client-to-server' : 'server-to-client', bytes, 0);
          d.end('client-to-server');
          d.end('server-to-client');
        },
      ),
      { numRuns: process.env.CI ? 20000 : 1000 },
    );
  }, 120_000);
});
