/**
 * Wire-level defects of `/api/status/{code}` found in review, each pinned with a real socket:
 * raw TCP for HTTP/1.x (exact bytes, whether the connection stays open) and Node's http2
 * client for HTTP/2 (prior knowledge, as curl --http2-prior-knowledge does).
 */
import http2 from 'node:http2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { contentRange } from '../src/features/simulator/ranges.js';
import { listenApp } from './h2c-helpers.js';
import { header, parseResponses, RawClient, type HttpMessage } from './simulator-helpers.js';

let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  ({ app, port } = await listenApp());
});
afterAll(async () => {
  await app.close();
});

/** Sends `request`, waits for `count` final responses and says whether the server then closed. */
async function exchange(
  request: string,
  count = 1,
  noContent = false,
): Promise<{ responses: HttpMessage[]; client: RawClient }> {
  const client = await RawClient.connect(port);
  try {
    client.write(request);
    return { responses: await client.waitResponses(count, noContent), client };
  } finally {
    client.destroy();
  }
}

/** Sends `request` and waits (bounded) until the server closes the connection. */
async function untilClose(request: string): Promise<HttpMessage[]> {
  const client = await RawClient.connect(port);
  try {
    client.write(request);
    return parseResponses(await client.waitClose());
  } finally {
    client.destroy();
  }
}

/** The Connection field's options, lower case. */
function connectionOptions(message: HttpMessage): string[] {
  return (header(message, 'connection') ?? '')
    .split(',')
    .map((o) => o.trim().toLowerCase())
    .filter((o) => o !== '');
}

interface H2Response {
  headers: http2.IncomingHttpHeaders;
  body: Buffer;
}

/** One HTTP/2 request over a prior-knowledge connection (bounded by a timeout). */
function h2request(
  path: string,
  headers: http2.OutgoingHttpHeaders = {},
  timeoutMs = 15_000,
): Promise<H2Response> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://127.0.0.1:${port}`);
    const timer = setTimeout(() => {
      session.destroy();
      reject(new Error(`HTTP/2 request to ${path} timed out`));
    }, timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      session.destroy();
      reject(err);
    };
    session.on('error', fail);
    const stream = session.request({ ':path': path, ...headers });
    stream.on('error', fail);
    const chunks: Buffer[] = [];
    let responseHeaders: http2.IncomingHttpHeaders = {};
    stream.on('response', (h) => (responseHeaders = h));
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      clearTimeout(timer);
      session.close();
      resolve({ headers: responseHeaders, body: Buffer.concat(chunks) });
    });
    stream.end();
  });
}

describe('1. Connection: close with an Upgrade field (RFC 9112 §9.6, §9.3)', () => {
  it.each([
    ['a declined 101', 'GET /api/status/101 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n'],
    ['a 426', 'GET /api/status/426 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n'],
    [
      'a 200 given Upgrade by the header option',
      'GET /api/status/200?header=Upgrade:x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n',
    ],
    ['an HTTP/1.0 request without keep-alive', 'GET /api/status/426 HTTP/1.0\r\n\r\n'],
  ])('%s: sends "Connection: Upgrade, close" and closes', async (_name, request) => {
    const [response, ...rest] = await untilClose(request);
    expect(rest).toEqual([]);
    expect(header(response!, 'upgrade')).toBeDefined();
    expect(connectionOptions(response!)).toEqual(['upgrade', 'close']);
  });

  it('a persistent HTTP/1.1 request keeps the connection after a 426', async () => {
    const { responses } = await exchange(
      'GET /api/status/426 HTTP/1.1\r\nHost: t\r\n\r\nGET /api/status/200 HTTP/1.1\r\nHost: t\r\n\r\n',
      2,
    );
    expect(responses.map((r) => r.status)).toEqual([426, 200]);
    expect(connectionOptions(responses[0]!)).toEqual(['upgrade']);
  });

  it('an HTTP/1.0 keep-alive request is told the connection persists, and it does', async () => {
    const { responses } = await exchange(
      'GET /api/status/426 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n' +
        'GET /api/status/200 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n',
      2,
    );
    expect(responses.map((r) => r.status)).toEqual([426, 200]);
    expect(connectionOptions(responses[0]!)).toEqual(['upgrade', 'keep-alive']);
  });

  it('an upgrade request (Connection: Upgrade) that is declined is closed: its socket left the parser', async () => {
    // Deliberate (upgrade.ts): Node hands such a request's socket over on 'upgrade' and stops
    // parsing it, so nothing could read a next request; the response says so.
    const [response] = await untilClose(
      'GET /api/status/101 HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: foo/1\r\n\r\n',
    );
    expect(response!.status).toBe(426);
    expect(connectionOptions(response!)).toEqual(['upgrade', 'close']);
  });
});

