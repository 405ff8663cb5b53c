/**
 * Wire review of what the server does with WebSocket upgrades outside the WebSocket endpoints,
 * and of two loose ends around them (issue 4):
 *
 * - A valid WebSocket handshake to a resource that serves no WebSocket (`/healthz`,
 *   `/api/faults`, a share link `/x/{id}`) got `101 Switching Protocols` and at once a Close
 *   with no status code (the engine's default for routes without a WebSocket handler). RFC 9110
 *   §7.8: a server MAY ignore Upgrade; it now answers as the route does without it.
 * - `HEAD /sse` never answered (Node holds a HEAD head until `end()`); RFC 9110 §9.3.2: GET's
 *   header section, no content.
 * - A client's protocol violation (here an unmasked frame, RFC 6455 §5.1) was logged at level
 *   error with a stack trace; it is the peer's fault and is now logged at info.
 *
 * Peers: raw TCP, python-websockets 10.4, curl, and the built server (`node dist/main.js`).
 */
import { execFile, spawn } from 'node:child_process';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PYTHON } from './support/ws-python.js';
import { handshake, parseRaw, rawExchange, responseHead, startApp } from './support/ws-helpers.js';

let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  ({ app, port } = await startApp());
});
afterAll(async () => {
  await app.close();
});

function run(file: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 30_000, killSignal: 'SIGKILL' }, (error, stdout) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

describe('a WebSocket handshake to a resource without WebSocket', () => {
  it('gets the resource as without Upgrade, not a 101 (raw TCP)', async () => {
    const shareId = 'AAAAAAAAAAAAAAAAAAAAAAAA';
    // The route's own answer: 200, or 404 for a share link with no exchange behind it.
    for (const [target, status] of [
      ['/healthz', 200],
      ['/api/faults', 200],
      [`/x/${shareId}`, 404],
    ] as const) {
      const res = parseRaw(await rawExchange(port, handshake(target)));
      expect(res.status, target).toBe(status);
      expect(res.headers.connection, target).toMatch(/close/i);
      expect(res.headers['sec-websocket-accept'], target).toBeUndefined();
    }
    // The WebSocket endpoints themselves still switch.
    const echo = await responseHead(port, handshake('/ws/echo'));
    expect(parseRaw(echo).status).toBe(101);
  });

  it('python-websockets sees the route answer (200), not an open connection', async () => {
    const script = `
import asyncio, json, sys, websockets
async def main():
    out = {}
    try:
        async with websockets.connect(sys.argv[1], open_timeout=10, close_timeout=5) as ws:
            out["opened"] = True
    except websockets.exceptions.InvalidStatusCode as e:
        out["status"] = e.status_code
    except Exception as e:
        out["error"] = type(e).__name__
    print(json.dumps(out))
asyncio.run(main())
`;
    const { stdout } = await run(PYTHON, ['-c', script, `ws://127.0.0.1:${port}/api/faults`]);
    expect(JSON.parse(stdout.trim().split('\n').pop() ?? '{}')).toEqual({ status: 200 });
  }, 40_000);
});

describe('HEAD /sse', () => {
  it("answers GET's head with no content and ends (curl -I)", async () => {
    const { code, stdout } = await run('curl', [
      '-sS',
      '-I',
      '--max-time',
      '15',
      `http://127.0.0.1:${port}/sse?room=review`,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^HTTP\/1\.1 200 /);
    expect(stdout).toMatch(/content-type: text\/event-stream/i);
  }, 40_000);
});

describe('node dist/main.js log of a peer protocol error', () => {
  const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

  it('logs an unmasked client frame at info, and nothing at error', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'review-log-'));
    const child = spawn(process.execPath, [path.join(serverDir, 'dist', 'main.js')], {
      cwd: serverDir,
      env: {
        PATH: process.env.PATH,
        HOST: '127.0.0.1',
        PORT: '0',
        TLS: 'off',
        STORAGE: 'memory',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const until = async (pred: () => boolean, what: string) => {
      const deadline = Date.now() + 20_000;
      while (!pred()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${out}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    try {
      await until(() => /listening at http:\/\/127\.0\.0\.1:\d+/.test(out), 'listening');
      const childPort = Number(/listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out)![1]);
      const reply = await new Promise<Buffer>((resolve, reject) => {
        const socket = net.connect(childPort, '127.0.0.1');
        const chunks: Buffer[] = [];
        let sent = false;
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new Error('no close from the server'));
        }, 15_000);
        socket.on('data', (d: Buffer) => {
          chunks.push(d);
          const all = Buffer.concat(chunks);
          if (!sent && all.includes('\r\n\r\n')) {
            sent = true;
            // RFC 6455 §5.1: a client frame must be masked; this one is not ("hi").
            socket.write(Buffer.from([0x81, 0x02, 0x68, 0x69]));
          }
        });
        socket.on('error', reject);
        socket.on('close', () => {
          clearTimeout(timer);
          resolve(Buffer.concat(chunks));
        });
        socket.write(handshake('/ws/echo'));
      });
      // The server failed the connection with 1002 (protocol error).
      expect(reply.subarray(reply.indexOf('\r\n\r\n') + 4).toString('hex')).toBe('880203ea');
      await until(() => out.includes('WebSocket peer error'), 'the peer error line');
      const line = out.split('\n').find((l) => l.includes('WebSocket peer error'))!;
      expect(JSON.parse(line)).toMatchObject({ level: 30 });
      expect(out).not.toMatch(/"level":50/);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
