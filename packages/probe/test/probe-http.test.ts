import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serializeRequestHead } from '@switchyard/protocol';
import { ProbeRefusedError, defaultConnect, startProbe, type ConnectFn } from '../src/index.js';
import { startRawServer } from './support/tap.js';
import { b64, latin1 } from './support/wire.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function raw(reply: (received: Uint8Array) => Uint8Array | undefined) {
  const server = await startRawServer(reply);
  closers.push(server.close);
  return server;
}

async function httpServer(handler: http.RequestListener): Promise<number> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

const text = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('exact request heads', () => {
  it('sends an invalid head byte for byte (raw line, odd separators, bare LF, duplicates)', async () => {
    const server = await raw(() =>
      text('HTTP/1.1 400 Bad Request\r\nContent-Length: 3\r\n\r\nbad'),
    );
    const headers = [
      ['Host', `127.0.0.1:${server.port}`],
      { raw: 'This line has no colon' },
      { name: 'X-Spaced', value: 'v', separator: ' :  ' },
      ['x-dup', '1'],
      ['X-DUP', '2'],
      { name: 'X-Bare-LF', value: 'yes', ending: '\n' },
    ] as const;
    const probe = await startProbe({
      url: `http://127.0.0.1:${server.port}/`,
      method: 'GeT',
      target: '/a b',
      version: 'HTTP/1.1',
      headers: [...headers],
      body: 'ab',
    });
    const { exchange } = await probe.result;
    const expected =
      `GeT /a b HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nThis line has no colon\r\n` +
      'X-Spaced :  v\r\nx-dup: 1\r\nX-DUP: 2\r\nX-Bare-LF: yes\n\r\nab';
    expect(latin1(server.received())).toBe(expected);
    expect(latin1(b64(exchange.probe.sentBase64))).toBe(expected);
    expect(latin1(b64(exchange.request.raw))).toBe(
      latin1(serializeRequestHead({ method: 'GeT', target: '/a b', headers: [...headers] })),
    );
    expect(exchange.response?.status).toBe(400);
    expect(exchange.responseBody).toMatchObject({ size: 3, preview: 'bad', truncated: false });
    expect(exchange.probe.outcome).toBe('response');
    expect(exchange.requestBody.size).toBe(2);
  });

  it('records interim responses, then a chunked body, and the caching headers', async () => {
    const server = await raw(() =>
      text(
        'HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n' +
          'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nCache-Control: max-age=60\r\n' +
          'ETag: "v1"\r\nVary: Accept\r\nAge: 5\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n',
      ),
    );
    const probe = await startProbe({ url: `http://127.0.0.1:${server.port}/x` });
    const { exchange } = await probe.result;
    expect(exchange.interim).toHaveLength(1);
    expect(exchange.interim[0]).toMatchObject({
      status: 103,
      headers: [['Link', '</s.css>; rel=preload']],
    });
    expect(exchange.response?.status).toBe(200);
    expect(exchange.responseBody.preview).toBe('hello world');
    expect(exchange.probe.cache).toMatchObject({
      cacheControl: 'max-age=60',
      etag: '"v1"',
      vary: 'Accept',
      age: '5',
    });
    // The default head is well formed: a Host with the port.
    expect(exchange.request.headers[0]).toEqual(['Host', `127.0.0.1:${server.port}`]);
  });

  it('fails the handshake on a wrong Sec-WebSocket-Accept (RFC 6455 §4.1)', async () => {
    const server = await raw(() =>
      text(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n',
      ),
    );
    const probe = await startProbe({ url: `ws://127.0.0.1:${server.port}/` });
    const { exchange } = await probe.result;
    expect(exchange.probe.outcome).toBe('handshake-failed');
    expect(exchange.probe.handshake?.findings.map((f) => f.code)).toContain(
      'handshake-accept-mismatch',
    );
    expect(exchange.websocket).toBeUndefined();
  });

  it('reports a connection closed before any response', async () => {
    const server = await raw(() => undefined);
    const probe = await startProbe({ url: `http://127.0.0.1:${server.port}/` });
    const { exchange } = await probe.result;
    expect(exchange.probe.outcome).toBe('closed-before-response');
    expect(exchange.response).toBeUndefined();
  });
});