describe('2. HEAD over HTTP/2 (RFC 9110 §8.6, §9.3.2)', () => {
  it.each([
    ['JSON', 'application/json'],
    ['text', 'text/plain'],
    ['HTML', 'text/html'],
  ])('%s: Content-Length of HEAD is the length of the GET content', async (_name, accept) => {
    const get = await h2request('/api/status/404', { accept });
    const head = await h2request('/api/status/404', { accept, ':method': 'HEAD' });
    expect(get.headers[':status']).toBe(404);
    expect(head.headers[':status']).toBe(404);
    expect(head.body.length).toBe(0);
    expect(Number(get.headers['content-length'])).toBe(get.body.length);
    expect(Number(head.headers['content-length'])).toBe(get.body.length);
  });
});

describe('3. 405 Allow never lists the method used (RFC 9110 §15.5.6)', () => {
  it.each([
    ['GET', 'POST'],
    ['HEAD', 'POST'],
    ['POST', 'GET, HEAD'],
    ['DELETE', 'GET, HEAD'],
    ['OPTIONS', 'GET, HEAD'],
  ])('%s gets Allow: %s', async (method, allow) => {
    const { responses } = await exchange(
      `${method} /api/status/405 HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n`,
      1,
      method === 'HEAD',
    );
    expect(responses[0]!.status).toBe(405);
    expect(header(responses[0]!, 'allow')).toBe(allow);
    const listed = allow.split(', ');
    expect(listed).not.toContain(method);
  });

  it('the header option still wins', async () => {
    const { responses } = await exchange(
      'GET /api/status/405?header=Allow:GET,%20PUT HTTP/1.1\r\nHost: t\r\n\r\n',
    );
    expect(header(responses[0]!, 'allow')).toBe('GET, PUT');
  });
});

describe('4. 304 keeps the Vary a 200 would send (RFC 9110 §15.4.5)', () => {
  it('304 has Vary: Accept, as the 200 to the same request does', async () => {
    const { responses } = await exchange(
      'GET /api/status/200 HTTP/1.1\r\nHost: t\r\n\r\nGET /api/status/304 HTTP/1.1\r\nHost: t\r\n\r\n',
      2,
    );
    const [ok, notModified] = responses;
    expect(notModified!.status).toBe(304);
    expect(header(ok!, 'vary')).toBe('Accept');
    expect(header(notModified!, 'vary')).toBe(header(ok!, 'vary'));
    expect(header(notModified!, 'content-type')).toBeUndefined();
  });

  it('204 has no Vary: no content was negotiated (RFC 9110 §12.5.5)', async () => {
    const { responses } = await exchange('GET /api/status/204 HTTP/1.1\r\nHost: t\r\n\r\n');
    expect(header(responses[0]!, 'vary')).toBeUndefined();
  });
});

