/**
 * The pure pieces of the h2c feature: the filter that removes the server's first SETTINGS ACK,
 * and the request fields of stream 1 (its HPACK encoder is protocol's, tested there).
 */
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { H2FrameParser, encodeH2Frame } from '@switchyard/protocol';
import { describe, expect, it } from 'vitest';
import { prefersH2c } from '../src/features/h2c/qualify.js';
import { headWithoutUpgradeOption } from '../src/features/h2c/reinject.js';
import { isConnectionSpecific } from '../src/features/h2c/response-guard.js';
import {
  requestFieldsForStreamOne,
  streamOneHeaderFrames,
} from '../src/features/h2c/stream-one.js';
import { SWITCH_HEAD } from '../src/features/h2c/switch-head.js';
import { FirstSettingsAckFilter } from '../src/features/h2c/upgraded-socket.js';

function frames(
  bytes: Buffer,
): { type: string; flags: string[]; stream: number; length: number }[] {
  const parser = new H2FrameParser();
  const out = parser.push(bytes);
  return out.frames.map((f) => ({
    type: f.typeName,
    flags: f.flagNames,
    stream: f.streamId,
    length: f.length,
  }));
}

describe('FirstSettingsAckFilter', () => {
  const settings = Buffer.from(
    encodeH2Frame({ type: 4, payload: new Uint8Array([0, 3, 0, 0, 0, 100]) }),
  );
  const ack = Buffer.from(encodeH2Frame({ type: 4, flags: 1 }));
  const ping = Buffer.from(encodeH2Frame({ type: 6, payload: new Uint8Array(8).fill(7) }));
  const stream = Buffer.concat([settings, ack, ping, ack]);

  it('drops only the first ACK, whatever the chunk boundaries', () => {
    for (let cut1 = 0; cut1 <= stream.length; cut1++) {
      for (const cut2 of [cut1, Math.min(stream.length, cut1 + 5), stream.length]) {
        const filter = new FirstSettingsAckFilter();
        const out = Buffer.concat([
          ...filter.push(stream.subarray(0, cut1)),
          ...filter.push(stream.subarray(cut1, cut2)),
          ...filter.push(stream.subarray(cut2)),
        ]);
        expect(out.equals(Buffer.concat([settings, ping, ack]))).toBe(true);
      }
    }
  });
});

function fakeRequest(head: string): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  const lines = head.split('\r\n');
  const [method, url, version] = lines[0]!.split(' ');
  req.method = method!;
  req.url = url!;
  req.httpVersion = version!.replace('HTTP/', '');
  req.rawHeaders = [];
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    req.rawHeaders.push(line.slice(0, i), line.slice(i + 1).trim());
    req.headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return req;
}

describe('stream 1 fields (RFC 7540 §3.2, RFC 9113 §8.2.2, §8.3.1)', () => {
  const req = fakeRequest(
    'GET /api/status/200?x=1 HTTP/1.1\r\nHost: example.test:8080\r\nConnection: Upgrade, HTTP2-Settings, X-Hop\r\n' +
      'Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\nX-Hop: 1\r\nTE: gzip\r\nAccept: */*\r\nKeep-Alive: 5',
  );

  it('puts pseudo-fields first and drops connection-specific fields', () => {
    expect(requestFieldsForStreamOne(req)).toEqual([
      [':method', 'GET'],
      [':scheme', 'http'],
      [':authority', 'example.test:8080'],
      [':path', '/api/status/200?x=1'],
      ['accept', '*/*'],
    ]);
  });

  it('is one HEADERS frame with END_STREAM and END_HEADERS on stream 1', () => {
    const out = streamOneHeaderFrames(requestFieldsForStreamOne(req));
    expect(frames(Buffer.concat(out))).toEqual([
      {
        type: 'HEADERS',
        flags: ['END_STREAM', 'END_HEADERS'],
        stream: 1,
        length: out[0]!.length - 9,
      },
    ]);
  });

  it('continues a large block in CONTINUATION frames (RFC 9113 §6.10)', () => {
    const big: [string, string][] = [
      [':method', 'GET'],
      ['x-big', 'a'.repeat(40_000)],
    ];
    const out = frames(Buffer.concat(streamOneHeaderFrames(big, 16_384)));
    expect(out.map((f) => [f.type, f.flags])).toEqual([
      ['HEADERS', ['END_STREAM']],
      ['CONTINUATION', []],
      ['CONTINUATION', ['END_HEADERS']],
    ]);
    expect(out.every((f) => f.length <= 16_384 && f.stream === 1)).toBe(true);
  });
});

describe('decisions', () => {
  it('h2c is taken only when the client prefers it among supported protocols', () => {
    expect(prefersH2c('h2c', ['websocket'])).toBe(true);
    expect(prefersH2c('websocket, h2c', ['websocket'])).toBe(false);
    expect(prefersH2c('foo, H2C', ['websocket'])).toBe(true);
    expect(prefersH2c('h2', ['websocket'])).toBe(false);
    expect(prefersH2c(undefined, [])).toBe(false);
  });

  it('the re-fed head keeps every field but the "upgrade" connection option', () => {
    const req = fakeRequest(
      'POST /a HTTP/1.1\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nContent-Length: 5',
    );
    expect(headWithoutUpgradeOption(req).toString('latin1')).toBe(
      'POST /a HTTP/1.1\r\nConnection: HTTP2-Settings\r\nUpgrade: h2c\r\nContent-Length: 5\r\n\r\n',
    );
  });

  it('connection-specific response fields are recognised (TE only without "trailers")', () => {
    expect(
      ['Connection', 'upgrade', 'Keep-Alive', 'Transfer-Encoding'].every((n) =>
        isConnectionSpecific(n),
      ),
    ).toBe(true);
    expect(isConnectionSpecific('te', 'trailers')).toBe(false);
    expect(isConnectionSpecific('content-type')).toBe(false);
  });

  it('the 101 head is exactly what RFC 7540 §3.2 shows', () => {
    expect(SWITCH_HEAD.toString('latin1')).toBe(
      'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n',
    );
  });
});
