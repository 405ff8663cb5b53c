/**
 * permessage-deflate capture when a compressed message does not arrive in one socket read
 * (RFC 7692 §6: RSV1 marks the first frame; the message is inflated as a whole once its last
 * frame has arrived). The inflated payload must still be recorded on the message's first frame,
 * whether the message is one frame read in pieces or fragments read one by one. Peers: `ws`,
 * python3-websockets (Debian's, /usr/bin/python3) and a raw TCP client that writes the frame
 * bytes in small pieces (compressed with node:zlib, not with our protocol core).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import { constants, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import type { Exchange, FrameJson } from '@switchyard/exchange';
import { handshake, nextMessage, once, startApp, WAIT_MS } from './support/ws-helpers.js';
import { pythonClient } from './support/ws-python.js';

let app: FastifyInstance;
let base: string;
let port: number;

beforeAll(async () => {
  ({ app, base, port } = await startApp());
});
afterAll(async () => {
  await app.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A large, compressible text: many frames' worth of bytes once inflated. */
function bigText(label: string, size = 40_000): string {
  let out = '';
  for (let i = 0; out.length < size; i++) out += `${label} line ${i % 97} of a compressible text. `;
  return out.slice(0, size);
}

/** Polls the capture until it has a close record (bounded). */
async function closedExchange(id: string): Promise<Exchange> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const exchange = await app.captures.get(id);
    if (exchange?.websocket?.close) return exchange;
    if (Date.now() > deadline) throw new Error(`exchange ${id} not closed in time`);
    await pause(20);
  }
}

/** The first frame of each data message in one direction (opcode 1/2, not continuations). */
function messageStarts(exchange: Exchange, direction: FrameJson['direction']): FrameJson[] {
  return exchange.websocket!.frames.filter(
    (f) => f.direction === direction && (f.opcode === 1 || f.opcode === 2),
  );
}

const inflatedText = (frame: FrameJson | undefined) =>
  frame?.inflated === undefined ? undefined : Buffer.from(frame.inflated, 'base64').toString();

/** Compares a frame's inflated text with `expected`, describing a mismatch briefly. */
function inflatedMatch(frame: FrameJson | undefined, expected: string): string {
  const text = inflatedText(frame);
  if (text === expected) return 'inflated message recorded';
  return text === undefined
    ? `no inflated payload on frame ${frame?.seq ?? '(none)'}`
    : `inflated payload differs: ${text.length} chars, expected ${expected.length}`;
}
const RECORDED = 'inflated message recorded';

