/**
 * Independent cross-check: the raw request bytes real clients (curl, nghttp) send, captured on a
 * loopback socket, must parse into exactly the field lines they wrote.
 */
import { execFile } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeHttp2Settings,
  evaluateH2cUpgrade,
  fieldValues,
  parseRequestHead,
} from '../src/index.js';
import type { RequestHead } from '../src/index.js';

let server: net.Server;
let port = 0;
const captured: Buffer[] = [];

beforeAll(async () => {
  server = net.createServer((socket) => {
    let bytes = Buffer.alloc(0);
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('data', (data: Buffer) => {
      bytes = Buffer.concat([bytes, data]);
      if (bytes.includes('\r\n\r\n') && !socket.writableEnded) {
        captured.push(bytes);
        // A plain 200 (no 101): the clients stay on HTTP/1.1 and finish.
        socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Runs a client against the loopback server and returns the request bytes it sent. */
async function capture(command: string, args: string[]): Promise<Buffer> {
  const before = captured.length;
  await new Promise<void>((resolve) => {
    // Exit status ignored: nghttp reports the refused upgrade as an error.
    execFile(command, args, { timeout: 10_000 }, () => resolve());
  });
  const bytes = captured[before];
  if (bytes === undefined) throw new Error(`${command} sent nothing`);
  return bytes;
}

function parsed(bytes: Buffer): RequestHead {
  const result = parseRequestHead(new Uint8Array(bytes));
  expect(result.state).toBe('complete');
  expect(result.findings).toEqual([]);
  if (result.state !== 'complete') throw new Error('incomplete');
  return result.head;
}

/** A naive independent split of the head, to compare names, order and case with. */
function naivePairs(bytes: Buffer): [string, string][] {
  const text = bytes.toString('latin1');
  const lines = text.slice(0, text.indexOf('\r\n\r\n')).split('\r\n').slice(1);
  return lines.map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
}

describe('RFC 9112 §5 field lines as curl sends them', () => {
  it('keeps curl field names, order, case and duplicates', async () => {
    const url = `http://127.0.0.1:${port}/path?q=1`;
    const bytes = await capture('curl', [
      ...['-sS', '--noproxy', '*', '--max-time', '5', '--http1.1'],
      ...['-H', 'x-lower: v', '-H', 'X-Dup: 1', '-H', 'X-Dup: 2', '-H', 'X-MiXeD: a b'],
      url,
    ]);
    const head = parsed(bytes);
    expect(head).toMatchObject({ method: 'GET', target: '/path?q=1', version: 'HTTP/1.1' });
    expect(head.headers).toEqual(naivePairs(bytes));
    const names = head.headers.map(([n]) => n);
    expect(names.slice(0, 3)).toEqual(['Host', 'User-Agent', 'Accept']);
    expect(names.slice(-4)).toEqual(['x-lower', 'X-Dup', 'X-Dup', 'X-MiXeD']);
    expect(fieldValues(head.headers, 'host')).toEqual([`127.0.0.1:${port}`]);
    expect(head.consumed).toBe(bytes.length);
  });
});

describe('RFC 7540 §3.2.1 HTTP2-Settings from real h2c clients', () => {
  for (const [client, args] of [
    ['curl', ['-sS', '--noproxy', '*', '--max-time', '5', '--http2']],
    ['nghttp', ['-u', '-t', '5']],
  ] as const) {
    it(`${client}: the upgrade request qualifies and its settings decode without findings`, async () => {
      const bytes = await capture(client, [...args, `http://127.0.0.1:${port}/h2c`]);
      const head = parsed(bytes);
      expect(head.headers).toEqual(naivePairs(bytes));
      const value = fieldValues(head.headers, 'http2-settings')[0]!;
      const decoded = decodeHttp2Settings(value);
      expect(decoded.findings).toEqual([]);
      // Node's own base64url decoder as the independent reference.
      expect(Array.from(decoded.payload!)).toEqual(Array.from(Buffer.from(value, 'base64url')));
      expect(decoded.settings!.length).toBe(decoded.payload!.length / 6);
      expect(decoded.settings!.map((s) => s.name)).toContain('SETTINGS_MAX_CONCURRENT_STREAMS');
      const decision = evaluateH2cUpgrade(head);
      expect(decision.ok).toBe(true);
      if (decision.ok) expect(decision.settings).toEqual(decoded.settings);
    });
  }
});
