/**
 * The probe's HTTP/2 client (RFC 9113 prior knowledge + RFC 8441) against Node's http2 server
 * with `ws`'s frame engine on the stream, through a tapping relay: the record must match the
 * bytes on the wire, the server must see an extended CONNECT (no 101, no Key/Accept), and the
 * echo must come back and close cleanly. The full h2c-upgrade path is covered against the real
 * Switchyard server in apps/server/test/lab-echo-paths.test.ts.
 */
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Http2FrameJson } from '@switchyard/exchange';
import { decodeHttp2Settings } from '@switchyard/protocol';
import { ProbeRefusedError, runH2Echo, type ConnectFn } from '../src/index.js';
import { defaultConnect } from '../src/connect.js';
import { startH2EchoPeer, startPlainHttp, type H2Peer } from './support/h2-peers.js';
import { startTap, type Tap } from './support/tap.js';
import { b64, latin1 } from './support/wire.js';

const PREFACE = 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n';

function framesOf(frames: Http2FrameJson[], direction: string, typeName: string) {
  return frames.filter((f) => f.direction === direction && f.typeName === typeName);
}

describe('prior knowledge + extended CONNECT against node:http2', () => {
  let peer: H2Peer;
  let tap: Tap;
  beforeAll(async () => {
    peer = await startH2EchoPeer();
    tap = await startTap(peer.port);
  });
  afterAll(async () => {
    await tap.close();
    await peer.close();
  });

  it('echoes one message over a 200 stream and records exactly the bytes on the wire', async () => {
    const record = await runH2Echo({
      address: '127.0.0.1',
      port: tap.port,
      mode: 'prior-knowledge',
      message: 'hello over h2',
    });
    await tap.closed;
    expect(record.error).toBeUndefined();
    expect(record.outcome).toBe('echoed');
    expect(record.websocket.receivedText).toBe('hello over h2');

    // The record holds the wire bytes, both ways, and starts with the preface: no HTTP/1.1.
    const sent = b64(record.wire.sent.base64);
    const received = b64(record.wire.received.base64);
    expect(latin1(sent)).toBe(latin1(tap.clientToServer()));
    expect(received.length).toBe(tap.serverToClient().length);
    expect(latin1(received)).toBe(latin1(tap.serverToClient()));
    expect(latin1(sent.subarray(0, 24))).toBe(PREFACE);
    expect(record.upgrade).toBeUndefined();
    expect(record.wire.sent.chunks.reduce((n, c) => n + c.length, 0)).toBe(sent.length);

    // RFC 8441 §3: the server enabled extended CONNECT; the client waited for it.
    expect(record.settings.enableConnectProtocol).toBe(1);
    const stream = record.streams[0]!;
    expect(stream.role).toBe('extended-connect');
    expect(stream.id).toBe(1);
    expect(stream.status).toBe(200);
    expect(stream.endSent && stream.endReceived).toBe(true);
    expect(stream.response?.map(([n]) => n)).not.toContain('sec-websocket-accept');

    // What the server saw: :protocol websocket, no Sec-WebSocket-Key (RFC 8441 §5).
    const saw = peer.seen.at(-1)!;
    expect(saw.headers[':protocol']).toBe('websocket');
    expect(saw.headers[':path']).toBe('/ws/echo');
    expect(saw.headers['sec-websocket-key']).toBeUndefined();
    expect(saw.messages).toEqual(['hello over h2']);
    expect(saw.closeCode).toBe(1000);

    // HEADERS decoded from the bytes in both directions.
    const connect = framesOf(record.frames, 'client-to-server', 'HEADERS')[0]!;
    expect(connect.headers).toContainEqual([':method', 'CONNECT']);
    expect(connect.headers).toContainEqual([':protocol', 'websocket']);
    expect(framesOf(record.frames, 'server-to-client', 'HEADERS')[0]!.headers).toContainEqual([
      ':status',
      '200',
    ]);
    // SETTINGS ACKed both ways (RFC 9113 §6.5.3).
    const acked = (dir: string) =>
      framesOf(record.frames, dir, 'SETTINGS').some((f) => f.flagNames.includes('ACK'));
    expect(acked('client-to-server') && acked('server-to-client')).toBe(true);
    // The client ends with GOAWAY NO_ERROR (RFC 9113 §6.8).
    expect(framesOf(record.frames, 'client-to-server', 'GOAWAY')[0]?.errorName).toBe('NO_ERROR');

    // WebSocket frames: client frames masked, server frames not (RFC 6455 §5.1); clean close.
    const ws = record.websocket.frames.map((f) => [f.direction, f.opcode, f.masked]);
    expect(ws).toEqual([
      ['client-to-server', 1, true],
      ['server-to-client', 1, false],
      ['client-to-server', 8, true],
      ['server-to-client', 8, false],
    ]);
    expect(record.websocket.close).toMatchObject({ initiator: 'client', code: 1000, clean: true });
    expect(record.timings.echo).toBeGreaterThan(record.timings.connectSent!);
  });

  it('keeps to flow control both ways with a message larger than the windows', async () => {
    const big = 'x'.repeat(150_000);
    const record = await runH2Echo({
      address: '127.0.0.1',
      port: peer.port,
      mode: 'prior-knowledge',
      message: big,
      maxWireBytes: 4096,
    });
    expect(record.error).toBeUndefined();
    expect(record.websocket.receivedText).toBe(big);
    // RFC 9113 §4.2: no frame larger than the 16384 default of SETTINGS_MAX_FRAME_SIZE.
    expect(record.frames.every((f) => f.length <= 16_384)).toBe(true);
    // §6.9: sending 150 kB needs the server's WINDOW_UPDATEs; reading it needs ours.
    expect(framesOf(record.frames, 'server-to-client', 'WINDOW_UPDATE').length).toBeGreaterThan(0);
    expect(framesOf(record.frames, 'client-to-server', 'WINDOW_UPDATE').length).toBeGreaterThan(0);
    const dataSent = framesOf(record.frames, 'client-to-server', 'DATA').reduce(
      (n, f) => n + f.length,
      0,
    );
    expect(dataSent).toBeGreaterThan(150_000);
    expect(record.wire.sent.truncated).toBe(true);
    expect(b64(record.wire.sent.base64).length).toBe(4096);
  });
});

