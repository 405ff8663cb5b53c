import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { HandshakeRequest } from '../src/index.js';
import {
  acceptDeflateOffers,
  buildClientRequest,
  checkDeflateResponse,
  computeAccept,
  parseExtensions,
  checkClientRequest,
  validateClientRequest,
  validateServerResponse,
} from '../src/index.js';

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const base = (): [string, string][] => [
  ['Host', 'server.example.com'],
  ['Upgrade', 'websocket'],
  ['Connection', 'Upgrade'],
  ['Sec-WebSocket-Key', KEY],
  ['Sec-WebSocket-Version', '13'],
];
const req = (headers = base(), method = 'GET', version = 'HTTP/1.1'): HandshakeRequest => ({
  method,
  version,
  headers,
});
const without = (name: string) => base().filter(([n]) => n.toLowerCase() !== name.toLowerCase());
const replace = (name: string, value: string) =>
  base().map(([n, v]): [string, string] => (n === name ? [n, value] : [n, v]));

describe('RFC 6455 §4.2.2 Sec-WebSocket-Accept', () => {
  it('computes the RFC sample', () => {
    expect(computeAccept(KEY)).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });
  it('agrees with node:crypto for random keys', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const key = Buffer.from(bytes).toString('base64');
        const expected = createHash('sha1')
          .update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11')
          .digest('base64');
        expect(computeAccept(key)).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('RFC 6455 §4.1 client request', () => {
  it('builds an ordered header list and bytes from passed-in randomness', () => {
    const r = buildClientRequest({
      host: 'server.example.com',
      path: '/chat',
      random16: new TextEncoder().encode('the sample nonce'),
      protocols: ['chat', 'superchat'],
      deflate: [{ clientMaxWindowBits: true }],
      origin: 'http://example.com',
      headers: [['X-Test', '1']],
    });
    expect(r.key).toBe(KEY);
    expect(r.expectedAccept).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(new TextDecoder().decode(r.bytes)).toBe(
      'GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\nOrigin: http://example.com\r\n` +
        'Sec-WebSocket-Protocol: chat, superchat\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n' +
        'X-Test: 1\r\n\r\n',
    );
  });
});

describe('RFC 6455 §4.2.1 server validation of the request', () => {
  it('accepts the RFC example and answers 101 with the Accept value', () => {
    const r = validateClientRequest(
      req([...base(), ['Sec-WebSocket-Protocol', 'chat, superchat']]),
      { protocols: ['superchat', 'chat'] },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.response.status).toBe(101);
    expect(r.response.headers).toEqual([
      ['Upgrade', 'websocket'],
      ['Connection', 'Upgrade'],
      ['Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='],
      ['Sec-WebSocket-Protocol', 'chat'],
    ]);
  });
  it('reads the subprotocol offer across field lines, ignoring empty elements', () => {
    const check = checkClientRequest(
      req([
        ...base(),
        ['Sec-WebSocket-Protocol', 'echo.v1, , json.v1'],
        ['Sec-WebSocket-Protocol', 'chat'],
      ]),
    );
    expect(check.ok && check.protocols).toEqual(['echo.v1', 'json.v1', 'chat']);
  });
  it('accepts Firefox-style "Connection: keep-alive, Upgrade" and "Upgrade: WebSocket"', () => {
    const h = replace('Connection', 'keep-alive, Upgrade').map(([n, v]): [string, string] =>
      n === 'Upgrade' ? [n, 'WebSocket'] : [n, v],
    );
    expect(validateClientRequest(req(h)).ok).toBe(true);
  });
  const failures: [string, HandshakeRequest, number, string, [string, string]?][] = [
    ['POST', req(base(), 'POST'), 405, 'handshake-method-not-get', ['Allow', 'GET']],
    ['HTTP/1.0', req(base(), 'GET', 'HTTP/1.0'), 400, 'handshake-http-version'],
    ['no Host', req(without('Host')), 400, 'handshake-host'],
    [
      'no Upgrade',
      req(without('Upgrade')),
      426,
      'handshake-upgrade-not-websocket',
      ['Upgrade', 'websocket'],
    ],
    ['Upgrade: h2c', req(replace('Upgrade', 'h2c')), 426, 'handshake-upgrade-not-websocket'],
    [
      'Connection: keep-alive',
      req(replace('Connection', 'keep-alive')),
      426,
      'handshake-connection-not-upgrade',
    ],
    ['no key', req(without('Sec-WebSocket-Key')), 400, 'handshake-key-invalid'],
    [
      '15-byte key',
      req(replace('Sec-WebSocket-Key', Buffer.alloc(15).toString('base64'))),
      400,
      'handshake-key-invalid',
    ],
    [
      'non-base64 key',
      req(replace('Sec-WebSocket-Key', 'not base64 at all!!!!!!=')),
      400,
      'handshake-key-invalid',
    ],
    [
      'version 8',
      req(replace('Sec-WebSocket-Version', '8')),
      426,
      'handshake-version',
      ['Sec-WebSocket-Version', '13'],
    ],
    ['no version', req(without('Sec-WebSocket-Version')), 426, 'handshake-version'],
    [
      'bad extensions',
      req([...base(), ['Sec-WebSocket-Extensions', 'permessage-deflate; x="a b"']]),
      400,
      'extensions-syntax',
    ],
    [
      'subprotocol offered twice',
      req([...base(), ['Sec-WebSocket-Protocol', 'chat, chat']]),
      400,
      'handshake-protocol-invalid',
    ],
    [
      'subprotocol not a token',
      req([...base(), ['Sec-WebSocket-Protocol', 'bad proto']]),
      400,
      'handshake-protocol-invalid',
    ],
    [
      'subprotocol field with no element',
      req([...base(), ['Sec-WebSocket-Protocol', ' , ']]),
      400,
      'handshake-protocol-invalid',
    ],
  ];
  for (const [name, r, status, code, header] of failures) {
    it(`${name} → ${status}`, () => {
      const res = validateClientRequest(r);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.status).toBe(status);
      expect(res.findings[0]).toMatchObject({ code, status });
      expect(res.findings[0]!.cite.section).toMatch(/^4\.|^9\.1$/);
      if (header) expect(res.headers).toContainEqual(header);
    });
  }
});

describe('RFC 7692 §7 permessage-deflate negotiation', () => {
  const offers = (value: string) => {
    const p = parseExtensions([value]);
    if (!p.ok) throw new Error('parse');
    return p.extensions;
  };
  it('accepts the first acceptable offer and declines invalid ones', () => {
    const r = acceptDeflateOffers(
      offers(
        'permessage-deflate; server_max_window_bits=7, permessage-deflate; foo, permessage-deflate; client_max_window_bits; server_no_context_takeover',
      ),
      {},
    );
    expect(r.findings.map((f) => f.code)).toEqual([
      'deflate-offer-declined',
      'deflate-offer-declined',
    ]);
    expect(r.params).toEqual({
      serverNoContextTakeover: true,
      clientNoContextTakeover: false,
      serverMaxWindowBits: 15,
      clientMaxWindowBits: 15,
    });
  });
  it('declines duplicate parameters and out-of-range or padded values', () => {
    for (const bad of [
      'permessage-deflate; server_no_context_takeover; server_no_context_takeover',
      'permessage-deflate; server_max_window_bits=16',
      'permessage-deflate; server_max_window_bits=08',
      'permessage-deflate; server_max_window_bits',
      'permessage-deflate; client_no_context_takeover=1',
    ]) {
      expect(acceptDeflateOffers(offers(bad)).params, bad).toBeUndefined();
    }
  });
  it('accepts quoted token values', () => {
    expect(
      acceptDeflateOffers(offers('permessage-deflate; client_max_window_bits="10"')).params
        ?.clientMaxWindowBits,
    ).toBe(10);
  });
  it('limits the client window only when the client offered client_max_window_bits', () => {
    expect(
      acceptDeflateOffers(offers('permessage-deflate'), { clientMaxWindowBits: 10 }).response
        ?.params,
    ).toEqual([]);
    expect(
      acceptDeflateOffers(offers('permessage-deflate; client_max_window_bits'), {
        clientMaxWindowBits: 10,
      }).response?.params,
    ).toEqual([{ name: 'client_max_window_bits', value: '10' }]);
  });
  it('client rejects client_max_window_bits in a response it did not offer', () => {
    const [el] = offers('permessage-deflate; client_max_window_bits=10');
    expect(checkDeflateResponse(el!, [{}]).findings[0]?.code).toBe('deflate-response-unsupported');
    expect(
      checkDeflateResponse(el!, [{ clientMaxWindowBits: true }]).params?.clientMaxWindowBits,
    ).toBe(10);
  });
  it('client rejects unknown, duplicate and invalid response parameters', () => {
    for (const bad of [
      'permessage-deflate; x',
      'permessage-deflate; server_max_window_bits=9; server_max_window_bits=9',
      'permessage-deflate; client_max_window_bits',
    ]) {
      expect(
        checkDeflateResponse(offers(bad)[0]!, [{ clientMaxWindowBits: true }]).findings[0]?.code,
        bad,
      ).toBe('deflate-response-invalid');
    }
  });
});

describe('RFC 6455 §4.1 client validation of the response', () => {
  const request = buildClientRequest({
    host: 'h',
    random16: new Uint8Array(16).fill(1),
    protocols: ['chat'],
    deflate: [{ clientMaxWindowBits: true }],
  });
  const good = (): [string, string][] => [
    ['Upgrade', 'websocket'],
    ['Connection', 'Upgrade'],
    ['Sec-WebSocket-Accept', request.expectedAccept],
  ];
  it('accepts a correct response and reports negotiated parameters', () => {
    const r = validateServerResponse(
      {
        status: 101,
        headers: [
          ...good(),
          ['Sec-WebSocket-Protocol', 'chat'],
          ['Sec-WebSocket-Extensions', 'permessage-deflate; server_no_context_takeover'],
        ],
      },
      request.offered,
    );
    expect(r.findings).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.protocol).toBe('chat');
    expect(r.deflate?.serverNoContextTakeover).toBe(true);
  });
  const cases: [string, number, [string, string][], string][] = [
    ['status 200', 200, good(), 'handshake-status-not-101'],
    ['no Upgrade', 101, good().slice(1), 'handshake-upgrade-missing'],
    [
      'Upgrade: h2c',
      101,
      [['Upgrade', 'h2c'], ...good().slice(1)],
      'handshake-upgrade-not-websocket',
    ],
    [
      'Connection: close',
      101,
      [good()[0]!, ['Connection', 'close'], good()[2]!],
      'handshake-connection-not-upgrade',
    ],
    [
      'wrong Accept',
      101,
      [...good().slice(0, 2), ['Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=']],
      'handshake-accept-mismatch',
    ],
    [
      'unoffered extension',
      101,
      [...good(), ['Sec-WebSocket-Extensions', 'x-webkit-deflate-frame']],
      'handshake-extension-not-offered',
    ],
    [
      'unoffered subprotocol',
      101,
      [...good(), ['Sec-WebSocket-Protocol', 'soap']],
      'handshake-protocol-not-offered',
    ],
  ];
  for (const [name, status, headers, code] of cases) {
    it(`fails on ${name}`, () => {
      const r = validateServerResponse({ status, headers }, request.offered);
      expect(r.ok).toBe(false);
      expect(r.findings.map((f) => f.code)).toContain(code);
    });
  }
  it('a wrong Accept finding names the expected value', () => {
    const r = validateServerResponse(
      { status: 101, headers: [...good().slice(0, 2), ['Sec-WebSocket-Accept', 'nope']] },
      request.offered,
    );
    expect(r.findings[0]!.message).toContain(request.expectedAccept);
  });
});

describe('RFC 6455 §9.1 Sec-WebSocket-Extensions syntax', () => {
  it('parses several elements across field lines, quoted values and empty members', () => {
    const r = parseExtensions([
      'permessage-deflate; client_max_window_bits, , x-foo;a="b";C',
      'bar',
    ]);
    expect(r).toEqual({
      ok: true,
      extensions: [
        { name: 'permessage-deflate', params: [{ name: 'client_max_window_bits' }] },
        { name: 'x-foo', params: [{ name: 'a', value: 'b' }, { name: 'c' }] },
        { name: 'bar', params: [] },
      ],
    });
  });
  it('rejects values that are not tokens, unterminated quotes and stray characters', () => {
    for (const bad of ['a; b="x y"', 'a; b="x', 'a b', 'a; =1', 'a;b=', '"a"']) {
      const r = parseExtensions([bad]);
      expect(r.ok, bad).toBe(false);
      if (!r.ok)
        expect(r.finding).toMatchObject({
          code: 'extensions-syntax',
          status: 400,
          cite: { section: '9.1' },
        });
    }
  });
});

describe('property: handshake validators never throw', () => {
  const header = fc.tuple(
    fc.constantFrom(
      'Host',
      'Upgrade',
      'Connection',
      'Sec-WebSocket-Key',
      'Sec-WebSocket-Version',
      'Sec-WebSocket-Protocol',
      'Sec-WebSocket-Extensions',
      'Sec-WebSocket-Accept',
      'X',
    ),
    fc.string({ maxLength: 40 }),
  );
  it("checkClientRequest gives validateClientRequest's verdict, failure included", () => {
    fc.assert(
      fc.property(fc.array(header, { maxLength: 8 }), fc.boolean(), (headers, valid) => {
        const request = {
          method: 'GET',
          version: 'HTTP/1.1',
          headers: valid ? [...base(), ...headers] : headers,
        };
        const full = validateClientRequest(request);
        const check = checkClientRequest(request);
        expect(check.ok).toBe(full.ok);
        if (!full.ok) expect(check).toEqual(full);
        else if (check.ok) expect(check.key).toBe(full.key);
      }),
      { numRuns: process.env.CI ? 2000 : 300 },
    );
  });

  it('on arbitrary requests and responses', () => {
    fc.assert(
      fc.property(
        fc.array(header, { maxLength: 8 }),
        fc.string({ maxLength: 8 }),
        fc.string({ maxLength: 10 }),
        fc.integer({ min: 0, max: 999 }),
        (headers, method, version, status) => {
          validateClientRequest({ method, version, headers }, { protocols: ['chat'], deflate: {} });
          validateClientRequest(
            { method: 'GET', version: 'HTTP/1.1', headers: [...base(), ...headers] },
            { deflate: {} },
          );
          const r = validateServerResponse(
            { status, headers },
            buildClientRequest({ host: 'h', random16: new Uint8Array(16), deflate: [{}] }).offered,
          );
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: process.env.CI ? 10000 : 500 },
    );
  }, 120_000);
});
