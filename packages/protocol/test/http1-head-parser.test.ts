import { describe, expect, it } from 'vitest';
import { encodeLatin1, parseRequestHead, parseResponseHead } from '../src/index.js';
import type { HeadParseOptions, RequestHead, ResponseHead } from '../src/index.js';

const bytes = (text: string): Uint8Array => encodeLatin1(text);

function request(text: string, options?: HeadParseOptions) {
  return parseRequestHead(bytes(text), options);
}

function completeRequest(text: string): { head: RequestHead; codes: string[] } {
  const result = request(text);
  if (result.state !== 'complete') throw new Error(`expected complete, got ${result.state}`);
  return { head: result.head, codes: result.findings.map((f) => f.code) };
}

function completeResponse(text: string): { head: ResponseHead; codes: string[] } {
  const result = parseResponseHead(bytes(text));
  if (result.state !== 'complete') throw new Error(`expected complete, got ${result.state}`);
  return { head: result.head, codes: result.findings.map((f) => f.code) };
}

describe('RFC 9112 §3 request-line', () => {
  it('parses method, target and version of a clean request with no findings', () => {
    const text = 'GET /a?b=c HTTP/1.1\r\nHost: example\r\n\r\n';
    const { head, codes } = completeRequest(text);
    expect(head).toMatchObject({ method: 'GET', target: '/a?b=c', version: 'HTTP/1.1' });
    expect(head.versionNumber).toEqual({ major: 1, minor: 1 });
    expect(codes).toEqual([]);
    expect(head.consumed).toBe(text.length);
  });

  it('accepts whitespace runs leniently but reports them (400 in strict mode)', () => {
    const text = 'GET\t/  HTTP/1.1\r\nHost: a\r\n\r\n';
    const { head, codes } = completeRequest(text);
    expect(head).toMatchObject({ method: 'GET', target: '/', version: 'HTTP/1.1' });
    expect(codes).toContain('request-line-whitespace');
    const strict = request(text, { strict: true });
    expect(strict.state === 'rejected' && strict.rejection.status).toBe(400);
  });

  it('reports an HTTP/0.9 style request-line without version', () => {
    const { codes } = completeRequest('GET /\r\n\r\n');
    expect(codes).toContain('invalid-request-line');
  });

  it('rejects a method that is not a token', () => {
    expect(completeRequest('G(T / HTTP/1.1\r\nHost: a\r\n\r\n').codes).toContain('invalid-method');
  });
});

