/**
 * h2c via Upgrade (RFC 7540 §3.2) against independent peers: Debian's curl (`--http2` on an
 * http:// URL sends `Upgrade: h2c`) and nghttp (`-u`). Requests that do not qualify stay
 * HTTP/1.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { captureIdOf, captureText, curl, listenApp, runPeer, statusLines } from './h2c-helpers.js';

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  ({ app, base } = await listenApp());
});
afterAll(async () => {
  await app.close();
});

describe('curl --http2 (Upgrade: h2c)', () => {
  it('gets 101, then the response to the same request over HTTP/2', async () => {
    const { received, stderr, body } = await curl(['--http2', `${base}/api/status/200`]);
    expect(stderr).toMatch(/^> Upgrade: h2c/m);
    expect(statusLines(received)).toEqual(['HTTP/1.1 101 Switching Protocols', 'HTTP/2 200']);
    expect(received).toContain('Upgrade: h2c');
    expect(received).toContain('Connection: Upgrade');
    const report = JSON.parse(body);
    expect(report.status.code).toBe(200);
    // The request is the HTTP/1.1 head curl sent (RFC 7540 §3.2: it becomes stream 1), as curl
    // itself printed it: same fields, order and case, Upgrade and HTTP2-Settings included.
    const sent = stderr
      .split('\n')
      .filter((line) => /^> [^ ]+: /.test(line))
      .map((line) => {
        const text = line.slice(2).trimEnd();
        const colon = text.indexOf(':');
        return [text.slice(0, colon), text.slice(colon + 1).trim()];
      });
    expect(sent.map(([n]) => n)).toEqual(expect.arrayContaining(['Upgrade', 'HTTP2-Settings']));
    expect(report.request.httpVersion).toBe('HTTP/1.1');
    expect(report.request.headers).toEqual(sent);
    // The capture shows the same head.
    const id = captureIdOf(received);
    const json = await captureText(app, id!, 'HTTP2-Settings');
    const exchange = JSON.parse(json) as {
      request: { httpVersion: string; headers: [string, string][] };
    };
    expect(exchange.request.httpVersion).toBe('1.1');
    expect(exchange.request.headers).toEqual(sent);
  });

  it('serves further requests on the upgraded connection over HTTP/2', async () => {
    const { received, stderr } = await curl([
      '--http2',
      '-o',
      '/dev/null',
      '-o',
      '/dev/null',
      `${base}/api/status/200`,
      `${base}/api/status/404`,
    ]);
    expect(statusLines(received)).toEqual([
      'HTTP/1.1 101 Switching Protocols',
      'HTTP/2 200',
      'HTTP/2 404',
    ]);
    expect(stderr).toMatch(/Re-using existing connection/);
  });

  it('records the 101 and the deprecation note in the capture of stream 1', async () => {
    const { received } = await curl(['--http2', '-o', '/dev/null', `${base}/api/status/200`]);
    const id = captureIdOf(received);
    expect(id).toBeDefined();
    const json = await captureText(app, id!, 'RFC 9113');
    expect(json).toContain('Switching Protocols');
    expect(json).toContain('stream 1');
    expect(json).toContain('deprecated');
  });

  it('/api/status/101 switches too, stream 1 says what happened, and it is captured', async () => {
    const { received, body } = await curl(['--http2', `${base}/api/status/101`]);
    expect(statusLines(received)).toEqual(['HTTP/1.1 101 Switching Protocols', 'HTTP/2 200']);
    const report = JSON.parse(body) as {
      status: { code: number };
      interim: { code: number; headers: [string, string][] }[];
      notes: string[];
    };
    expect(report.status.code).toBe(200);
    expect(report.interim).toEqual([
      {
        code: 101,
        reason: 'Switching Protocols',
        headers: [
          ['Connection', 'Upgrade'],
          ['Upgrade', 'h2c'],
        ],
      },
    ]);
    expect(report.notes.join(' ')).toContain('RFC 9113 §8.6');
    // Like every simulator response, the 200 names its capture, which holds the 101.
    const id = captureIdOf(received);
    expect(id).toBeDefined();
    const json = await captureText(app, id!, 'Switching Protocols');
    expect(json).toContain('/api/status/101');
  });
});

describe('nghttp -u', () => {
  it('upgrades, gets stream 1, and sees exactly one SETTINGS ACK', async () => {
    const { stdout, code } = await runPeer('nghttp', ['-uv', '-t', '10', `${base}/api/status/200`]);
    expect(code).toBe(0);
    expect(stdout).toContain('HTTP/1.1 101 Switching Protocols');
    expect(stdout).toContain('HTTP Upgrade success');
    expect(stdout).toMatch(/recv \(stream_id=1\) :status: 200/);
    expect(stdout).toMatch(/recv DATA frame <length=\d+, flags=0x01, stream_id=1>/);
    // The HTTP2-Settings are acknowledged by the 101 (RFC 7540 §3.2.1): only nghttp's own
    // SETTINGS frame gets an ACK.
    expect(stdout.match(/recv SETTINGS frame <length=0, flags=0x01/g)).toHaveLength(1);
    expect(stdout).not.toMatch(/PROTOCOL_ERROR|error_code=(?!NO_ERROR)/);
  });
});

describe('requests that do not qualify stay HTTP/1.1', () => {
  it('no HTTP2-Settings: no 101, a plain HTTP/1.1 answer, and the capture says why', async () => {
    const { received } = await curl([
      '--http1.1',
      '-H',
      'Upgrade: h2c',
      '-H',
      'Connection: Upgrade',
      '-o',
      '/dev/null',
      `${base}/api/status/200`,
    ]);
    expect(statusLines(received)).toEqual(['HTTP/1.1 200 OK']);
    const json = await captureText(app, captureIdOf(received)!, 'not switched');
    expect(json).toContain('HTTP2-Settings');
    expect(json).toContain('RFC 7540 §3.2.1');
  });

  it('bad HTTP2-Settings on /api/status/101: 426 naming the reason, no switch', async () => {
    const { received, body } = await curl([
      '--http1.1',
      '-H',
      'Upgrade: h2c',
      '-H',
      'Connection: Upgrade, HTTP2-Settings',
      '-H',
      'HTTP2-Settings: !!not-base64url',
      `${base}/api/status/101`,
    ]);
    expect(statusLines(received)).toEqual(['HTTP/1.1 426 Upgrade Required']);
    expect(received.some((l) => /^Upgrade: .*h2c/.test(l))).toBe(true);
    expect(JSON.parse(body).detail).toContain('base64url');
  });

  it('a request with content is read over HTTP/1.1 and the connection stays open', async () => {
    const { received, stderr, body } = await curl([
      '--http2',
      '--data-binary',
      'hello',
      `${base}/api/status/200`,
      '--next',
      `${base}/api/status/201`,
    ]);
    expect(stderr).toMatch(/^> Upgrade: h2c/m);
    expect(statusLines(received)).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 201 Created']);
    expect(stderr).toMatch(/Re-using existing connection/);
    expect(body).toMatch(/"bodySize": ?5\b/);
    const json = await captureText(app, captureIdOf(received)!, 'not switched');
    expect(json).toContain('content');
  });
});
