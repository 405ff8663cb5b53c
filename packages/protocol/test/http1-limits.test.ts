import { describe, expect, it } from 'vitest';
import { encodeLatin1, HeadParser, parseRequestHead, parseResponseHead } from '../src/index.js';
import type { RequestHead } from '../src/index.js';

const bytes = (text: string): Uint8Array => encodeLatin1(text);

describe('RFC 6585 §5 431 Request Header Fields Too Large', () => {
  it('rejects a head longer than maxHeadBytes at the first byte past the limit', () => {
    const text = `GET / HTTP/1.1\r\nHost: a\r\nX: ${'v'.repeat(100)}\r\n\r\n`;
    const result = parseRequestHead(bytes(text), { maxHeadBytes: 64 });
    expect(result.state).toBe('rejected');
    if (result.state === 'rejected') {
      expect(result.rejection.status).toBe(431);
      expect(result.rejection.finding).toMatchObject({ code: 'head-too-large', offset: 64 });
    }
  });

  it('accepts a head of exactly maxHeadBytes', () => {
    const text = 'GET / HTTP/1.1\r\nHost: a\r\n\r\n';
    expect(parseRequestHead(bytes(text), { maxHeadBytes: text.length }).state).toBe('complete');
    expect(parseRequestHead(bytes(text), { maxHeadBytes: text.length - 1 }).state).toBe('rejected');
  });

  it('rejects more field lines than maxHeaderCount', () => {
    const fields = Array.from({ length: 4 }, (_, i) => `X-${i}: ${i}\r\n`).join('');
    const text = `GET / HTTP/1.1\r\nHost: a\r\n${fields}\r\n`;
    const ok = parseRequestHead(bytes(text), { maxHeaderCount: 5 });
    expect(ok.state).toBe('complete');
    const tooMany = parseRequestHead(bytes(text), { maxHeaderCount: 4 });
    expect(tooMany.state === 'rejected' && tooMany.rejection).toMatchObject({
      status: 431,
      finding: { code: 'too-many-fields' },
    });
  });

  it('rejects a field line longer than maxLineLength (line ending excluded)', () => {
    const line = `X: ${'v'.repeat(17)}`; // 20 bytes
    const text = `GET / HTTP/1.1\r\nHost: a\r\n${line}\r\n\r\n`;
    expect(parseRequestHead(bytes(text), { maxLineLength: 20 }).state).toBe('complete');
    const long = parseRequestHead(bytes(text), { maxLineLength: 19 });
    expect(long.state === 'rejected' && long.rejection).toMatchObject({
      status: 431,
      finding: { code: 'field-line-too-long' },
    });
  });

  it('answers 414 for a request-line that is too long (RFC 9112 §3)', () => {
    const result = parseRequestHead(bytes(`GET /${'a'.repeat(50)} HTTP/1.1\r\n`), {
      maxLineLength: 32,
    });
    expect(result.state === 'rejected' && result.rejection).toMatchObject({
      status: 414,
      finding: { code: 'start-line-too-long', cite: { rfc: 'RFC 9112', section: '3' } },
    });
  });

  it('answers 502 for an oversized response head (what a gateway answers)', () => {
    const result = parseResponseHead(bytes(`HTTP/1.1 200 OK\r\nX: ${'v'.repeat(64)}`), {
      maxHeadBytes: 32,
    });
    expect(result.state === 'rejected' && result.rejection.status).toBe(502);
  });

  it('stays rejected and never buffers past the limit on an endless stream', () => {
    const parser = new HeadParser<RequestHead>('request', { maxHeadBytes: 1024 });
    const chunk = bytes('A'.repeat(100));
    let state = '';
    for (let i = 0; i < 1000; i++) state = parser.push(chunk).state;
    expect(state).toBe('rejected');
  });

  it('passes bytes after a complete head through as rest', () => {
    const parser = new HeadParser<RequestHead>('request');
    expect(parser.push(bytes('GET / HTTP/1.1\r\nHost: a\r\n\r')).state).toBe('need-more');
    const done = parser.push(bytes('\nPRI'));
    expect(done.state === 'complete' && Array.from(done.rest)).toEqual([0x50, 0x52, 0x49]);
    const later = parser.push(bytes('XY'));
    expect(later.state === 'complete' && later.rest.length).toBe(2);
  });
});
