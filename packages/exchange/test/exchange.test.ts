import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import {
  REDACTED,
  bytesToLatin1,
  decodeBase64,
  encodeBase64,
  exchangeSchema,
  frameFromJson,
  frameToJson,
  headOffsets,
  isShareId,
  latin1ToBytes,
  newShareId,
  redactExchange,
  redactTarget,
} from '../src/index.js';
import { RAW_REQUEST, frame, httpExchange, wsExchange } from './fixtures.js';
import { randomBytes } from 'node:crypto';

describe('base64', () => {
  it('matches Node Buffer for many lengths', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = randomBytes(n);
      const b64 = encodeBase64(bytes);
      expect(b64).toBe(Buffer.from(bytes).toString('base64'));
      expect(Buffer.from(decodeBase64(b64)!)).toEqual(bytes);
    }
  });
  it('rejects non-canonical text', () => {
    expect(decodeBase64('abc')).toBeUndefined();
    expect(decodeBase64('ab=c')).toBeUndefined();
    expect(decodeBase64('a*==')).toBeUndefined();
  });
});

describe('share ids', () => {
  it('are 24 base64url chars carrying 144 random bits', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const id = newShareId((n) => randomBytes(n));
      expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(isShareId(id)).toBe(true);
      ids.add(id);
    }
    expect(ids.size).toBe(200);
  });
  it('use exactly the injected bytes', () => {
    const id = newShareId((n) => new Uint8Array(n).fill(0xff));
    expect(id).toBe('________________________');
  });
  it('reject short or bad ids', () => {
    expect(isShareId('abc')).toBe(false);
    expect(isShareId('A'.repeat(21))).toBe(false);
    expect(isShareId('A'.repeat(22))).toBe(true);
    expect(isShareId(`${'A'.repeat(23)}/`)).toBe(false);
    expect(() => newShareId(() => new Uint8Array(3))).toThrow(RangeError);
  });
});

describe('frame conversion', () => {
  it('round-trips a FrameRecord through JSON', () => {
    const rec = frame({ seq: 3, inflated: new Uint8Array([9, 9, 9]), close: { code: 1001 } });
    const json = JSON.parse(JSON.stringify(frameToJson(rec)));
    expect(frameFromJson(json)).toEqual(rec);
  });
  it('cuts payloads at the byte budget and says so', () => {
    const rec = frame({ seq: 0, payload: new Uint8Array(100).fill(7) });
    const json = frameToJson(rec, { maxPayloadBytes: 10, time: 42 });
    expect(decodeBase64(json.payload)!.length).toBe(10);
    expect(json.payloadTruncated).toBe(true);
    expect(json.payloadLength).toBe(100);
    expect(json.time).toBe(42);
  });
});

describe('head offsets', () => {
  it('locates every line of a raw head', () => {
    const raw = latin1ToBytes(RAW_REQUEST);
    const off = headOffsets(raw);
    const text = RAW_REQUEST;
    expect(text.slice(off.startLine.start, off.startLine.end)).toBe(
      'GET /ws/echo?room=a&token=s3cret HTTP/1.1',
    );
    expect(off.headers).toHaveLength(8);
    expect(text.slice(off.headers[6]!.start, off.headers[6]!.end)).toBe('cookie: b=2');
    expect(off.end).toBe(raw.length);
  });
});

describe('redaction', () => {
  it('redacts credentials everywhere and lists each one', () => {
    const red = redactExchange(wsExchange());
    expect(red.request.target).toBe(`/ws/echo?room=a&token=${REDACTED}`);
    expect(red.request.headers.filter(([, v]) => v === REDACTED).map(([n]) => n)).toEqual([
      'Cookie',
      'cookie',
      'Authorization',
    ]);
    expect(red.response!.headers[3]).toEqual(['Set-Cookie', REDACTED]);
    const raw = bytesToLatin1(decodeBase64(red.request.raw!)!);
    expect(raw).not.toContain('s3cret');
    expect(raw).not.toContain('Bearer');
    expect(raw).toContain(`cookie: ${REDACTED}\r\n`);
    expect(raw).toContain('Host: 127.0.0.1\r\n');
    expect(red.redactions).toEqual([
      { location: 'query', name: 'token' },
      { location: 'request-header', name: 'Cookie', index: 5 },
      { location: 'request-header', name: 'cookie', index: 6 },
      { location: 'request-header', name: 'Authorization', index: 7 },
      { location: 'request-raw', name: 'raw' },
      { location: 'response-header', name: 'Set-Cookie', index: 3 },
    ]);
    // Idempotent: a second pass adds nothing.
    expect(redactExchange(red).redactions).toEqual(red.redactions);
  });
  it('leaves other query parameters and targets alone', () => {
    expect(redactTarget('/a?tokens=1&x=token')).toEqual({
      target: '/a?tokens=1&x=token',
      names: [],
      values: [],
    });
    expect(redactTarget('/a')).toEqual({ target: '/a', names: [], values: [] });
    expect(redactTarget('/a?Token=1&token=2').names).toEqual(['Token', 'token']);
  });
});

describe('redaction of echoed credentials', () => {
  it('scrubs redacted values from text previews and notes, and lists them', () => {
    const ex = httpExchange();
    ex.request.target = '/api/status/200?token=abc%20def';
    ex.request.headers.push(['Authorization', 'Bearer hunter2']);
    ex.responseBody = {
      size: 80,
      preview: '{"headers":[["Authorization","Bearer hunter2"]],"target":"?token=abc%20def"}',
      previewEncoding: 'text',
      truncated: false,
    };
    ex.notes = [
      { time: 1, text: 'saw abc def' },
      { time: 2, text: 'nothing here' },
    ];
    const red = redactExchange(ex);
    expect(red.responseBody.preview).toBe(
      `{"headers":[["Authorization","${REDACTED}"]],"target":"?token=${REDACTED}"}`,
    );
    expect(red.notes.map((n) => n.text)).toEqual([`saw ${REDACTED}`, 'nothing here']);
    expect(red.redactions).toEqual(
      expect.arrayContaining([
        { location: 'response-body', name: 'preview' },
        { location: 'note', name: 'text', index: 0 },
      ]),
    );
    expect(red.requestBody.preview).toBe('hello');
  });
});

describe('JSON schema', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(exchangeSchema);
  it('accepts the fixtures', () => {
    for (const ex of [wsExchange(), httpExchange(), redactExchange(wsExchange())]) {
      expect(validate(JSON.parse(JSON.stringify(ex))), JSON.stringify(validate.errors)).toBe(true);
    }
  });
  it('rejects a broken exchange', () => {
    const bad = JSON.parse(JSON.stringify(wsExchange()));
    bad.request.headers[0] = ['only-name'];
    bad.websocket.frames[0].payload = 'not base64!';
    delete bad.timings;
    expect(validate(bad)).toBe(false);
    expect(validate.errors!.length).toBeGreaterThanOrEqual(3);
  });
});