describe('5. 206 needs content to take a range from (RFC 9110 §14.1.1, §14.4)', () => {
  it.each([
    ['with a Range', 'GET /api/status/206?body= HTTP/1.1\r\nHost: t\r\nRange: bytes=0-5\r\n\r\n'],
    ['without a Range', 'GET /api/status/206?body= HTTP/1.1\r\nHost: t\r\n\r\n'],
    [
      'with the body in X-Switchyard-Body',
      'GET /api/status/206 HTTP/1.1\r\nHost: t\r\nX-Switchyard-Body: \r\nRange: bytes=-5\r\n\r\n',
    ],
    [
      'chosen at random',
      'GET /api/status/206?random=206&body= HTTP/1.1\r\nHost: t\r\nRange: bytes=0-\r\n\r\n',
    ],
  ])('an empty body %s: 400 problem+json, no Content-Range', async (_name, request) => {
    const { responses } = await exchange(request);
    const response = responses[0]!;
    expect(response.status).toBe(400);
    expect(header(response, 'content-type')).toMatch(/^application\/problem\+json/);
    expect(header(response, 'content-range')).toBeUndefined();
    const problem = JSON.parse(response.body);
    expect(problem.type).toMatch(/invalid-option$/);
    expect(problem.parameter).toMatch(/^(body|X-Switchyard-Body)$/);
    expect(problem.detail).toMatch(/206/);
  });

  it.each(['bytes=0-5', 'bytes=-3', 'bytes=0-0', 'bytes=9-', 'bytes=5-2', 'bytes=-0', undefined])(
    'a one-byte body and Range %s: a valid Content-Range',
    async (range) => {
      const { responses } = await exchange(
        `GET /api/status/206?body=a HTTP/1.1\r\nHost: t\r\n${range ? `Range: ${range}\r\n` : ''}\r\n`,
      );
      const value = header(responses[0]!, 'content-range') ?? '';
      const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value);
      expect(m, value).not.toBeNull();
      const [first, last, length] = [Number(m![1]), Number(m![2]), Number(m![3])];
      expect(first).toBeLessThanOrEqual(last);
      expect(last).toBeLessThan(length);
      expect(responses[0]!.body).toBe('a');
    },
  );
});

describe('5. contentRange never writes an invalid Content-Range (RFC 9110 §14.4)', () => {
  it('refuses an empty range, a reversed one and one past the length', () => {
    expect(contentRange({ start: 0, end: 0 }, 1)).toBe('bytes 0-0/1');
    expect(() => contentRange({ start: 0, end: -1 }, 0)).toThrow(RangeError);
    expect(() => contentRange({ start: 5, end: 4 }, 10)).toThrow(RangeError);
    expect(() => contentRange({ start: 0, end: 10 }, 10)).toThrow(RangeError);
  });
});

describe('6. messages for bad codes name the real fault', () => {
  it.each([
    ['0200', /"0200" is not a three-digit status code/],
    ['99', /"99" is not a three-digit status code/],
    ['1000', /"1000" is not a three-digit status code/],
    ['099', /"099".*first digit.*1 to 5/],
    ['600', /600 is outside 100\.\.599/],
    ['abc', /"abc" is not a status code/],
    ['099:1,200:1', /"099".*first digit.*1 to 5/],
    ['0200:1', /"0200" is not a three-digit status code/],
    ['600:1', /600 is outside 100\.\.599/],
  ])('/api/status/%s', async (code, detail) => {
    const { responses } = await exchange(`GET /api/status/${code} HTTP/1.1\r\nHost: t\r\n\r\n`);
    expect(responses[0]!.status).toBe(400);
    const problem = JSON.parse(responses[0]!.body);
    expect(problem.detail).toMatch(detail);
    if (!/^600/.test(code)) expect(problem.detail).not.toMatch(/outside/);
  });

  it('the random option reports a code as written', async () => {
    const { responses } = await exchange(
      'GET /api/status/200?random=0200:1 HTTP/1.1\r\nHost: t\r\n\r\n',
    );
    expect(JSON.parse(responses[0]!.body).detail).toMatch(/"0200" is not a three-digit/);
  });
});

describe('7. Location over HTTP/2 is absolute, from :authority (RFC 9113 §8.3.1)', () => {
  it('301 over HTTP/2 gives the Location HTTP/1.1 gives', async () => {
    const authority = `127.0.0.1:${port}`;
    const { responses } = await exchange(
      `GET /api/status/301 HTTP/1.1\r\nHost: ${authority}\r\n\r\n`,
    );
    const h1 = header(responses[0]!, 'location');
    expect(h1).toBe(`http://${authority}/api/status/200`);
    const h2 = await h2request('/api/status/301');
    expect(h2.headers[':status']).toBe(301);
    expect(h2.headers.location).toBe(h1);
  });
});
