import { describe, expect, it } from 'vitest';
import {
  decodeLatin1,
  parseRequestHead,
  parseResponseHead,
  serializeRequestHead,
  serializeResponseHead,
} from '../src/index.js';

const text = (bytes: Uint8Array): string => decodeLatin1(bytes);

describe('head serializer writes exactly what it is given', () => {
  it('writes a request head with CRLF endings (RFC 9112 §2.1 layout)', () => {
    const out = serializeRequestHead({
      method: 'GET',
      target: '/chat',
      headers: [
        ['Host', 'example'],
        ['Upgrade', 'h2c'],
      ],
    });
    expect(text(out)).toBe('GET /chat HTTP/1.1\r\nHost: example\r\nUpgrade: h2c\r\n\r\n');
  });

  it('writes deliberately broken lines: raw, custom separator, bare LF', () => {
    const out = serializeRequestHead({
      startLine: 'GET  /  HTTP/1.1',
      startLineEnding: '\n',
      headers: [
        { raw: 'no colon here' },
        { name: 'Host', value: 'a', separator: ' : ' },
        { raw: '  folded', ending: '\n' },
        { raw: new Uint8Array([0x58, 0x3a, 0x00]) },
      ],
      finalLine: '\n',
    });
    expect(text(out)).toBe('GET  /  HTTP/1.1\nno colon here\r\nHost : a\r\n  folded\nX:\0\r\n\n');
  });

  it('writes a response head, keeping the SP before an empty reason (RFC 9112 §4)', () => {
    expect(text(serializeResponseHead({ status: 204, headers: [] }))).toBe('HTTP/1.1 204 \r\n\r\n');
    expect(
      text(
        serializeResponseHead({
          status: 101,
          reason: 'Switching Protocols',
          headers: [['Upgrade', 'h2c']],
          lineEnding: '\n',
        }),
      ),
    ).toBe('HTTP/1.1 101 Switching Protocols\nUpgrade: h2c\n\n');
  });

  it('round-trips: serialize then parse gives the same pairs', () => {
    const headers: [string, string][] = [
      ['Host', 'a'],
      ['x-lower', 'v'],
      ['X-Dup', '1'],
      ['X-Dup', '2'],
      ['Latin', 'caf\xe9'],
    ];
    const req = parseRequestHead(serializeRequestHead({ method: 'PUT', target: '/x', headers }));
    expect(req.state === 'complete' && req.head.headers).toEqual(headers);
    const res = parseResponseHead(serializeResponseHead({ status: 200, reason: 'OK', headers }));
    expect(res.state === 'complete' && res.head.headers).toEqual(headers);
  });
});
