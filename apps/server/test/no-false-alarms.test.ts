/**
 * Issue 5, "No false alarms on correct traffic": exchanges that real, independent clients
 * produce against Switchyard (`ws` and python-websockets against /ws/echo, with and without
 * permessage-deflate; Debian's curl against the simulator, over HTTP/1.1 and HTTP/2) are captured and linted by the
 * server, and raise no finding of severity error or warning. (Chromium: e2e/tests.)
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Exchange } from '@switchyard/exchange';
import { nextMessage, once, openWs, startApp } from './support/ws-helpers.js';
import { pythonClient } from './support/ws-python.js';

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  ({ app, base } = await startApp());
});
afterAll(async () => {
  await app.close();
});

/** The newest finished exchange of `endpoint` not in `seen`, polled with a bound. */
async function newestOf(endpoint: string, seen: Set<string>): Promise<Exchange> {
  const end = Date.now() + 10_000;
  for (;;) {
    const list = (await app.inject({ url: '/api/exchanges?limit=50' })).json() as {
      items: { id: string; endpoint: string }[];
    };
    for (const item of list.items) {
      if (item.endpoint !== endpoint || seen.has(item.id)) continue;
      const res = await app.inject({ url: `/api/exchanges/${item.id}` });
      if (res.statusCode === 200) {
        seen.add(item.id);
        return res.json() as Exchange;
      }
    }
    if (Date.now() > end) throw new Error(`no new exchange of ${endpoint}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const seen = new Set<string>();

function alarms(exchange: Exchange) {
  return exchange.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
}

describe('correct traffic raises no error or warning (issue 5)', { timeout: 30_000 }, () => {
  it.each([
    ['with permessage-deflate', true],
    ['without permessage-deflate', false],
  ])('ws client %s: messages, ping, clean close', async (_name, deflate) => {
    const ws = await openWs(`ws://${base}/ws/echo`, ['echo.v1'], { perMessageDeflate: deflate });
    ws.send('hello switchyard');
    expect((await nextMessage(ws)).data.toString()).toBe('hello switchyard');
    ws.send(Buffer.from([1, 2, 3, 4]));
    expect((await nextMessage(ws)).isBinary).toBe(true);
    ws.ping('alive?');
    await once(ws, 'pong');
    ws.close(1000, 'done');
    await once(ws, 'close');
    const exchange = await newestOf('/ws/echo', seen);
    expect(exchange.websocket?.close).toMatchObject({ clean: true, code: 1000 });
    expect(exchange.websocket?.extensions.includes('permessage-deflate') ?? false).toBe(deflate);
    expect(alarms(exchange)).toEqual([]);
  });

  it.each([
    ['with permessage-deflate', false],
    ['without permessage-deflate', true],
  ])('python-websockets %s', async (_name, noDeflate) => {
    const outcome = await pythonClient(`ws://${base}/ws/echo`, {
      ping: true,
      send: 'from python',
      close: true,
      no_deflate: noDeflate,
    });
    expect(outcome).toMatchObject({ opened: true, exception: null, pong: true });
    const exchange = await newestOf('/ws/echo', seen);
    expect(exchange.websocket?.extensions.includes('permessage-deflate') ?? false).toBe(!noDeflate);
    expect(alarms(exchange)).toEqual([]);
  });

  it.each(['/api/status/200', '/api/status/204', '/api/status/301', '/api/status/404'])(
    'curl against the simulator: %s',
    async (path) => {
      const code = await new Promise<string>((resolve, reject) => {
        execFile(
          'curl',
          [
            '-s',
            '-o',
            '/dev/null',
            '-w',
            '%{http_code}',
            '--max-time',
            '10',
            `http://${base}${path}`,
          ],
          { timeout: 15_000 },
          (error, stdout) => (error ? reject(error) : resolve(stdout)),
        );
      });
      expect(code).toBe(path.slice(-3));
      const exchange = await newestOf('/api/status/:code', seen);
      expect(exchange.request.target).toBe(path);
      expect(alarms(exchange)).toEqual([]);
    },
  );

  it.each([
    ['--http2', 'h2c-upgrade'],
    ['--http2-prior-knowledge', 'prior-knowledge'],
  ])('curl %s against the simulator (HTTP/2 frames captured)', async (flag, mode) => {
    const code = await new Promise<string>((resolve, reject) => {
      execFile(
        'curl',
        [flag, '-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '10'].concat(
          `http://${base}/api/status/200`,
        ),
        { timeout: 15_000 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      );
    });
    expect(code).toBe('200');
    const exchange = await newestOf('/api/status/:code', seen);
    expect(exchange.http2?.mode).toBe(mode);
    // The h2c upgrade's own 101 is recorded on stream 1 (RFC 7540 §3.2) and is no alarm;
    // the deprecation of h2c (RFC 9113 §3.1) is reported as info.
    expect(exchange.interim.map((r) => r.status)).toEqual(mode === 'h2c-upgrade' ? [101] : []);
    expect(alarms(exchange)).toEqual([]);
  });
});
