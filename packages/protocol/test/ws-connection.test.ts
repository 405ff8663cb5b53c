import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ConnectionEvent } from '../src/index.js';
import { FrameParser, Opcode, WebSocketConnection, writeFrame } from '../src/index.js';
import { concatBytes, framesOf, hexBytes } from './support/ws-bytes.js';
import { nodeZlibEngine } from './support/node-zlib.js';

const MASK = hexBytes('01 02 03 04');
const client = () => new WebSocketConnection({ role: 'client', randomMask: () => MASK });
const server = () => new WebSocketConnection({ role: 'server' });
const sent = (ev: ConnectionEvent[]) => ev.flatMap((e) => (e.type === 'send' ? [e.bytes] : []));
const types = (ev: ConnectionEvent[]) => ev.map((e) => e.type);
/** Parses what an endpoint sent, as its peer would. */
const peerSees = (ev: ConnectionEvent[], from: 'client' | 'server', perMessageDeflate = false) =>
  framesOf(
    new FrameParser({
      direction: from === 'client' ? 'client-to-server' : 'server-to-client',
      perMessageDeflate,
    }).push(concatBytes(...sent(ev))),
  );
const maskedFrame = (opcode: number, payload: Uint8Array, fin = true) => {
  const r = writeFrame(
    { opcode, payload, mask: MASK, fin },
    { role: 'client', allowInvalid: true },
  );
  if (!r.ok) throw new Error('fixture');
  return r.bytes;
};

describe('data in both directions', () => {
  it('a client masks what it sends; a server reads it as a text message', () => {
    const c = client();
    const out = c.sendText('héllo');
    const [f] = peerSees(out, 'client');
    expect(f!.masked).toBe(true);
    const s = server();
    const ev = s.receive(concatBytes(...sent(out)));
    expect(ev.find((e) => e.type === 'message')).toMatchObject({ opcode: 1, text: 'héllo' });
  });
  it('a server does not mask', () => {
    expect(peerSees(server().sendBinary(hexBytes('00 ff')), 'server')[0]!.masked).toBe(false);
  });
});

describe('RFC 6455 §5.5.2/§5.5.3 ping and pong', () => {
  it('answers a ping automatically with the same data', () => {
    const s = server();
    const ev = s.receive(maskedFrame(Opcode.Ping, hexBytes('61 62')));
    expect(types(ev)).toEqual(['frame', 'ping', 'send']);
    const [pong] = peerSees(ev, 'server');
    expect(pong).toMatchObject({ opcode: Opcode.Pong });
    expect([...pong!.payload]).toEqual([0x61, 0x62]);
  });
  it('autoPong: false leaves it to the application', () => {
    const s = new WebSocketConnection({ role: 'server', autoPong: false });
    expect(types(s.receive(maskedFrame(Opcode.Ping, hexBytes('61'))))).toEqual(['frame', 'ping']);
  });
  it('refuses control data over 125 bytes', () => {
    expect(types(server().ping(new Uint8Array(126)))).toEqual(['refused']);
  });
});

describe('RFC 6455 §5.5.1 / §7.1 closing handshake', () => {
  it('echoes the peer close code and the server closes the transport', () => {
    const s = server();
    const ev = s.receive(maskedFrame(Opcode.Close, hexBytes('0f a0 62 79 65')));
    expect(types(ev)).toEqual(['frame', 'close-received', 'send', 'closed', 'close-transport']);
    expect(peerSees(ev, 'server')[0]!.close).toEqual({ code: 4000, reason: '' });
    expect(ev.find((e) => e.type === 'closed')).toMatchObject({
      code: 4000,
      reason: 'bye',
      wasClean: true,
    });
    expect(s.state).toBe('closed');
  });
  it('reports 1005 for a Close without status and echoes an empty Close', () => {
    const c = client();
    const ev = c.receive(hexBytes('88 00'));
    expect(peerSees(ev, 'client')[0]!.payload.length).toBe(0);
    expect(ev.find((e) => e.type === 'closed')).toMatchObject({ code: 1005, wasClean: true });
    expect(types(ev)).not.toContain('close-transport'); // the client waits for the server (§7.1.1)
  });
  it('local close → closing, then the peer reply → closed; no data after close', () => {
    const c = client();
    const ev = c.close(1000, 'done');
    expect(peerSees(ev, 'client')[0]!.close).toEqual({ code: 1000, reason: 'done' });
    expect(c.state).toBe('closing');
    expect(types(c.sendText('x'))).toEqual(['refused']);
    const end = c.receive(hexBytes('88 02 03 e8'));
    expect(types(end)).toEqual(['frame', 'closed']);
    expect(c.state).toBe('closed');
  });
  it('refuses close codes that may not be sent', () => {
    expect(server().close(1005)[0]).toMatchObject({
      type: 'refused',
      finding: { code: 'invalid-close-code' },
    });
  });
  it('a TCP end without a Close is abnormal (1006, §7.1.5)', () => {
    expect(server().receiveEnd()).toEqual([
      { type: 'closed', code: 1006, reason: '', wasClean: false },
    ]);
  });
});