describe('a compressed message spread over several reads', () => {
  it('ws client: fragments sent apart get the inflated message on the first frame', async () => {
    const ws = new WebSocket(`ws://${base}/ws/echo`, { perMessageDeflate: { threshold: 0 } });
    const upgraded = once<[IncomingMessage]>(ws, 'upgrade');
    await once(ws, 'open');
    const [response] = await upgraded;
    const id = String(response.headers['x-switchyard-capture']);
    const parts = [bigText('alpha', 20_000), bigText('beta', 20_000), bigText('gamma', 5_000)];
    const echoed = nextMessage(ws);
    // One message in three fragments (RFC 6455 §5.4), each written after a pause.
    for (const [i, part] of parts.entries()) {
      ws.send(part, { fin: i === parts.length - 1, compress: true });
      await pause(30);
    }
    expect((await echoed).data.toString() === parts.join('')).toBe(true);
    ws.close(1000);
    await once(ws, 'close');

    const exchange = await closedExchange(id);
    const fromClient = exchange.websocket!.frames.filter(
      (f) => f.direction === 'client-to-server' && f.opcode !== 8,
    );
    expect(fromClient.map((f) => [f.opcode, f.fin, f.rsv1])).toEqual([
      [1, false, true],
      [0, false, false],
      [0, true, false],
    ]);
    expect(inflatedMatch(fromClient[0], parts.join(''))).toBe(RECORDED);
    expect(fromClient[1]?.inflated).toBeUndefined();
    const [reply] = messageStarts(exchange, 'server-to-client');
    expect(reply?.rsv1).toBe(true);
    expect(inflatedMatch(reply, parts.join(''))).toBe(RECORDED);
  });

  it('python3-websockets: a fragmented compressed message', async () => {
    const fragments = [bigText('py-one', 12_000), bigText('py-two', 12_000), 'end'];
    const seen = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no capture began')), 15_000);
      const off = app.bus.subscribe((event) => {
        if (event.type === 'begin' && event.summary.endpoint === '/ws/echo') {
          clearTimeout(timer);
          off();
          resolve(event.id);
        }
      });
    });
    const outcome = await pythonClient(`ws://${base}/ws/echo`, {
      send_fragments: fragments,
      fragment_delay: 0.05,
      close: true,
      wait: 3,
    });
    expect(outcome.exception).toBeNull();
    const id = await seen;
    const exchange = await closedExchange(id);
    expect(exchange.websocket?.extensions).toMatch(/permessage-deflate/);
    const first = messageStarts(exchange, 'client-to-server')[0];
    expect(first?.rsv1).toBe(true);
    expect(first?.fin).toBe(false);
    expect(inflatedMatch(first, fragments.join(''))).toBe(RECORDED);
    expect(inflatedMatch(messageStarts(exchange, 'server-to-client')[0], fragments.join(''))).toBe(
      RECORDED,
    );
  });

  it('raw client: frames written a few bytes at a time, one frame and fragments', async () => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    const timer = setTimeout(() => socket.destroy(), 20_000);
    try {
      await once(socket, 'connect');
      const closed = once(socket, 'close', 2 * WAIT_MS);
      let received = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
      socket.write(handshake('/ws/echo', ['Sec-WebSocket-Extensions: permessage-deflate']));
      const deadline = Date.now() + WAIT_MS;
      while (!received.includes('\r\n\r\n') && Date.now() < deadline) await pause(10);
      const head = received.toString('latin1');
      expect(head).toMatch(/^HTTP\/1\.1 101/);
      expect(head).toMatch(/sec-websocket-extensions: permessage-deflate/i);
      const id = /x-switchyard-capture: (\S+)/i.exec(head)![1]!;

      // Every message with its own context: the test does not rely on context takeover.
      const single = bigText('single', 8_000);
      const fragmented = bigText('fragmented', 9_000);
      const writeSlowly = async (bytes: Buffer) => {
        for (let at = 0; at < bytes.length; at += 16) {
          socket.write(bytes.subarray(at, at + 16));
          await pause(3);
        }
      };
      await writeSlowly(clientFrame(1, true, true, compress(single)));
      const packed = compress(fragmented);
      const third = Math.ceil(packed.length / 3);
      await writeSlowly(
        Buffer.concat([
          clientFrame(1, false, true, packed.subarray(0, third)),
          clientFrame(0, false, false, packed.subarray(third, 2 * third)),
          clientFrame(0, true, false, packed.subarray(2 * third)),
        ]),
      );
      await writeSlowly(clientFrame(8, true, false, Buffer.from([0x03, 0xe8])));
      await closed.catch(() => {
        throw new Error(`no close; got ${received.subarray(-40).toString('hex')}`);
      });

      const exchange = await closedExchange(id);
      const starts = messageStarts(exchange, 'client-to-server');
      expect(starts.map((f) => f.fin)).toEqual([true, false]);
      expect(starts.map((f, i) => inflatedMatch(f, [single, fragmented][i]!))).toEqual([
        RECORDED,
        RECORDED,
      ]);
      const replies = messageStarts(exchange, 'server-to-client');
      expect(replies.map((f, i) => inflatedMatch(f, [single, fragmented][i]!))).toEqual([
        RECORDED,
        RECORDED,
      ]);
    } finally {
      clearTimeout(timer);
      socket.destroy();
    }
  });
});

/** RFC 7692 §7.2.1: deflate, then drop the 0x00 0x00 0xff 0xff tail of the final sync flush. */
function compress(text: string): Buffer {
  const out = deflateRawSync(Buffer.from(text), { finishFlush: constants.Z_SYNC_FLUSH });
  return out.subarray(0, out.length - 4);
}

/** One masked client frame (RFC 6455 §5.2-§5.3). */
function clientFrame(opcode: number, fin: boolean, rsv1: boolean, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const len = payload.length;
  const header = Buffer.alloc(len < 126 ? 6 : len < 65_536 ? 8 : 14);
  header[0] = (fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode;
  if (len < 126) header[1] = 0x80 | len;
  else if (len < 65_536) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(len, 2);
  } else {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(len), 2);
  }
  mask.copy(header, header.length - 4);
  const masked = Buffer.from(payload);
  for (let i = 0; i < masked.length; i++) masked[i] = masked[i]! ^ mask[i & 3]!;
  return Buffer.concat([header, masked]);
}
