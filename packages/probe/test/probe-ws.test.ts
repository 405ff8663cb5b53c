import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAccept } from '@switchyard/protocol';
import { startProbe } from '../src/index.js';
import { startPythonEcho, startWsEcho } from './support/peers.js';
import { startTap, type Tap } from './support/tap.js';
import { b64, headEnd, latin1, waitFor, wirePayload } from './support/wire.js';

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

/** A plain opening handshake's fields for a server on `port` (RFC 6455 §4.1), then `extra`. */
function handshakeHeaders(port: number, extra: [string, string][] = []): [string, string][] {
  return [
    ['Host', `127.0.0.1:${port}`],
    ['Upgrade', 'websocket'],
    ['Connection', 'Upgrade'],
    ['Sec-WebSocket-Key', KEY],
    ['Sec-WebSocket-Version', '13'],
    ...extra,
  ];
}

describe('probe against a ws server, through a tapping relay', () => {
  let ws: Awaited<ReturnType<typeof startWsEcho>>;
  let tap: Tap;
  beforeAll(async () => {
    ws = await startWsEcho();
    tap = await startTap(ws.port);
  });
  afterAll(async () => {
    await tap.close();
    await ws.close();
  });

  it('sends the head exactly, records both directions as on the wire, closes cleanly', async () => {
    const headers: [string, string][] = [
      ['host', `127.0.0.1:${tap.port}`],
      ['UPGRADE', 'websocket'],
      ['connection', 'upgrade'],
      ['Sec-WebSocket-Key', KEY],
      ['sec-websocket-version', '13'],
      ['X-Dup', 'one'],
      ['x-dup', 'two'],
    ];
    const probe = await startProbe({ url: `ws://127.0.0.1:${tap.port}/echo?x=1`, headers });
    await probe.ready;
    expect(probe.snapshot().probe.outcome).toBe('upgraded');
    const sent = probe.send({ type: 'text', text: 'hello probe' });
    expect(sent.ok).toBe(true);
    await waitFor(() =>
      probe.snapshot().websocket!.frames.some((f) => f.direction === 'server-to-client'),
    );
    probe.close(1000, 'bye');
    const { exchange } = await probe.result;
    await tap.closed;

    // The server saw the header lines in order, with their case, duplicates kept.
    const raw = ws.rawHeaders()[0]!;
    const pairs: string[][] = [];
    for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
    expect(pairs).toEqual(headers);

    const c2s = tap.clientToServer();
    const s2c = tap.serverToClient();
    const reqLen = headEnd(c2s);
    const resLen = headEnd(s2c);
    expect(latin1(b64(exchange.request.raw))).toBe(latin1(c2s.subarray(0, reqLen)));
    expect(latin1(b64(exchange.probe.sentBase64))).toBe(latin1(c2s.subarray(0, reqLen)));
    expect(latin1(b64(exchange.response!.raw))).toBe(latin1(s2c.subarray(0, resLen)));
    expect(exchange.request.target).toBe('/echo?x=1');
    expect(exchange.response!.status).toBe(101);
    expect(exchange.probe.handshake?.ok).toBe(true);
    expect(exchange.probe.handshake?.expectedAccept).toBe(computeAccept(KEY));

    const frames = exchange.websocket!.frames;
    const streams = {
      'client-to-server': c2s.subarray(reqLen),
      'server-to-client': s2c.subarray(resLen),
    };
    for (const f of frames) {
      expect(latin1(wirePayload(streams[f.direction], f))).toBe(latin1(b64(f.payload)));
      const byte0 = streams[f.direction][f.headerOffset]!;
      expect(byte0 & 0x0f).toBe(f.opcode);
      expect(f.masked).toBe(f.direction === 'client-to-server');
    }
    // Every byte of each direction after the head is covered by recorded frames.
    for (const dir of ['client-to-server', 'server-to-client'] as const) {
      const mine = frames.filter((f) => f.direction === dir);
      const last = mine[mine.length - 1]!;
      expect(last.payloadOffset + last.payloadLength).toBe(streams[dir].length);
    }
    expect(frames.map((f) => [f.direction, f.opcode])).toEqual([
      ['client-to-server', 1],
      ['server-to-client', 1],
      ['client-to-server', 8],
      ['server-to-client', 8],
    ]);
    expect(latin1(b64(frames[1]!.payload))).toBe('hello probe');
    expect(exchange.websocket!.close).toMatchObject({
      initiator: 'client',
      code: 1000,
      clean: true,
      client: { code: 1000, reason: 'bye' },
    });
    // Mask keys are fresh per frame.
    expect(frames[0]!.maskKey).not.toBe(frames[2]!.maskKey);
  });

  it('refuses an invalid frame unless asked, then sends it and records the server failing the connection', async () => {
    const probe = await startProbe({ url: `ws://127.0.0.1:${ws.port}/` });
    await probe.ready;
    const refused = probe.send({ type: 'raw', opcode: 0x3, payload: new Uint8Array([1]) });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.findings.map((f) => f.code)).toContain('reserved-opcode');
    const sent = probe.send({
      type: 'raw',
      opcode: 0x3,
      payload: new Uint8Array([1]),
      allowInvalid: true,
    });
    expect(sent.ok).toBe(true);
    const { exchange } = await probe.result;
    const close = exchange.websocket!.close!;
    // ws fails the connection with 1002 (RFC 6455 §7.4.1) for a reserved opcode.
    expect(close.server?.code).toBe(1002);
    expect(close.initiator).toBe('server');
  });

  it('negotiates permessage-deflate and records the inflated server message', async () => {
    const headers = handshakeHeaders(ws.port, [
      ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits'],
    ]);
    const probe = await startProbe({ url: `ws://127.0.0.1:${ws.port}/`, headers });
    await probe.ready;
    probe.send({ type: 'text', text: 'x'.repeat(2000) });
    await waitFor(() =>
      probe.snapshot().websocket!.frames.some((f) => f.direction === 'server-to-client'),
    );
    probe.close(1000);
    const { exchange } = await probe.result;
    const reply = exchange.websocket!.frames.find((f) => f.direction === 'server-to-client')!;
    expect(exchange.websocket!.extensions).toContain('permessage-deflate');
    expect(reply.rsv1).toBe(true);
    expect(reply.payloadLength).toBeLessThan(2000);
    expect(latin1(b64(reply.inflated))).toBe('x'.repeat(2000));
  });
});

