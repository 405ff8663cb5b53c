/**
 * Interop with `ws` (the reference Node implementation), over loopback sockets on port 0.
 */
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import * as wsModule from 'ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { ConnectionEvent, DissectorEvent } from '../src/index.js';
import {
  Dissector,
  FrameParser,
  parseExtensions,
  writeFrame,
  checkDeflateResponse,
} from '../src/index.js';
import { connectRawClient, readHead, startRawServer } from './support/ws-raw-peer.js';
import { nodeZlibEngine } from './support/node-zlib.js';

/** ws's frame serializer (exported at run time; not in @types/ws). */
const Sender = (
  wsModule as unknown as {
    Sender: {
      frame(
        data: Buffer,
        options: {
          fin: boolean;
          rsv1: boolean;
          opcode: number;
          mask: boolean;
          readOnly: boolean;
          generateMask?: (m: Buffer) => void;
        },
      ): Buffer[];
    };
  }
).Sender;

type Msg = Extract<ConnectionEvent, { type: 'message' }>;
const isMsg = (e: ConnectionEvent): e is Msg => e.type === 'message';
const isClosed = (e: ConnectionEvent): e is Extract<ConnectionEvent, { type: 'closed' }> =>
  e.type === 'closed';
const isPong = (e: ConnectionEvent): e is Extract<ConnectionEvent, { type: 'pong' }> =>
  e.type === 'pong';

// Real sockets on a shared, busy machine: allow time, every wait inside is bounded anyway.
vi.setConfig({ testTimeout: 30_000 });

/** Polls `check` every 20 ms until it holds or 10 s pass (the assertion after it decides). */
async function until(check: () => boolean): Promise<void> {
  for (const end = Date.now() + 10_000; !check() && Date.now() < end;) {
    await new Promise((r) => setTimeout(r, 20));
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function wsServer(options: ConstructorParameters<typeof WebSocketServer>[0] = {}) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, ...options });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const received: { data: Buffer; isBinary: boolean }[] = [];
  const closes: { code: number; reason: string }[] = [];
  wss.on('connection', (ws) => {
    ws.on('message', (data: Buffer, isBinary) => {
      received.push({ data, isBinary });
      ws.send(data, { binary: isBinary });
    });
    ws.on('close', (code, reason) => closes.push({ code, reason: reason.toString() }));
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  );
  return { port: (wss.address() as net.AddressInfo).port, received, closes };
}