describe('when the server does not go along', () => {
  it('sends no extended CONNECT without SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441 §3)', async () => {
    const peer = await startH2EchoPeer({ enableConnectProtocol: false });
    try {
      const record = await runH2Echo({
        address: '127.0.0.1',
        port: peer.port,
        mode: 'prior-knowledge',
      });
      expect(record.outcome).toBe('failed');
      expect(record.error).toContain('RFC 8441 §3');
      expect(framesOf(record.frames, 'client-to-server', 'HEADERS')).toEqual([]);
      expect(peer.seen).toEqual([]);
    } finally {
      await peer.close();
    }
  });

  it('reports a CONNECT answered with a non-2xx status', async () => {
    const peer = await startH2EchoPeer({ connectStatus: 403 });
    try {
      const record = await runH2Echo({
        address: '127.0.0.1',
        port: peer.port,
        mode: 'prior-knowledge',
      });
      expect(record.outcome).toBe('failed');
      expect(record.error).toContain('403');
      expect(record.streams[0]?.status).toBe(403);
      expect(record.websocket.frames).toEqual([]);
    } finally {
      await peer.close();
    }
  });

  it('records the h2c upgrade request and a server that answers 200 instead of 101', async () => {
    const plain = await startPlainHttp();
    try {
      const record = await runH2Echo({
        address: '127.0.0.1',
        port: plain.port,
        mode: 'h2c-upgrade',
        upgradeTarget: '/hello',
      });
      expect(record.outcome).toBe('failed');
      expect(record.error).toContain('200 instead of 101');
      expect(record.upgrade?.response?.status).toBe(200);
      const raw = latin1(b64(record.upgrade!.request.raw));
      expect(raw).toMatch(/^GET \/hello HTTP\/1\.1\r\n/);
      expect(raw).toContain('\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n');
      // What the server received decodes to the client's SETTINGS (RFC 7540 §3.2.1).
      const seen = plain.requests[0]!;
      expect(seen.upgrade).toBe('h2c');
      const decoded = decodeHttp2Settings(String(seen['http2-settings']));
      expect(decoded.settings?.map((s) => [s.name, s.value])).toEqual([
        ['SETTINGS_ENABLE_PUSH', 0],
      ]);
      // Nothing HTTP/2 went out (no preface, no GOAWAY): only the upgrade request.
      expect(latin1(b64(record.wire.sent.base64))).toBe(raw);
      expect(record.frames).toEqual([]);
    } finally {
      await plain.close();
    }
  });
  it('fails at once when the server closes instead of answering the upgrade', async () => {
    const server = net.createServer((socket) => socket.once('data', () => socket.destroy()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const record = await runH2Echo({
        address: '127.0.0.1',
        port: (server.address() as AddressInfo).port,
        mode: 'h2c-upgrade',
        timeouts: { stepMs: 20_000, totalMs: 30_000 },
      });
      expect(record.outcome).toBe('failed');
      // Not the 20 s bound (`no answer ... within 20000 ms`): the close ends the wait.
      expect(record.error).toBe('connection closed before answer to the upgrade');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('target policy', () => {
  it('refuses anything but a loopback IP literal, before any socket exists', async () => {
    let connects = 0;
    const spy: ConnectFn = (request) => {
      connects++;
      return defaultConnect(request);
    };
    for (const address of ['192.0.2.1', '10.0.0.1', '::ffff:8.8.8.8']) {
      await expect(
        runH2Echo({ address, port: 80, mode: 'prior-knowledge', connect: spy }),
      ).rejects.toBeInstanceOf(ProbeRefusedError);
    }
    await expect(
      runH2Echo({ address: 'localhost', port: 80, mode: 'prior-knowledge', connect: spy }),
    ).rejects.toThrow(/not an IP address/);
    expect(connects).toBe(0);
  });
});