describe('RFC 9112 §2.3 / RFC 9110 §15.6.6 HTTP-version', () => {
  it('answers 505 to an unsupported major version in strict mode', () => {
    const result = request('GET / HTTP/2.0\r\nHost: a\r\n\r\n', { strict: true });
    expect(result.state).toBe('rejected');
    if (result.state === 'rejected') {
      expect(result.rejection.status).toBe(505);
      expect(result.rejection.finding.cite).toEqual({ rfc: 'RFC 9110', section: '15.6.6' });
    }
  });

  it('treats the version name as case-sensitive (400)', () => {
    expect(completeRequest('GET / http/1.1\r\nHost: a\r\n\r\n').codes).toContain(
      'invalid-http-version',
    );
  });

  it('recognises the HTTP/2 preface (RFC 9113 §3.4) and answers 505 to it as HTTP/1', () => {
    const result = request('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
    expect(result.findings.map((f) => f.code)).toEqual([
      'http2-preface',
      'unsupported-http-version',
    ]);
    expect(result.state === 'complete' && result.head.consumed).toBe(18);
  });

  it('processes HTTP/1.2 as 1.1 with an info finding', () => {
    expect(completeRequest('GET / HTTP/1.2\r\nHost: a\r\n\r\n').codes).toEqual([
      'higher-minor-version',
    ]);
  });
});

describe('RFC 9112 §2.2 message parsing', () => {
  it('accepts bare LF endings leniently, reporting each with its offset', () => {
    const result = request('GET / HTTP/1.1\nHost: a\r\n\n');
    expect(result.state).toBe('complete');
    const bare = result.findings.filter((f) => f.code === 'bare-lf');
    expect(bare.map((f) => f.offset)).toEqual([14, 24]);
    if (result.state === 'complete') {
      expect(result.head.lines.map((l) => l.ending)).toEqual(['lf', 'crlf', 'lf']);
      expect(result.head.headers).toEqual([['Host', 'a']]);
    }
  });

  it('rejects bare LF in strict mode with 400', () => {
    const result = request('GET / HTTP/1.1\nHost: a\n\n', { strict: true });
    expect(result.state === 'rejected' && result.rejection.status).toBe(400);
  });

  it('ignores empty lines before the request-line', () => {
    const { head, codes } = completeRequest('\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(head.method).toBe('GET');
    expect(head.lines.slice(0, 3).map((l) => l.kind)).toEqual([
      'empty-before-start',
      'empty-before-start',
      'start',
    ]);
    expect(codes).toEqual(['empty-line-before-start', 'empty-line-before-start']);
  });

  it('consumes a whitespace-preceded line before the first field (and reports it)', () => {
    const { head, codes } = completeRequest('GET / HTTP/1.1\r\n X: y\r\nHost: a\r\n\r\n');
    expect(head.headers).toEqual([['Host', 'a']]);
    expect(codes).toEqual(['whitespace-before-first-field']);
  });

  it('returns need-more until the empty line arrives, then the rest of the bytes', () => {
    expect(request('GET / HTTP/1.1\r\nHost: a\r\n').state).toBe('need-more');
    const result = request('GET / HTTP/1.1\r\nHost: a\r\n\r\nBODY');
    expect(result.state === 'complete' && Array.from(result.rest)).toEqual(
      Array.from(bytes('BODY')),
    );
  });
});

describe('RFC 9112 §5.1 field line parsing', () => {
  it('keeps order, original case and duplicates, with exact byte offsets', () => {
    const text = 'GET / HTTP/1.1\r\nHost: a\r\nX-One:  1 \r\nx-one:2\r\nACCEPT: */*\r\n\r\n';
    const { head } = completeRequest(text);
    expect(head.headers).toEqual([
      ['Host', 'a'],
      ['X-One', '1'],
      ['x-one', '2'],
      ['ACCEPT', '*/*'],
    ]);
    const second = head.lines[2]!;
    expect(text.slice(second.start, second.end)).toBe('X-One:  1 \r\n');
    expect(second).toMatchObject({ kind: 'field', headerIndex: 1, ending: 'crlf' });
    expect(text.slice(second.start, second.contentEnd)).toBe('X-One:  1 ');
  });

  it('rejects whitespace between field name and colon with 400 (strict)', () => {
    const text = 'GET / HTTP/1.1\r\nHost : a\r\n\r\n';
    const lenient = completeRequest(text);
    expect(lenient.head.headers).toEqual([['Host', 'a']]);
    expect(lenient.codes).toEqual(['whitespace-before-colon']);
    const strict = request(text, { strict: true });
    expect(strict.state).toBe('rejected');
    if (strict.state === 'rejected') {
      expect(strict.rejection).toMatchObject({ status: 400, finding: { offset: 20 } });
      expect(strict.rejection.finding.cite).toEqual({ rfc: 'RFC 9112', section: '5.1' });
    }
  });

  it('reports a line without colon and skips it', () => {
    const { head, codes } = completeRequest('GET / HTTP/1.1\r\nHost: a\r\nnocolon\r\n\r\n');
    expect(head.headers).toEqual([['Host', 'a']]);
    expect(head.lines[2]!.kind).toBe('ignored');
    expect(codes).toEqual(['field-line-without-colon']);
  });

  it('reports non-token characters in a field name (RFC 9110 §5.1)', () => {
    const result = request('GET / HTTP/1.1\r\nHost: a\r\nBad@Name: v\r\n\r\n');
    const finding = result.findings.find((f) => f.code === 'invalid-field-name');
    expect(finding).toMatchObject({ status: 400, offset: 28, cite: { section: '5.1' } });
  });

  it('grades field value octets per RFC 9110 §5.5 (NUL: error, CTL: warning, obs-text: info)', () => {
    const { head, codes } = completeRequest(
      'GET / HTTP/1.1\r\nHost: a\r\nA: x\0y\r\nB: x\x01y\r\nC: caf\xe9\r\n\r\n',
    );
    expect(codes).toEqual(['field-value-cr-lf-nul', 'field-value-ctl', 'field-value-obs-text']);
    expect(head.headers[1]).toEqual(['A', 'x y']);
    expect(head.headers[3]).toEqual(['C', 'caf\xe9']);
  });

  it('treats a bare CR inside a value as invalid (RFC 9112 §2.2)', () => {
    const { codes } = completeRequest('GET / HTTP/1.1\r\nHost: a\r\nA: x\ry\r\n\r\n');
    expect(codes).toEqual(['field-value-cr-lf-nul']);
  });
});

describe('RFC 9112 §5.2 obsolete line folding', () => {
  it('replaces obs-fold with SP and reports it (400 strict)', () => {
    const text = 'GET / HTTP/1.1\r\nHost: a\r\nX: one\r\n  two\r\n\r\n';
    const { head, codes } = completeRequest(text);
    expect(head.headers).toEqual([
      ['Host', 'a'],
      ['X', 'one two'],
    ]);
    expect(head.lines[3]).toMatchObject({ kind: 'obs-fold', headerIndex: 1 });
    expect(codes).toEqual(['obs-fold']);
    const strict = request(text, { strict: true });
    expect(strict.state === 'rejected' && strict.rejection.finding.code).toBe('obs-fold');
  });
});

describe('RFC 9112 §3.2 Host', () => {
  it('requires Host in HTTP/1.1 (400)', () => {
    const result = request('GET / HTTP/1.1\r\n\r\n', { strict: true });
    expect(result.state === 'rejected' && result.rejection.finding.code).toBe('missing-host');
  });

  it('does not require Host in HTTP/1.0', () => {
    expect(completeRequest('GET / HTTP/1.0\r\n\r\n').codes).toEqual([]);
  });

  it('rejects a duplicate Host with 400', () => {
    const result = request('GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n', { strict: true });
    expect(result.state).toBe('rejected');
    if (result.state === 'rejected') {
      expect(result.rejection).toMatchObject({ status: 400, finding: { code: 'duplicate-host' } });
      expect(result.head?.headers).toHaveLength(2);
    }
  });
});

describe('RFC 9112 §6.3 message body length', () => {
  const base = 'POST / HTTP/1.1\r\nHost: a\r\n';

  it('uses Content-Length', () => {
    expect(completeRequest(`${base}Content-Length: 12\r\n\r\n`).head.framing).toEqual({
      kind: 'content-length',
      length: 12,
    });
  });

  it('accepts repeated identical Content-Length with a warning', () => {
    const { head, codes } = completeRequest(
      `${base}Content-Length: 5\r\nContent-Length: 5, 5\r\n\r\n`,
    );
    expect(head.framing).toEqual({ kind: 'content-length', length: 5 });
    expect(codes).toEqual(['duplicate-content-length']);
  });

  it('rejects differing Content-Length values (400)', () => {
    const { head, codes } = completeRequest(
      `${base}Content-Length: 5\r\nContent-Length: 6\r\n\r\n`,
    );
    expect(head.framing).toEqual({ kind: 'invalid' });
    expect(codes).toEqual(['conflicting-content-length']);
  });

  it('rejects a non-numeric or overflowing Content-Length', () => {
    expect(completeRequest(`${base}Content-Length: -1\r\n\r\n`).codes).toEqual([
      'invalid-content-length',
    ]);
    expect(completeRequest(`${base}Content-Length: 99999999999999999999\r\n\r\n`).codes).toEqual([
      'invalid-content-length',
    ]);
  });

  it('reports Content-Length with Transfer-Encoding and lets chunked win (RFC 9112 §6.1)', () => {
    const { head, codes } = completeRequest(
      `${base}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    expect(head.framing).toEqual({ kind: 'chunked' });
    expect(codes).toEqual(['content-length-with-transfer-encoding']);
  });

  it('rejects a request whose final transfer coding is not chunked', () => {
    const { head, codes } = completeRequest(`${base}Transfer-Encoding: gzip\r\n\r\n`);
    expect(head.framing).toEqual({ kind: 'invalid' });
    expect(codes).toEqual(['transfer-encoding-not-chunked']);
  });

  it('treats Transfer-Encoding in HTTP/1.0 as faulty framing', () => {
    const { codes } = completeRequest('POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n');
    expect(codes).toEqual(['transfer-encoding-in-http10']);
  });

  it('gives a request without framing fields no content', () => {
    expect(completeRequest('GET / HTTP/1.1\r\nHost: a\r\n\r\n').head.framing).toEqual({
      kind: 'none',
    });
  });
});

describe('RFC 9110 §7.8 Upgrade', () => {
  it('notes that a server must ignore Upgrade in an HTTP/1.0 request', () => {
    const { codes } = completeRequest(
      'GET / HTTP/1.0\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n',
    );
    expect(codes).toEqual(['upgrade-in-http10']);
  });

  it('warns when Upgrade is sent without the upgrade connection option', () => {
    const { codes } = completeRequest('GET / HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\n\r\n');
    expect(codes).toEqual(['upgrade-without-connection']);
  });
});

describe('RFC 9112 §4 status-line', () => {
  it('parses version, status and reason', () => {
    const { head, codes } = completeResponse(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n',
    );
    expect(head).toMatchObject({ version: 'HTTP/1.1', status: 101, reason: 'Switching Protocols' });
    expect(head.framing).toEqual({ kind: 'none' });
    expect(codes).toEqual([]);
  });

  it('accepts a missing SP before an empty reason with a warning', () => {
    const { head, codes } = completeResponse('HTTP/1.1 204\r\n\r\n');
    expect(head.status).toBe(204);
    expect(codes).toEqual(['status-line-missing-space']);
  });

  it('rejects an out-of-range status code (a gateway answers 502)', () => {
    const result = parseResponseHead(bytes('HTTP/1.1 600 Nope\r\n\r\n'), { strict: true });
    expect(result.state === 'rejected' && result.rejection.status).toBe(502);
  });

  it('reads a response without framing until close (RFC 9112 §6.3 item 8)', () => {
    expect(completeResponse('HTTP/1.1 200 OK\r\n\r\n').head.framing).toEqual({
      kind: 'until-close',
    });
  });
});
