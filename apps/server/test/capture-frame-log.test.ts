/**
 * The recorder keeps frames compact (plugins/capture/frame-log.ts) and builds their JSON form
 * only when asked. That form must be exactly what the exchange package's `frameToJson` (the
 * reference conversion) gives, and the byte cap must apply to an inflated payload attached
 * after its first frame was recorded (a compressed message spread over several reads).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { decodeBase64, frameToJson } from '@switchyard/exchange';
import { FrameParser, Opcode, type FrameRecord } from '@switchyard/protocol';
import { FrameLog } from '../src/plugins/capture/frame-log.js';
import { makeApp, stored } from './support/http.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

/** Frame bytes (RFC 6455 §5.2) for the parser: the log must hold what the dissector gives. */
function wire(opcode: number, payload: Uint8Array, opts: { fin?: boolean; mask?: number[] } = {}) {
  const len = payload.length;
  const ext = len < 126 ? [] : len < 65_536 ? [len >> 8, len & 0xff] : null;
  const head = [(opts.fin === false ? 0 : 0x80) | opcode];
  const maskBit = opts.mask ? 0x80 : 0;
  let lengthBytes: number[];
  if (ext === null) {
    lengthBytes = [
      maskBit | 127,
      0,
      0,
      0,
      0,
      (len >>> 24) & 0xff,
      (len >> 16) & 0xff,
      (len >> 8) & 0xff,
      len & 0xff,
    ];
  } else if (ext.length === 0) lengthBytes = [maskBit | len];
  else lengthBytes = [maskBit | 126, ...ext];
  const body = Uint8Array.from(payload, (b, i) => (opts.mask ? b ^ opts.mask[i & 3]! : b));
  return Uint8Array.from([...head, ...lengthBytes, ...(opts.mask ?? []), ...body]);
}

function parse(bytes: Uint8Array, direction: FrameRecord['direction']): FrameRecord[] {
  const parser = new FrameParser({ direction, stopOnError: false });
  return parser.push(bytes, 7).flatMap((e) => (e.type === 'frame' ? [e.frame] : []));
}

describe('FrameLog', () => {
  it('gives the same JSON as frameToJson for every kind of frame', () => {
    const big = new Uint8Array(70_000).map((_, i) => i & 0xff);
    const records = [
      ...parse(
        Uint8Array.from([
          ...wire(Opcode.Text, new TextEncoder().encode('hello'), { mask: [1, 2, 3, 4] }),
          ...wire(Opcode.Binary, new Uint8Array(300).fill(9), { mask: [0, 0, 0, 0], fin: false }),
          ...wire(Opcode.Continuation, big, { mask: [255, 254, 253, 252] }),
          ...wire(Opcode.Close, Uint8Array.from([0x03, 0xe8, 0x62, 0x79, 0x65]), {
            mask: [5, 6, 7, 8],
          }),
          // Reserved opcode and an unmasked client frame: findings on the record.
          ...wire(0x3, Uint8Array.from([1])),
        ]),
        'client-to-server',
      ),
      ...parse(
        Uint8Array.from([
          ...wire(Opcode.Ping, new Uint8Array(0)),
          ...wire(Opcode.Close, new Uint8Array(1)),
        ]),
        'server-to-client',
      ),
    ];
    expect(records.some((r) => r.findings.length > 0)).toBe(true);
    expect(records.some((r) => r.lengthEncoding === 64)).toBe(true);
    const withInflated = { ...records[0]!, rsv1: true, inflated: new Uint8Array([1, 2, 3]) };
    const all = [...records, withInflated];
    const log = new FrameLog(1 << 20);
    all.forEach((r, i) => log.add(r, 100 + i, r.payload.length, r.inflated?.length ?? 0));
    const reference = all.map((r, i) => frameToJson(r, { time: 100 + i }));
    expect(log.toJsonList()).toEqual(reference);
    expect(JSON.stringify(log.toJsonList())).toBe(JSON.stringify(reference));
  });
});

describe('inflated payload attached after the first frame', () => {
  function beginWs(app: FastifyInstance) {
    const cap = app.captures.begin({
      kind: 'websocket',
      endpoint: '/ws/echo',
      method: 'GET',
      target: '/ws/echo',
      httpVersion: '1.1',
      headers: [],
    })!;
    cap.upgraded({ subprotocol: null, extensions: 'permessage-deflate' });
    return cap;
  }
  const frame = (seq: number, opcode: number, fin: boolean, rsv1: boolean, n: number) =>
    parse(
      wire(opcode, new Uint8Array(n).fill(seq + 1), { fin, mask: [1, 1, 1, 1] }),
      'client-to-server',
    ).map((f) => ({ ...f, seq, rsv1 }))[0]!;

  it('lands on the first frame, within the byte cap, counted when cut', async () => {
    const app = await makeApp({ CAPTURE_MAX_BYTES: '20' });
    apps.push(app);
    await app.ready();
    const cap = beginWs(app);
    cap.frame(frame(0, Opcode.Text, false, true, 4));
    cap.frame(frame(1, Opcode.Continuation, true, false, 4));
    cap.inflated(0, new Uint8Array(30).fill(7)); // 8 stored so far: 12 of 30 kept
    cap.inflated(0, new Uint8Array(30).fill(8)); // a repeat changes nothing
    cap.finish();
    const ex = await stored(app, cap.id);
    const [first, second] = ex.websocket!.frames;
    expect(decodeBase64(first!.inflated!)).toEqual(new Uint8Array(12).fill(7));
    expect(first!.inflatedTruncated).toBe(true);
    expect(second!.inflated).toBeUndefined();
    expect(ex.websocket!.truncation).toMatchObject({ framesCut: 1, bytesDropped: 18 });
  });

  it('is counted as dropped when its first frame was dropped by the frame cap', async () => {
    const app = await makeApp({ CAPTURE_MAX_FRAMES: '1' });
    apps.push(app);
    await app.ready();
    const cap = beginWs(app);
    cap.frame(frame(0, Opcode.Text, true, false, 2));
    cap.frame(frame(1, Opcode.Text, false, true, 3));
    cap.frame(frame(2, Opcode.Continuation, true, false, 3));
    cap.inflated(1, new Uint8Array(10));
    cap.finish();
    const ex = await stored(app, cap.id);
    expect(ex.websocket!.frames).toHaveLength(1);
    expect(ex.websocket!.truncation).toMatchObject({
      framesDropped: 2,
      bytesDropped: 3 + 3 + 10,
      firstDroppedSeq: 1,
    });
  });
});
