/**
 * The wire tap's quick reading of a head the server wrote (features/websocket/written-head.ts)
 * must agree with the protocol core's parser on plain heads, and decline everything else (the
 * tap then uses the core parser).
 */
import { describe, expect, it } from 'vitest';
import { parseResponseHead } from '@switchyard/protocol';
import { readWrittenHead } from '../src/features/websocket/written-head.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');

function core(text: string) {
  const parsed = parseResponseHead(bytes(text));
  if (parsed.state !== 'complete') throw new Error(`core parser: ${parsed.state}`);
  const h = parsed.head;
  return { status: h.status, reason: h.reason ?? '', headers: h.headers, consumed: h.consumed };
}

describe('readWrittenHead', () => {
  it.each([
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nLink: </x/abc>; rel="capture"\r\n\r\n',
    'HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\nX-Empty:\r\nX-Pad: \t a b \t\r\n\r\n',
    'HTTP/1.1 200 \r\n\r\n',
  ])('agrees with the core parser on a plain head (%#)', (text) => {
    const quick = readWrittenHead(`${text}frame bytes`);
    expect(quick).toBeDefined();
    const { httpVersion: _v, ...rest } = quick!;
    expect(rest).toEqual(core(`${text}frame bytes`));
  });

  it.each([
    ['incomplete', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n'],
    ['bare LF', 'HTTP/1.1 101 OK\nUpgrade: websocket\n\n'],
    ['folded line', 'HTTP/1.1 101 OK\r\nUpgrade: websocket\r\n  more\r\n\r\n'],
    ['no colon', 'HTTP/1.1 101 OK\r\nUpgrade websocket\r\n\r\n'],
    ['space in name', 'HTTP/1.1 101 OK\r\nBad Name: x\r\n\r\n'],
    ['non-ASCII byte', 'HTTP/1.1 101 OK\r\nX: caf\xe9\r\n\r\n'],
    ['no reason separator', 'HTTP/1.1 101\r\n\r\n'],
    ['not HTTP', 'HTTX/1.1 101 OK\r\n\r\n'],
  ])('declines a head that is not plain: %s', (_name, text) => {
    expect(readWrittenHead(text)).toBeUndefined();
  });
});