describe('probe capture caps, against ws', () => {
  let ws: Awaited<ReturnType<typeof startWsEcho>>;
  beforeAll(async () => {
    ws = await startWsEcho();
  });
  afterAll(() => ws.close());

  it('counts the bytes a cut frame lost as dropped, like the server capture', async () => {
    const headers = handshakeHeaders(ws.port);
    // 100 bytes of room: the client's 60-byte message fits, its 60-byte echo is cut to 40, and
    // the two Close frames (5 bytes each: 1000 and "bye") find no room left.
    const probe = await startProbe(
      { url: `ws://127.0.0.1:${ws.port}/`, headers },
      { maxBytes: 100 },
    );
    await probe.ready;
    probe.send({ type: 'text', text: 'x'.repeat(60) });
    await waitFor(() =>
      probe.snapshot().websocket!.frames.some((f) => f.direction === 'server-to-client'),
    );
    probe.close(1000, 'bye');
    const { exchange } = await probe.result;
    const truncation = exchange.websocket!.truncation;
    expect(truncation.framesCut).toBe(1);
    expect(truncation.framesDropped).toBe(2);
    expect(truncation.bytesDropped).toBe(20 + 5 + 5);
    const echo = exchange.websocket!.frames.find((f) => f.direction === 'server-to-client')!;
    expect(echo.payloadLength).toBe(60);
    expect(b64(echo.payload).length).toBe(40);
  });
});

describe('probe against python3-websockets 10.4', () => {
  let py: Awaited<ReturnType<typeof startPythonEcho>>;
  beforeAll(async () => {
    py = await startPythonEcho();
  });
  afterAll(() => py.close());

  it('negotiates a subprotocol, answers a ping with a pong, echoes, closes cleanly', async () => {
    const headers = handshakeHeaders(py.port, [['Sec-WebSocket-Protocol', 'chat']]);
    const probe = await startProbe({ url: `ws://127.0.0.1:${py.port}/`, headers });
    await probe.ready;
    probe.send({ type: 'text', text: 'ping-me' });
    await waitFor(() =>
      probe
        .snapshot()
        .websocket!.frames.some((f) => f.direction === 'server-to-client' && f.opcode === 1),
    );
    probe.close(1000, 'done');
    const { exchange } = await probe.result;
    expect(exchange.websocket!.subprotocol).toBe('chat');
    const frames = exchange.websocket!.frames;
    const ping = frames.find((f) => f.opcode === 0x9)!;
    const pong = frames.find((f) => f.opcode === 0xa)!;
    expect(ping.direction).toBe('server-to-client');
    expect(pong.direction).toBe('client-to-server');
    expect(pong.seq).toBeGreaterThan(ping.seq);
    expect(latin1(b64(pong.payload))).toBe('from-python');
    expect(exchange.websocket!.close).toMatchObject({
      clean: true,
      code: 1000,
      initiator: 'client',
    });
    expect(frames.every((f) => f.findings.length === 0)).toBe(true);
  });
});
