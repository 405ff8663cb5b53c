/**
 * Independent peer: Node's http2 (nghttp2) client and server talk through a tapping TCP proxy
 * on loopback; the tap decodes every field block on the wire with our frame parser and HPACK
 * decoder, and the result must equal what nghttp2 itself sent and decoded.
 */
import http2 from 'node:http2';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  concatBytes,
  fieldBlockFragment,
  H2FieldBlockDecoder,
  H2FrameParser,
  H2_FRAME_TYPES,
  HpackDecoder,
} from '../src/index.js';
import type { H2FieldBlock } from '../src/index.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

/** One direction of the tap: frames in, decoded field blocks out (by stream). */
class DirectionTap {
  readonly parser: H2FrameParser;
  readonly blocks = new Map<number, H2FieldBlock[]>();
  /** Field block bytes on the wire, by stream. */
  readonly wire = new Map<number, Uint8Array[]>();
  readonly errors: unknown[] = [];
  constructor(
    expectPreface: boolean,
    readonly decoder = new H2FieldBlockDecoder(),
  ) {
    this.parser = new H2FrameParser({ expectPreface });
  }

  push(chunk: Uint8Array, other: DirectionTap): void {
    const out = this.parser.push(chunk);
    this.errors.push(...out.findings.filter((f) => f.severity === 'error'));
    for (const frame of out.frames) {
      this.errors.push(...frame.findings.filter((f) => f.severity === 'error'));
      // SETTINGS_HEADER_TABLE_SIZE sent by this side bounds the other side's encoder, i.e. the
      // decoder of the other direction (RFC 7541 §4.2).
      const size = frame.details.settings?.find((s) => s.id === 0x1)?.value;
      if (frame.type === H2_FRAME_TYPES.SETTINGS && size !== undefined) {
        other.decoder.hpack.setMaxTableSize(size);
      }
      const fragment = fieldBlockFragment(frame);
      if (fragment.length > 0) {
        this.wire.set(frame.streamId, [...(this.wire.get(frame.streamId) ?? []), fragment]);
      }
      const block = this.decoder.push(frame);
      if (block === undefined) continue;
      if (block.error) this.errors.push(block.error);
      const list = this.blocks.get(block.streamId) ?? [];
      list.push(block);
      this.blocks.set(block.streamId, list);
    }
  }
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function tappingProxy(target: number) {
  const c2s = new DirectionTap(true);
  const s2c = new DirectionTap(false);
  const proxy = net.createServer((client) => {
    const upstream = net.connect(target, '127.0.0.1');
    client.on('data', (d: Buffer) => {
      c2s.push(d, s2c);
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      s2c.push(d, c2s);
      client.write(d);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  const port = await listen(proxy);
  cleanups.push(() => proxy.close());
  return { port, c2s, s2c };
}

/** Node's flat raw header array as pairs. */
function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

const REQUESTS = 80;

describe('HPACK decoder against Node http2 (nghttp2) on the wire', () => {
  it.each([
    { name: 'default table sizes', clientTable: undefined, serverTable: undefined },
    { name: 'small tables (size updates, many evictions)', clientTable: 256, serverTable: 512 },
  ])('decodes every request and response block: $name', async ({ clientTable, serverTable }) => {
    const received = new Map<number, [string, string][]>();
    const server = http2.createServer(
      serverTable === undefined ? {} : { settings: { headerTableSize: serverTable } },
    );
    server.on(
      'stream',
      (
        stream: http2.ServerHttp2Stream,
        headers: http2.IncomingHttpHeaders,
        _flags: number,
        rawHeaders: string[],
      ) => {
        received.set(stream.id!, pairs(rawHeaders));
        const n = Number(/\/(\d+)$/.exec(String(headers[':path']))?.[1] ?? 0);
        stream.respond({
          ':status': n % 5 === 0 ? 404 : 200,
          'content-type': 'text/plain; charset=utf-8',
          'x-request': String(n),
          'x-repeat': 'same value every time',
          'x-size': 'r'.repeat(50 + ((n * 53) % 700)),
          'set-cookie': [`a=${n % 3}`, 'b=2; Path=/'],
        });
        stream.end(`body ${n}`);
      },
    );
    const serverPort = await listen(server as unknown as net.Server);
    cleanups.push(() => server.close());
    const tap = await tappingProxy(serverPort);

    const session = http2.connect(
      `http://127.0.0.1:${tap.port}`,
      clientTable === undefined ? {} : { settings: { headerTableSize: clientTable } },
    );
    cleanups.push(() => session.destroy());
    const responses = new Map<number, [string, string][]>();
    for (let i = 0; i < REQUESTS; i++) {
      const req = session.request({
        ':path': `/item/${i}`,
        'user-agent': 'hpack-interop',
        'x-constant': 'c'.repeat(30),
        'x-variant': `v${i % 7}`,
        'x-big': 'z'.repeat(100 + ((i * 37) % 900)),
        cookie: `session=${i % 4}`,
        'x-latin1': 'caf\u00e9',
      });
      const done = new Promise<void>((resolve, reject) => {
        req.on('response', (_h: http2.IncomingHttpHeaders, _f: number, raw: string[]) => {
          responses.set(req.id!, pairs(raw));
        });
        req.on('error', reject);
        req.resume();
        req.on('end', resolve);
        setTimeout(() => reject(new Error('request timed out')), 10_000).unref();
      });
      // Alternate bursts and sequential requests: blocks in flight at once share the table.
      if (i % 10 === 9) await done;
      else done.catch(() => undefined);
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('responses missing')), 10_000);
      const poll = setInterval(() => {
        if (responses.size === REQUESTS && received.size === REQUESTS) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
      }, 20);
    });

    expect(tap.c2s.errors).toEqual([]);
    expect(tap.s2c.errors).toEqual([]);
    expect(tap.c2s.blocks.size).toBe(REQUESTS);
    for (const [id, raw] of received) {
      const blocks = tap.c2s.blocks.get(id)!;
      expect(blocks).toHaveLength(1);
      expect(blocks[0]!.headers).toEqual(raw);
    }
    for (const [id, raw] of responses) {
      const blocks = tap.s2c.blocks.get(id)!;
      expect(blocks).toHaveLength(1);
      // Node lists received fields as decoded by nghttp2, in wire order.
      expect(blocks[0]!.headers).toEqual(raw);
    }
    // The dynamic tables were used: later blocks cannot be decoded without the entries
    // earlier blocks added (a fresh decoder finds indices beyond its empty table).
    for (const dir of [tap.c2s, tap.s2c]) {
      const needTable = [...dir.wire.values()].filter(
        (parts) =>
          new HpackDecoder().decode(concatBytes(parts)).error?.code === 'hpack-index-out-of-range',
      );
      expect(needTable.length).toBeGreaterThan(REQUESTS / 2);
    }
    if (clientTable !== undefined) {
      expect(tap.s2c.decoder.hpack.tableCapacity).toBeLessThanOrEqual(clientTable);
    }
  });
});
