/**
 * Wire review of the WebSocket handshake (issue 4): requests the protocol core accepts but the
 * `ws` engine re-checked more strictly, answering its own bare `400 text/html` outside the
 * capture (no problem+json, no share link), or refusing instead of declining an offer:
 *
 * - `Upgrade: websocket, h2c` (RFC 6455 §4.2.1 item 3: "containing" websocket) now switches;
 * - a malformed `Sec-WebSocket-Protocol` (duplicate, non-token, no element: §4.1, §4.3) gets the
 *   core-style 400 problem+json with its capture link; empty list elements are ignored
 *   (RFC 9110 §5.6.1.2);
 * - a permessage-deflate offer with an invalid parameter is declined, and the next offer
 *   accepted (RFC 7692 §7), instead of failing the handshake.
 *
 * Peers: raw TCP (exact bytes) and python-websockets 10.4, both on /ws/echo and /api/status/101.
 */
import { execFile } from 'node:child_process';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PYTHON } from './support/ws-python.js';
import { handshake, parseRaw, startApp } from './support/ws-helpers.js';
import { stored } from './support/http.js';

let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  ({ app, port } = await startApp());
});
afterAll(async () => {
  await app.close();
});

/** Sends `request`, returns what arrived once the head is complete (or the server closed). */
function headOf(request: string, ms = 15_000): Promise<ReturnType<typeof parseRaw>> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseRaw(text));
    };
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer; got ${JSON.stringify(text.slice(0, 200))}`));
    }, ms);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = parseRaw(text);
      // A 101 has no body; anything else here carries Content-Length.
      if (head.status === 101) return done();
      const length = Number(head.headers['content-length'] ?? 0);
      if (Buffer.byteLength(head.body, 'latin1') >= length) done();
    });
    socket.on('error', reject);
    socket.on('close', () => (text.includes('\r\n\r\n') ? done() : undefined));
    socket.write(request);
  });
}

/** A handshake whose Upgrade field is `upgrade` (the helper's is plain `websocket`). */
function handshakeWithUpgrade(path: string, upgrade: string, extra: string[] = []) {
  return handshake(path, extra).replace('Upgrade: websocket\r\n', `Upgrade: ${upgrade}\r\n`);
}

describe.each(['/ws/echo', '/api/status/101'])('%s', (path) => {
  it('switches when Upgrade lists websocket among other protocols (RFC 6455 §4.2.1)', async () => {
    // (Listing h2c first would make /api/status/101 try h2c: the client's preference, RFC 9110 §7.8.)
    for (const upgrade of ['websocket, h2c', 'foo/2, WebSocket']) {
      const res = await headOf(handshakeWithUpgrade(path, upgrade));
      expect(res.status, upgrade).toBe(101);
      expect(res.headers.upgrade).toBe('websocket');
      expect(res.headers['sec-websocket-accept']).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    }
  });

  it('answers a duplicated or non-token subprotocol with a captured 400 problem', async () => {
    for (const offer of ['echo.v1, echo.v1', 'echo v1', ' , ']) {
      const res = await headOf(handshake(path, [`Sec-WebSocket-Protocol: ${offer}`]));
      expect(res.status, offer).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(res.body) as { rule: string; rfc: string };
      expect(problem).toMatchObject({ rule: 'handshake-protocol-invalid', rfc: 'RFC 6455' });
      const id = res.headers['x-switchyard-capture'];
      expect(id, 'share link of the refusal').toBeTruthy();
      const exchange = await stored(app, id!);
      expect(exchange.response?.status).toBe(400);
      // The capture holds the request as received, not the engine's narrowed copy.
      expect(exchange.request.headers).toContainEqual(['Sec-WebSocket-Protocol', offer.trim()]);
    }
  });

  it('ignores empty subprotocol list elements (RFC 9110 §5.6.1.2)', async () => {
    const res = await headOf(handshake(path, ['Sec-WebSocket-Protocol: , json.v1, , echo.v1']));
    expect(res.status).toBe(101);
    expect(res.headers['sec-websocket-protocol']).toBe('json.v1');
  });

  it('declines an invalid permessage-deflate offer and takes the next (RFC 7692 §7)', async () => {
    const cases: [string, string | undefined][] = [
      ['permessage-deflate; server_max_window_bits=16', undefined],
      ['permessage-deflate; client_max_window_bits=abc', undefined],
      ['permessage-deflate; x=1, permessage-deflate; server_no_context_takeover', 'server_no'],
      [
        'permessage-deflate; server_max_window_bits, permessage-deflate; server_max_window_bits=10',
        'server_max_window_bits=10',
      ],
    ];
    for (const [offer, expected] of cases) {
      const res = await headOf(handshake(path, [`Sec-WebSocket-Extensions: ${offer}`]));
      expect(res.status, offer).toBe(101);
      const answer = res.headers['sec-websocket-extensions'];
      if (expected === undefined) expect(answer, offer).toBeUndefined();
      else expect(answer, offer).toContain(expected);
    }
  });
});

/** Runs an inline python-websockets (10.4) script; returns its last printed line, parsed. */
function python(script: string, url: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(
      PYTHON,
      ['-c', script, url],
      { timeout: 30_000, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        try {
          resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>);
        } catch {
          reject(new Error(`python failed: ${error?.message ?? ''} ${stderr}`));
        }
      },
    );
  });
}

const PY_EXTRA_OFFER = `
import asyncio, json, sys, websockets
async def main():
    out = {}
    try:
        # python-websockets sends its own offer first, then this second field.
        async with websockets.connect(sys.argv[1], open_timeout=10, close_timeout=5,
                extra_headers=[("Sec-WebSocket-Extensions",
                                "permessage-deflate; server_max_window_bits=16")]) as ws:
            out["extensions"] = ws.response_headers.get("Sec-WebSocket-Extensions")
            await ws.send("deflated hello")
            out["echo"] = await asyncio.wait_for(ws.recv(), 10)
    except Exception as e:
        out["error"] = type(e).__name__ + ": " + str(e)
    print(json.dumps(out))
asyncio.run(main())
`;

const PY_DUPLICATE_PROTOCOL = `
import asyncio, json, sys, websockets
async def main():
    out = {}
    try:
        async with websockets.connect(sys.argv[1], open_timeout=10, close_timeout=5,
                                      subprotocols=["echo.v1", "echo.v1"]) as ws:
            out["opened"] = True
    except websockets.exceptions.InvalidStatusCode as e:
        out["status"] = e.status_code
        out["type"] = e.headers.get("Content-Type")
        out["capture"] = e.headers.get("X-Switchyard-Capture")
    except Exception as e:
        out["error"] = type(e).__name__ + ": " + str(e)
    print(json.dumps(out))
asyncio.run(main())
`;

describe('python-websockets 10.4 as the client', () => {
  it('opens /ws/echo with deflate when a second offer is invalid', async () => {
    const out = await python(PY_EXTRA_OFFER, `ws://127.0.0.1:${port}/ws/echo`);
    expect(out.error).toBeUndefined();
    expect(out.extensions).toMatch(/^permessage-deflate/);
    expect(out.echo).toBe('deflated hello');
  }, 40_000);

  it('gets a captured 400 problem for a duplicated subprotocol', async () => {
    const out = await python(PY_DUPLICATE_PROTOCOL, `ws://127.0.0.1:${port}/ws/echo`);
    expect(out).toMatchObject({ status: 400 });
    expect(out.type).toMatch(/^application\/problem\+json/);
    expect(out.capture).toBeTruthy();
  }, 40_000);
});
