/**
 * What the simulator writes on the wire, seen with a raw TCP client: real 1xx interim
 * responses, 100-continue, HEAD and the no-content statuses, HTTP/1.0, and protocol switching.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { registerUpgradeProtocol } from '../src/features/simulator/index.js';
import { detachedSocket } from '../src/features/simulator/upgrade.js';
import { header, listen, listenBare, parseResponses, RawClient } from './simulator-helpers.js';

let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  ({ app, port } = await listen());
});
afterAll(async () => {
  await app.close();
});

async function exchange(request: string, count = 1, noContent = false) {
  const client = await RawClient.connect(port);
  try {
    client.write(request);
    return { client, responses: await client.waitResponses(count, noContent) };
  } finally {
    client.destroy();
  }
}

describe('diagnostic over a socket', () => {
  it('reports header names in their original case, order and duplicates', async () => {
    const { responses } = await exchange(
      'GET /api/status/200 HTTP/1.1\r\nHost: t\r\nX-MiXeD: 1\r\nx-dup: a\r\nX-Dup: b\r\nConnection: close\r\n\r\n',
    );
    const body = JSON.parse(responses[0]!.body);
    expect(body.request.headers).toEqual([
      ['Host', 't'],
      ['X-MiXeD', '1'],
      ['x-dup', 'a'],
      ['X-Dup', 'b'],
      ['Connection', 'close'],
    ]);
    expect(body.request.httpVersion).toBe('HTTP/1.1');
    expect(body.request.remoteAddress).toBe('127.0.0.1');
  });

  it('writes the reason phrase on the status line and a Date', async () => {
    const { responses } = await exchange('GET /api/status/422 HTTP/1.1\r\nHost: t\r\n\r\n');
    expect(responses[0]!.status).toBe(422);
    expect(responses[0]!.reason).toBe('Unprocessable Content');
    expect(header(responses[0]!, 'date')).toMatch(/GMT$/);
  });
});

describe('real interim responses', () => {
  it('103 sends Early Hints with Link, then a 200 listing it', async () => {
    const { client, responses } = await exchange('GET /api/status/103 HTTP/1.1\r\nHost: t\r\n\r\n');
    expect(client.text).toMatch(
      /^HTTP\/1\.1 103 Early Hints\r\nLink: <[^>]+>; rel=preload[^\r]*\r\n\r\nHTTP\/1\.1 200 OK\r\n/,
    );
    const final = responses[1]!;
    expect(final.status).toBe(200);
    const links = final.headers.filter(([n]) => n.toLowerCase() === 'link').map(([, v]) => v);
    expect(links.some((l) => /rel=preload/.test(l))).toBe(true);
    const body = JSON.parse(final.body);
    expect(body.interim.map((i: { code: number }) => i.code)).toEqual([103]);
    expect(body.requested).toBe(103);
  });

  it('103 uses the link option', async () => {
    const { client } = await exchange(
      'GET /api/status/103?link=%3C%2Fapp.css%3E%3B%20rel%3Dpreload%3B%20as%3Dstyle&link=%3C%2Fapp.js%3E%3B%20rel%3Dpreload%3B%20as%3Dscript HTTP/1.1\r\nHost: t\r\n\r\n',
      1,
    );
    expect(client.text).toMatch(
      /^HTTP\/1\.1 103 Early Hints\r\nLink: <\/app\.css>; rel=preload; as=style, <\/app\.js>; rel=preload; as=script\r\n\r\n/,
    );
  });

  it('102 sends Processing, then a 200 listing it', async () => {
    const { client, responses } = await exchange('GET /api/status/102 HTTP/1.1\r\nHost: t\r\n\r\n');
    expect(client.text).toMatch(/^HTTP\/1\.1 102 Processing\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
    expect(JSON.parse(responses[1]!.body).interim[0].code).toBe(102);
  });

  it('an unregistered 1xx is an interim response too, never final', async () => {
    const { responses } = await exchange('GET /api/status/150 HTTP/1.1\r\nHost: t\r\n\r\n');
    expect(responses.map((r) => r.status)).toEqual([150, 200]);
  });

  it('Expect: 100-continue gets a real 100 before the content is sent', async () => {
    const client = await RawClient.connect(port);
    try {
      client.write(
        'POST /api/status/100 HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n',
      );
      // The content has not been sent: the 100 must come first.
      await client.waitFor((t) => t.includes('\r\n\r\n'));
      expect(client.text).toBe('HTTP/1.1 100 Continue\r\n\r\n');
      client.write('hello');
      const responses = await client.waitResponses(1);
      expect(responses.map((r) => r.status)).toEqual([100, 200]);
      const body = JSON.parse(responses[1]!.body);
      expect(body.request.bodySize).toBe(5);
      expect(body.interim).toEqual([{ code: 100, reason: 'Continue', headers: [] }]);
      expect(body.notes.join(' ')).toContain('RFC 9110 §10.1.1');
    } finally {
      client.destroy();
    }
  });

  it('Expect: 100-continue to a 2xx code also gets the 100 first', async () => {
    const client = await RawClient.connect(port);
    try {
      client.write(
        'PUT /api/status/201 HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n',
      );
      await client.waitFor((t) => t.startsWith('HTTP/1.1 100 Continue\r\n\r\n'));
      client.write('abc');
      const responses = await client.waitResponses(1);
      expect(responses.map((r) => r.status)).toEqual([100, 201]);
      expect(JSON.parse(responses[1]!.body).request.bodySize).toBe(3);
    } finally {
      client.destroy();
    }
  });

  it('Expect: 100-continue to an error code gets the final status at once, and a close', async () => {
    const client = await RawClient.connect(port);
    try {
      client.write(
        'POST /api/status/413 HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n',
      );
      const text = await client.waitClose();
      const responses = parseResponses(text);
      expect(responses.map((r) => r.status)).toEqual([413]);
      expect(header(responses[0]!, 'connection')).toBe('close');
      expect(JSON.parse(responses[0]!.body).request.bodySize).toBeNull();
    } finally {
      client.destroy();
    }
  });

  it('HTTP/1.0 never gets a 1xx', async () => {
    const { client, responses } = await exchange('GET /api/status/103 HTTP/1.0\r\n\r\n');
    expect(client.text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(client.text).not.toMatch(/HTTP\/1\.1 1\d\d /);
    const body = JSON.parse(responses[0]!.body);
    expect(body.interim).toEqual([]);
    expect(body.notes.join(' ')).toContain('RFC 9110 §15.2');
    const expect100 = await exchange(
      'POST /api/status/100 HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi',
    );
    expect(expect100.responses.map((r) => r.status)).toEqual([200]);
    expect(JSON.parse(expect100.responses[0]!.body).request.bodySize).toBe(2);
  });
});

describe('no content where none is allowed', () => {
  it('HEAD gets the GET headers and no content', async () => {
    const get = (await exchange('GET /api/status/404 HTTP/1.1\r\nHost: t\r\n\r\n')).responses[0]!;
    // A second request on the same connection proves nothing followed the HEAD response's head.
    const { responses } = await exchange(
      'HEAD /api/status/404 HTTP/1.1\r\nHost: t\r\n\r\nGET /api/status/200 HTTP/1.1\r\nHost: t\r\n\r\n',
      2,
      true,
    );
    const head = responses[0]!;
    expect(head.status).toBe(404);
    expect(header(head, 'content-type')).toBe(header(get, 'content-type'));
    // RFC 9110 §8.6: the Content-Length GET would have sent.
    expect(header(head, 'content-length')).toBe(header(get, 'content-length'));
    expect(responses[1]!.status).toBe(200);
  });

  it.each([
    [204, undefined],
    [205, '0'],
    [304, undefined],
  ])(
    '%i has no content (Content-Length %s) and the connection stays usable',
    async (code, length) => {
      const { client, responses } = await exchange(
        `GET /api/status/${code} HTTP/1.1\r\nHost: t\r\n\r\nGET /api/status/200 HTTP/1.1\r\nHost: t\r\n\r\n`,
        2,
      );
      expect(responses.map((r) => r.status)).toEqual([code, 200]);
      expect(header(responses[0]!, 'content-length')).toBe(length);
      expect(header(responses[0]!, 'content-type')).toBeUndefined();
      // The bytes right after the first head are the second response's status line.
      expect(client.text.split('\r\n\r\n')[1]).toMatch(/^HTTP\/1\.1 200 OK/);
    },
  );
});

describe('101 when no protocol is registered (no upgrade listener: ordinary requests)', () => {
  let bare: FastifyInstance;
  let barePort: number;
  beforeAll(async () => {
    ({ app: bare, port: barePort } = await listenBare());
  });
  afterAll(async () => {
    await bare.close();
  });

  async function bareExchange(request: string) {
    const client = await RawClient.connect(barePort);
    try {
      client.write(request);
      return await client.waitResponses(1);
    } finally {
      client.destroy();
    }
  }

  it('answers 426 with Upgrade: websocket and Connection: Upgrade, and keeps the connection', async () => {
    const client = await RawClient.connect(barePort);
    try {
      client.write(
        'GET /api/status/101 HTTP/1.1\r\nHost: t\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\r\n',
      );
      const [first] = await client.waitResponses(1);
      expect(first!.status).toBe(426);
      expect(first!.reason).toBe('Upgrade Required');
      expect(header(first!, 'upgrade')).toBe('websocket');
      expect(header(first!, 'connection')).toBe('Upgrade');
      const body = JSON.parse(first!.body);
      expect(body.requested).toBe(101);
      expect(body.notes.join(' ')).toMatch(/§7\.8.*§15\.2\.2|§15\.2\.2.*§7\.8/s);
      client.write('GET /api/status/200 HTTP/1.1\r\nHost: t\r\n\r\n');
      const responses = await client.waitResponses(2);
      expect(responses[1]!.status).toBe(200);
    } finally {
      client.destroy();
    }
  });

  it('ignores Upgrade in an HTTP/1.0 request', async () => {
    const responses = await bareExchange(
      'GET /api/status/101 HTTP/1.0\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
    );
    expect(responses[0]!.status).toBe(426);
    expect(JSON.parse(responses[0]!.body).notes[0]).toBe(
      'Upgrade ignored: HTTP/1.0 request (RFC 9110 §7.8).',
    );
  });

  it('answers 426 when nothing is offered', async () => {
    const responses = await bareExchange('GET /api/status/101 HTTP/1.1\r\nHost: t\r\n\r\n');
    expect(responses.map((r) => r.status)).toEqual([426]);
  });
});

describe('101 in the whole app', () => {
  it('answers 426 to a protocol nobody serves, naming the ones served, and closes', async () => {
    const client = await RawClient.connect(port);
    try {
      client.write(
        'GET /api/status/101 HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: x-unknown/2\r\n\r\n',
      );
      const [response] = parseResponses(await client.waitClose());
      expect(response!.status).toBe(426);
      expect(header(response!, 'upgrade')).toMatch(
        /^[!#$%&'*+.^_`|~0-9A-Za-z/-]+(, [!#$%&'*+.^_`|~0-9A-Za-z/-]+)*$/,
      );
      expect(header(response!, 'upgrade')).not.toContain('x-unknown');
      expect(header(response!, 'connection')).toBe('Upgrade, close');
    } finally {
      client.destroy();
    }
  });
});

describe('101 with a registered protocol (an upgrade listener exists)', () => {
  let app2: FastifyInstance;
  let port2: number;
  beforeAll(async () => {
    ({ app: app2, port: port2 } = await listenBare());
    registerUpgradeProtocol(app2, 'x-echo', ({ socket, head, protocol }) => {
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: ${protocol}\r\nConnection: Upgrade\r\n\r\n`,
      );
      if (head.length > 0) socket.write(head);
      socket.on('data', (data: Buffer) => socket.write(data));
      socket.on('end', () => socket.end());
    });
  });
  afterAll(async () => {
    await app2.close();
  });

  it('switches when the offered protocol is registered, then the socket is the protocol’s', async () => {
    const client = await RawClient.connect(port2);
    try {
      client.write(
        'GET /api/status/101 HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: x-unknown, x-echo\r\n\r\n',
      );
      await client.waitFor((t) => t.includes('\r\n\r\n'));
      expect(client.text).toBe(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: x-echo\r\nConnection: Upgrade\r\n\r\n',
      );
      client.write('ping');
      await client.waitFor((t) => t.endsWith('ping'));
    } finally {
      client.destroy();
    }
  });

  it('still answers 426 to an offer it does not support, and closes', async () => {
    const client = await RawClient.connect(port2);
    try {
      client.write(
        'GET /api/status/101 HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
      );
      const text = await client.waitClose();
      const [response] = parseResponses(text);
      expect(response!.status).toBe(426);
      expect(header(response!, 'upgrade')).toBe('x-echo');
      expect(header(response!, 'connection')).toBe('Upgrade, close');
    } finally {
      client.destroy();
    }
  });

  it('routes upgrade requests to other paths as ordinary requests', async () => {
    const client = await RawClient.connect(port2);
    try {
      client.write(
        'GET /api/status/418 HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: x-echo\r\n\r\n',
      );
      const [response] = parseResponses(await client.waitClose());
      expect(response!.status).toBe(418);
    } finally {
      client.destroy();
    }
  });
});

describe('another plugin listens for upgrades (as @fastify/websocket does)', () => {
  let app3: FastifyInstance;
  let port3: number;
  beforeAll(async () => {
    ({ app: app3, port: port3 } = await listenBare());
    // Like plugins/websocket.ts: skip what the simulator took, answer the rest itself.
    app3.server.on('upgrade', (raw: IncomingMessage, socket: Duplex) => {
      if (detachedSocket(app3.server, raw)) return;
      socket.end('HTTP/1.1 404 Not Found\r\nX-Other: yes\r\nContent-Length: 0\r\n\r\n');
    });
  });
  afterAll(async () => {
    await app3.close();
  });

  it('the simulator still answers /api/status/101 with 426', async () => {
    const client = await RawClient.connect(port3);
    try {
      client.write(
        'GET /api/status/101 HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
      );
      const [response] = parseResponses(await client.waitClose());
      expect(response!.status).toBe(426);
      expect(header(response!, 'x-other')).toBeUndefined();
    } finally {
      client.destroy();
    }
  });

  it('other paths are left to the other listener', async () => {
    const client = await RawClient.connect(port3);
    try {
      client.write(
        'GET /ws/echo HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
      );
      const [response] = parseResponses(await client.waitClose());
      expect(header(response!, 'x-other')).toBe('yes');
    } finally {
      client.destroy();
    }
  });
});

describe('robustness', () => {
  it('survives garbage, a client leaving mid-delay, and keeps serving', async () => {
    const garbage = await RawClient.connect(port);
    garbage.write('\x00\x01NOT HTTP\r\n\r\n');
    const text = await garbage.waitClose();
    expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(text).toContain('application/problem+json');

    const leaver = await RawClient.connect(port);
    leaver.write('GET /api/status/200?delay=300 HTTP/1.1\r\nHost: t\r\n\r\n');
    leaver.destroy();

    const { responses } = await exchange('GET /api/status/200 HTTP/1.1\r\nHost: t\r\n\r\n');
    expect(responses[0]!.status).toBe(200);
  });
});
