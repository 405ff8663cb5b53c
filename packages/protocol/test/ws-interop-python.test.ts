/**
 * Interop with python3-websockets 10.4 (Debian's, via /usr/bin/python3): a strict, independent
 * implementation judges the handshakes and frames our core writes.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionEvent, FrameSpec } from '../src/index.js';
import { writeFrame } from '../src/index.js';
import { connectRawClient, startRawServer } from './support/ws-raw-peer.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./support/ws_peer.py', import.meta.url));
type Line = Record<string, unknown>;
type Msg = Extract<ConnectionEvent, { type: 'message' }>;
const isMsg = (e: ConnectionEvent): e is Msg => e.type === 'message';
const isClosed = (e: ConnectionEvent): e is Extract<ConnectionEvent, { type: 'closed' }> =>
  e.type === 'closed';

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill();
  for (const c of cleanups.splice(0)) await c();
});

/** Spawns the peer and collects its JSON lines. */
function peer(args: string[]) {
  const child = spawn(PYTHON, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: Line[] = [];
  let buf = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      lines.push(JSON.parse(buf.slice(0, i)) as Line);
      buf = buf.slice(i + 1);
    }
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  // 'close', not 'exit': only once its stdout is closed has every line been read ('exit' can
  // come first, with the last lines still on the way).
  let done = false;
  const exited = new Promise<void>((resolve) =>
    child.once('close', () => {
      done = true;
      resolve();
    }),
  );
  const waitLine = async (pred: (l: Line) => boolean, ms = 15_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const l = lines.find(pred);
      if (l) return l;
      if (Date.now() > deadline || done) {
        throw new Error(`no matching line; got ${JSON.stringify(lines)}; stderr ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { child, lines, waitLine, exited, stderr: () => stderr };
}

const available = existsSync(PYTHON);

describe.skipIf(!available)('python3-websockets as the server, our core as the client', () => {
  for (const deflate of [false, true]) {
    it(`handshake, echo of text/binary/64-bit-length frames, close (deflate ${deflate})`, async () => {
      const p = peer(deflate ? ['server', 'deflate'] : ['server']);
      const { port } = (await p.waitLine((l) => 'port' in l)) as { port: number };
      const { wired, validation } = await connectRawClient(
        port,
        deflate ? { deflate: [{ clientMaxWindowBits: true }] } : {},
      );
      expect(validation.findings).toEqual([]);
      expect(validation.deflate !== undefined).toBe(deflate);
      const sent: (string | Uint8Array)[] = [
        'hello',
        new Uint8Array([0, 1, 255]),
        'z'.repeat(70000),
      ];
      for (const s of sent) {
        const from = wired.events.length;
        wired.apply(typeof s === 'string' ? wired.conn.sendText(s) : wired.conn.sendBinary(s));
        const echo = await wired.waitFor(isMsg, from);
        if (typeof s === 'string') expect(echo.text).toBe(s);
        else expect([...echo.data]).toEqual([...s]);
      }
      // The peer's report line may trail its echo on the socket: wait for all three.
      await p.waitLine((l) => l.event === 'message' && l.length === 70000);
      const reported = p.lines.filter((l) => l.event === 'message');
      expect(reported.map((l) => [l.kind, l.length])).toEqual([
        ['text', 5],
        ['binary', 3],
        ['text', 70000],
      ]);
      if (deflate) expect(reported[0]!.extensions).toEqual(['permessage-deflate']);
      const from = wired.events.length;
      wired.apply(wired.conn.close(1000, 'bye'));
      expect(await wired.waitFor(isClosed, from)).toMatchObject({ code: 1000, wasClean: true });
      expect(await p.waitLine((l) => l.event === 'closed')).toMatchObject({
        code: 1000,
        reason: 'bye',
      });
    }, 30_000);
  }
});

describe.skipIf(!available)('python3-websockets as the client, our core as the server', () => {
  for (const deflate of [false, true]) {
    it(`accepts our 101, our unmasked frames and our close (deflate ${deflate})`, async () => {
      const srv = await startRawServer({ deflate: deflate ? {} : false });
      cleanups.push(srv.close);
      const p = peer(['client', `ws://127.0.0.1:${srv.port}/`, ...(deflate ? ['deflate'] : [])]);
      const open = await p.waitLine((l) => l.event === 'open' || l.event === 'exception');
      expect(open).toMatchObject({
        event: 'open',
        extensions: deflate ? ['permessage-deflate'] : [],
      });
      await p.waitLine((l) => l.event === 'closed' || l.event === 'exception');
      await Promise.race([p.exited, new Promise((r) => setTimeout(r, 5000))]);
      expect(p.lines.filter((l) => l.event === 'echo').map((l) => [l.kind, l.length])).toEqual([
        ['text', 5],
        ['binary', 3],
        ['text', 70000],
      ]);
      // Our server echoes the close code it received (RFC 6455 §5.5.1), without the reason.
      expect(p.lines.find((l) => l.event === 'closed')).toMatchObject({ code: 1000, reason: '' });
      expect(p.lines.find((l) => l.event === 'exception')).toBeUndefined();
    }, 30_000);
  }
});

describe.skipIf(!available)(
  'python3-websockets judges the invalid frames our writer makes on request',
  () => {
    const cases: [string, FrameSpec, number][] = [
      ['reserved opcode 0x3 (§5.2)', { opcode: 3 }, 1002],
      [
        'RSV2 without an extension (§5.2)',
        { opcode: 1, rsv2: true, payload: new Uint8Array([0x61]) },
        1002,
      ],
      [
        'masked server frame (§5.1)',
        { opcode: 1, mask: new Uint8Array([1, 2, 3, 4]), payload: new Uint8Array([0x61]) },
        1002,
      ],
      ['fragmented ping (§5.5)', { opcode: 9, fin: false }, 1002],
      ['126-byte ping (§5.5)', { opcode: 9, payload: new Uint8Array(126) }, 1002],
      ['invalid UTF-8 text (§8.1)', { opcode: 1, payload: new Uint8Array([0xc0, 0xaf]) }, 1007],
      ['continuation without a start (§5.4)', { opcode: 0, payload: new Uint8Array([0x61]) }, 1002],
    ];
    for (const [name, spec, code] of cases) {
      it(`${name} → python fails the connection with ${code}`, async () => {
        const bad = writeFrame(spec, { role: 'server', allowInvalid: true });
        expect(bad.ok).toBe(true);
        if (!bad.ok) return;
        // The writer labels what it can see in one frame; a lone continuation is only wrong in
        // context (no message started), so it carries no finding of its own.
        expect(bad.findings.length > 0).toBe(spec.opcode !== 0);
        const srv = await startRawServer({ onOpen: (wired) => wired.socket.write(bad.bytes) });
        cleanups.push(srv.close);
        const p = peer(['expect-fail', `ws://127.0.0.1:${srv.port}/`]);
        const line = await p.waitLine(
          (l) => l.event === 'failed' || l.event === 'message' || l.event === 'exception',
        );
        expect(line).toMatchObject({ event: 'failed', sent_code: code });
      }, 30_000);
    }
  },
);