describe('frames written by ws', () => {
  it('Sender.frame and writeFrame produce identical bytes, and we parse them back', () => {
    fc.assert(
      fc.property(
        fc.record({
          opcode: fc.constantFrom(1, 2, 9, 10),
          fin: fc.boolean(),
          rsv1: fc.boolean(),
          masked: fc.boolean(),
          mask: fc.uint8Array({ minLength: 4, maxLength: 4 }),
          len: fc.oneof(fc.nat(125), fc.integer({ min: 126, max: 70000 })),
        }),
        ({ opcode, fin, rsv1, masked, mask, len }) => {
          const control = opcode >= 8;
          const length = control ? len % 126 : len;
          const payload = Buffer.alloc(length, 0x61); // 'a' — valid UTF-8
          const isFin = control ? true : fin;
          const theirs = Buffer.concat(
            Sender.frame(payload, {
              fin: isFin,
              rsv1: control ? false : rsv1,
              opcode,
              mask: masked,
              generateMask: (m: Buffer) => m.set(mask),
              readOnly: true,
            }),
          );
          const spec = {
            opcode,
            fin: isFin,
            rsv1: control ? false : rsv1,
            payload,
            ...(masked ? { mask } : {}),
          };
          const ours = writeFrame(spec, {
            role: masked ? 'client' : 'server',
            allowedRsv: { rsv1: true },
          });
          expect(ours.ok).toBe(true);
          if (!ours.ok) return;
          expect(Buffer.from(ours.bytes).equals(theirs)).toBe(true);
          const ev = new FrameParser({
            direction: masked ? 'client-to-server' : 'server-to-client',
            perMessageDeflate: true,
          }).push(theirs);
          const f = ev.find((e) => e.type === 'frame');
          expect(f?.type === 'frame' && Buffer.from(f.frame.payload).equals(payload)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('our client core against a real ws server', () => {
  it('handshake, masked frames of every length encoding, ping, close', async () => {
    const srv = await wsServer();
    const { wired, validation } = await connectRawClient(srv.port);
    expect(validation.findings).toEqual([]);
    const payloads: (string | Uint8Array)[] = [
      'hello',
      'é€𝄞',
      new Uint8Array([0, 1, 255]),
      'x'.repeat(300),
      new Uint8Array(70000).fill(7),
    ];
    for (const p of payloads) {
      const from = wired.events.length;
      wired.apply(typeof p === 'string' ? wired.conn.sendText(p) : wired.conn.sendBinary(p));
      const echo = await wired.waitFor(isMsg, from);
      if (typeof p === 'string') expect(echo.text).toBe(p);
      else expect(Buffer.from(echo.data).equals(p)).toBe(true);
    }
    expect(srv.received.map((r) => r.isBinary)).toEqual([false, false, true, false, true]);
    let from = wired.events.length;
    wired.apply(wired.conn.ping(new Uint8Array([1, 2, 3])));
    expect([...(await wired.waitFor(isPong, from)).data]).toEqual([1, 2, 3]);
    from = wired.events.length;
    wired.apply(wired.conn.close(4001, 'bye'));
    const closed = await wired.waitFor(isClosed, from);
    expect(closed).toMatchObject({ code: 4001, wasClean: true });
    // ws reports its 'close' once its socket is closed too, which may come after ours.
    await until(() => srv.closes.length > 0);
    expect(srv.closes).toEqual([{ code: 4001, reason: 'bye' }]);
  });

  it('permessage-deflate: ws compresses, we inflate; we compress, ws inflates', async () => {
    const srv = await wsServer({ perMessageDeflate: { threshold: 0 } });
    const { wired, validation } = await connectRawClient(srv.port, {
      deflate: [{ clientMaxWindowBits: true }],
    });
    expect(validation.ok).toBe(true);
    expect(validation.deflate).toBeDefined();
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(50);
    for (let i = 0; i < 3; i++) {
      const from = wired.events.length;
      wired.apply(wired.conn.sendText(text + i));
      expect((await wired.waitFor(isMsg, from)).text).toBe(text + i);
    }
    expect(srv.received.map((r) => r.data.toString())).toEqual([0, 1, 2].map((i) => text + i));
  });
});

describe('a ws client against our server core', () => {
  for (const perMessageDeflate of [false, true]) {
    it(`handshake, echo, ping and close (permessage-deflate ${perMessageDeflate})`, async () => {
      const srv = await startRawServer({
        protocols: ['chat'],
        deflate: perMessageDeflate ? {} : false,
      });
      cleanups.push(srv.close);
      const ws = new WebSocket(`ws://127.0.0.1:${srv.port}/`, ['other', 'chat'], {
        perMessageDeflate,
      });
      cleanups.push(() => ws.terminate());
      await new Promise<void>((resolve, reject) => ws.once('open', resolve).once('error', reject));
      expect(ws.protocol).toBe('chat');
      expect(Object.keys(ws.extensions ?? {}).length > 0).toBe(perMessageDeflate);
      const got: string[] = [];
      ws.on('message', (d: Buffer) => got.push(d.toString()));
      ws.send('hello');
      ws.send('y'.repeat(100000));
      const pong = new Promise<Buffer>((resolve) => ws.once('pong', resolve));
      ws.ping(Buffer.from('pp'));
      expect((await pong).toString()).toBe('pp');
      await until(() => got.length >= 2);
      expect(got).toEqual(['hello', 'y'.repeat(100000)]);
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.close(1000);
      expect(await closed).toBe(1000);
    });
  }
  it('rejects a bad handshake with the status the core decided', async () => {
    const srv = await startRawServer();
    cleanups.push(srv.close);
    const ws = new WebSocket(`ws://127.0.0.1:${srv.port}/`, { protocolVersion: 8 });
    const status = await new Promise<number>((resolve) =>
      ws
        .once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
        .once('error', () => resolve(-1)),
    );
    expect(status).toBe(426);
    ws.terminate();
  });
});

describe('dissecting a tapped ws ↔ ws connection', () => {
  it('frames and inflated messages match what both ends sent', async () => {
    const srv = await wsServer({ perMessageDeflate: { threshold: 0 } });
    const taps: { dir: 'client-to-server' | 'server-to-client'; data: Buffer }[] = [];
    const proxy = net.createServer((client) => {
      const upstream = net.connect(srv.port, '127.0.0.1');
      client.on('data', (d) => {
        taps.push({ dir: 'client-to-server', data: d });
        upstream.write(d);
      });
      upstream.on('data', (d) => {
        taps.push({ dir: 'server-to-client', data: d });
        client.write(d);
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.on('error', () => undefined);
      upstream.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => proxy.close(() => resolve())));
    const port = (proxy.address() as net.AddressInfo).port;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { perMessageDeflate: true });
    await new Promise<void>((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const sentTexts = ['alpha '.repeat(40), 'beta '.repeat(40), 'gamma'];
    let echoes = 0;
    ws.on('message', () => echoes++);
    for (const t of sentTexts) ws.send(t);
    ws.send(Buffer.from([1, 2, 3]), { binary: true, compress: false });
    await until(() => echoes >= 4);
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    ws.close(1000, 'done');
    await closed;

    // Split off the heads, negotiate from the 101's extension header, dissect the rest.
    const stream = (dir: string) =>
      Buffer.concat(taps.filter((t) => t.dir === dir).map((t) => t.data));
    const req = readHead(stream('client-to-server'))!;
    const res = readHead(stream('server-to-client'))!;
    const ext = parseExtensions(
      res.headers.filter(([n]) => n.toLowerCase() === 'sec-websocket-extensions').map(([, v]) => v),
    );
    expect(ext.ok).toBe(true);
    if (!ext.ok) return;
    const params = checkDeflateResponse(ext.extensions[0]!, [
      { clientMaxWindowBits: true },
    ]).params!;
    const d = new Dissector({ deflate: { params, engine: nodeZlibEngine } });
    const events: DissectorEvent[] = [
      ...d.push('client-to-server', req.rest, 1),
      ...d.push('server-to-client', res.rest, 2),
    ];
    const frames = events.flatMap((e) => (e.type === 'frame' ? [e.frame] : []));
    expect(frames.flatMap((f) => f.findings)).toEqual([]);
    const msgs = (dir: string) =>
      events.flatMap((e) =>
        e.type === 'message' && e.direction === dir ? [Buffer.from(e.data).toString('latin1')] : [],
      );
    const expected = [...sentTexts, '\x01\x02\x03'];
    expect(msgs('client-to-server')).toEqual(expected);
    expect(msgs('server-to-client')).toEqual(expected);
    expect(frames.filter((f) => f.direction === 'client-to-server').every((f) => f.masked)).toBe(
      true,
    );
    expect(frames.filter((f) => f.rsv1).length).toBeGreaterThanOrEqual(6);
    expect(frames.find((f) => f.opcode === 8 && f.direction === 'client-to-server')?.close).toEqual(
      { code: 1000, reason: 'done' },
    );
    expect(new Set(frames.map((f) => f.seq)).size).toBe(frames.length);
  });
});
