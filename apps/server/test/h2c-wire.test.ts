/**
 * The h2c upgrade on the wire, byte by byte (RFC 7540 §3.2, RFC 9113 §3.4): the exact 101, the
 * server's connection preface (a SETTINGS frame) as the first frame after it, the response to
 * the upgraded request on stream 1, and no SETTINGS ACK for the HTTP2-Settings values (§3.2.1:
 * the 101 acknowledges them).
 */
import net from 'node:net';
import {
  CLIENT_PREFACE,
  H2FrameParser,
  encodeH2Frame,
  type H2FrameRecord,
} from '@switchyard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { listenApp } from './h2c-helpers.js';

let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  ({ app, port } = await listenApp());
});
afterAll(async () => {
  await app.close();
});

const SWITCH = 'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n';

describe('h2c upgrade bytes', () => {
  it('101, server SETTINGS first, stream 1 answered, only the client SETTINGS acknowledged', async () => {
    const socket = net.connect(port, '127.0.0.1');
    let bytes = Buffer.alloc(0);
    const parser = new H2FrameParser();
    const frames: H2FrameRecord[] = [];
    let headSeen = false;
    const waiters: (() => void)[] = [];
    socket.on('data', (chunk: Buffer) => {
      if (!headSeen) {
        bytes = Buffer.concat([bytes, chunk]);
        if (bytes.length < SWITCH.length) return;
        headSeen = true;
        chunk = bytes.subarray(SWITCH.length);
      }
      frames.push(...parser.push(chunk).frames);
      for (const w of waiters.splice(0)) w();
    });
    socket.on('error', () => undefined);
    const until = (test: () => boolean) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out')), 15_000);
        const check = () => {
          if (test()) {
            clearTimeout(timer);
            resolve();
          } else waiters.push(check);
        };
        check();
      });
    try {
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      // HTTP2-Settings: SETTINGS_MAX_CONCURRENT_STREAMS = 100 (base64url of 00 03 00 00 00 64).
      socket.write(
        'GET /api/status/204 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\n' +
          'Upgrade: h2c\r\nHTTP2-Settings: AAMAAABk\r\n\r\n',
      );
      await until(() => frames.length >= 1);
      expect(bytes.subarray(0, SWITCH.length).toString('latin1')).toBe(SWITCH);
      // RFC 9113 §3.4: the server preface is a SETTINGS frame, the first frame it sends.
      expect([frames[0]!.typeName, frames[0]!.flagNames, frames[0]!.streamId]).toEqual([
        'SETTINGS',
        [],
        0,
      ]);

      socket.write(Buffer.concat([CLIENT_PREFACE, encodeH2Frame({ type: 0x4 })]));
      await until(() => frames.some((f) => f.streamId === 1 && f.flagNames.includes('END_STREAM')));
      const stream1 = frames.filter((f) => f.streamId === 1);
      expect(stream1[0]!.typeName).toBe('HEADERS');
      // 204: no content, so the HEADERS frame ends the stream.
      expect(stream1[0]!.flagNames).toContain('END_STREAM');
      await until(
        () =>
          frames.filter((f) => f.typeName === 'SETTINGS' && f.flagNames.includes('ACK')).length >=
          1,
      );
      // Give a second (wrong) ACK the chance to arrive: a PING round trip orders it.
      socket.write(encodeH2Frame({ type: 0x6, payload: new Uint8Array(8) }));
      await until(() => frames.some((f) => f.typeName === 'PING' && f.flagNames.includes('ACK')));
      const acks = frames.filter((f) => f.typeName === 'SETTINGS' && f.flagNames.includes('ACK'));
      expect(acks).toHaveLength(1);
    } finally {
      socket.destroy();
    }
  });
});