describe('HTTP inspection mode', () => {
  it('follows redirects, recording each hop, and re-checks the policy on each', async () => {
    const port = await httpServer((req, res) => {
      if (req.url === '/a') res.writeHead(302, { location: '/b' }).end();
      else if (req.url === '/b') res.writeHead(307, { location: 'http://inside.test/c' }).end();
      else res.writeHead(200).end('never');
    });
    const connect = vi.fn<ConnectFn>((r) => defaultConnect(r));
    const resolver = vi.fn(async (host: string) =>
      host === 'inside.test' ? [{ address: '10.1.2.3', family: 4 as const }] : [],
    );
    const probe = await startProbe(
      { url: `http://127.0.0.1:${port}/a` },
      { followRedirects: 5, policy: { mode: 'public', allow: ['127.0.0.0/8'] }, resolver, connect },
    );
    const result = await probe.result;
    expect(result.exchange.response?.status).toBe(302);
    expect(result.exchange.probe.redirect).toMatchObject({ status: 302, location: '/b' });
    expect(result.hops).toHaveLength(1);
    expect(result.hops[0]!.request.target).toBe('/b');
    expect(result.hops[0]!.request.headers[0]).toEqual(['Host', `127.0.0.1:${port}`]);
    expect(result.hops[0]!.probe.redirect?.stopped).toMatch(/10\.1\.2\.3 is in 10\.0\.0\.0\/8/);
    // Two connections, both to loopback; the private address was never connected to.
    expect(connect).toHaveBeenCalledTimes(2);
    for (const [req] of connect.mock.calls) expect(req.address).toBe('127.0.0.1');
    expect(resolver).toHaveBeenCalledWith('inside.test');
  });

  it('runs a CORS preflight for an Origin and gives the verdict', async () => {
    const port = await httpServer((req, res) => {
      if (req.method === 'OPTIONS') {
        res
          .writeHead(204, {
            'access-control-allow-origin': 'https://app.example',
            'access-control-allow-methods': 'GET, PUT',
            'access-control-allow-headers': 'x-token',
          })
          .end();
      } else res.writeHead(200).end('ok');
    });
    const probe = await startProbe(
      {
        url: `http://127.0.0.1:${port}/r`,
        method: 'PUT',
        headers: [
          ['Host', `127.0.0.1:${port}`],
          ['X-Token', 'a'],
          ['X-Other', 'b'],
        ],
      },
      { corsOrigin: 'https://app.example' },
    );
    const { cors } = await probe.result;
    expect(cors?.exchange?.request.method).toBe('OPTIONS');
    expect(cors?.exchange?.request.headers).toContainEqual([
      'Access-Control-Request-Method',
      'PUT',
    ]);
    expect(cors?.report.allowed).toBe(false);
    expect(cors?.report.reasons).toEqual(['header x-other is not in Access-Control-Allow-Headers']);
  });
});

describe('refusal before any socket', () => {
  it('never calls connect for a refused target', async () => {
    const connect = vi.fn<ConnectFn>();
    const resolver = async () => [{ address: '169.254.169.254', family: 4 as const }];
    await expect(
      startProbe(
        { url: 'http://metadata.test/' },
        { policy: { mode: 'public' }, resolver, connect },
      ),
    ).rejects.toBeInstanceOf(ProbeRefusedError);
    await expect(
      startProbe({ url: 'ws://127.0.0.1:9/' }, { policy: { mode: 'public' }, connect }),
    ).rejects.toThrow(/127\.0\.0\.0\/8, loopback/);
    expect(connect).not.toHaveBeenCalled();
  });
});