describe('RFC 6455 §7.1.7 failing the connection', () => {
  it('an unmasked client frame makes the server send Close 1002 and close', () => {
    const s = server();
    const ev = s.receive(hexBytes('81 01 61'));
    expect(types(ev)).toEqual(['error', 'send', 'closed', 'close-transport']);
    expect(peerSees(ev, 'server')[0]!.close?.code).toBe(1002);
    expect(s.receive(maskedFrame(1, hexBytes('61')))).toEqual([]);
  });
  it('invalid UTF-8 fails with 1007', () => {
    const ev = server().receive(maskedFrame(1, hexBytes('ff')));
    expect(peerSees(ev, 'server')[0]!.close?.code).toBe(1007);
  });
  it('an oversized message fails with 1009', () => {
    const s = new WebSocketConnection({ role: 'server', maxMessageSize: 4 });
    const ev = s.receive(maskedFrame(2, new Uint8Array(5)));
    expect(peerSees(ev, 'server')[0]!.close?.code).toBe(1009);
  });
});

describe('RFC 7692 permessage-deflate through the connection', () => {
  const params = {
    serverNoContextTakeover: false,
    clientNoContextTakeover: false,
    serverMaxWindowBits: 15,
    clientMaxWindowBits: 15,
  };
  it('a compressed message round-trips with context takeover across messages', () => {
    const c = new WebSocketConnection({
      role: 'client',
      randomMask: () => MASK,
      deflate: { params, engine: nodeZlibEngine },
    });
    const s = new WebSocketConnection({
      role: 'server',
      deflate: { params, engine: nodeZlibEngine },
    });
    const text = 'Hello, hello, hello, hello! '.repeat(20);
    for (let i = 0; i < 3; i++) {
      const out = c.sendText(text);
      const [frame] = peerSees(out, 'client', true);
      expect(frame!.rsv1).toBe(true);
      expect(frame!.payloadLength).toBeLessThan(text.length / 4);
      const got = s.receive(concatBytes(...sent(out)));
      expect(got.find((e) => e.type === 'message')).toMatchObject({ text });
    }
  });
  it('a deflate bomb fails with 1009 instead of inflating', () => {
    const c = new WebSocketConnection({
      role: 'client',
      randomMask: () => MASK,
      deflate: { params, engine: nodeZlibEngine },
    });
    const s = new WebSocketConnection({
      role: 'server',
      maxMessageSize: 1 << 20,
      deflate: { params, engine: nodeZlibEngine },
    });
    const out = c.sendBinary(new Uint8Array(64 << 20)); // 64 MiB of zeros → ~64 KiB compressed
    const ev = s.receive(concatBytes(...sent(out)));
    expect(ev.find((e) => e.type === 'error')).toMatchObject({
      finding: { code: 'inflated-message-too-big', closeCode: 1009 },
    });
  });
  it('corrupt compressed data fails with 1007', () => {
    const s = new WebSocketConnection({
      role: 'server',
      deflate: { params, engine: nodeZlibEngine },
    });
    const r = writeFrame(
      { opcode: 2, rsv1: true, payload: hexBytes('ff ff ff ff'), mask: MASK },
      { role: 'client', allowedRsv: { rsv1: true } },
    );
    if (!r.ok) throw new Error('fixture');
    expect(s.receive(r.bytes).find((e) => e.type === 'error')).toMatchObject({
      finding: { closeCode: 1007 },
    });
  });
});

describe('property: the connection never throws on random bytes', () => {
  it('either role, with and without permessage-deflate', () => {
    const params = {
      serverNoContextTakeover: false,
      clientNoContextTakeover: true,
      serverMaxWindowBits: 15,
      clientMaxWindowBits: 15,
    };
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 6 }),
        (isServer, deflate, chunks) => {
          const conn = new WebSocketConnection({
            role: isServer ? 'server' : 'client',
            randomMask: () => MASK,
            maxMessageSize: 1 << 16,
            ...(deflate ? { deflate: { params, engine: nodeZlibEngine } } : {}),
          });
          for (const c of chunks) conn.receive(c);
          conn.receiveEnd();
          expect(conn.state).toBe('closed');
        },
      ),
      { numRuns: process.env.CI ? 10000 : 500 },
    );
  }, 120_000);
});

describe('RFC 6455 §5.4 fragmented sends', () => {
  it('splits a message into continuation frames that reassemble, compressed or not', () => {
    const params = {
      serverNoContextTakeover: false,
      clientNoContextTakeover: false,
      serverMaxWindowBits: 15,
      clientMaxWindowBits: 15,
    };
    for (const deflate of [false, true]) {
      const extra = deflate ? { deflate: { params, engine: nodeZlibEngine } } : {};
      const c = new WebSocketConnection({ role: 'client', randomMask: () => MASK, ...extra });
      const s = new WebSocketConnection({ role: 'server', ...extra });
      const text = 'fragment me, please — ünïcödé '.repeat(10);
      const out = c.sendText(text, { fragmentSize: 7 });
      const frames = peerSees(out, 'client', deflate);
      expect(frames.length).toBeGreaterThan(1);
      expect(frames.map((f) => f.opcode)).toEqual([1, ...Array(frames.length - 1).fill(0)]);
      expect(frames.map((f) => f.fin)).toEqual([...Array(frames.length - 1).fill(false), true]);
      expect(frames.map((f) => f.rsv1)).toEqual([deflate, ...Array(frames.length - 1).fill(false)]);
      expect(s.receive(concatBytes(...sent(out))).find((e) => e.type === 'message')).toMatchObject({
        text,
      });
    }
  });
});
