import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Exchange } from '@switchyard/exchange';
import {
  createLiveLinter,
  expectedAccept,
  getRule,
  lintDraft,
  lintExchange,
  ruleCatalog,
  rules,
  sortFindings,
} from '../src/index.js';
import {
  ACCEPT,
  closePayload,
  frames,
  http,
  KEY,
  request,
  response,
  ws,
  ws101Headers,
  wsRequestHeaders,
} from './fixtures/build.js';
import { allCases } from './fixtures/index.js';

describe('no false alarms on correct traffic', () => {
  it('a correct WebSocket exchange raises nothing', () => {
    expect(lintExchange(ws())).toEqual([]);
  });

  it('a correct deflate exchange with fragmented, compressed text raises nothing', () => {
    const ex = ws({
      requestHeaders: wsRequestHeaders([
        ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits'],
      ]),
      responseHeaders: ws101Headers([
        ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits=15'],
      ]),
      frames: [
        {
          from: 'client',
          opcode: 0x1,
          payload: [0xcb, 0x48],
          rsv1: true,
          fin: false,
          inflated: 'hello',
        },
        { from: 'client', opcode: 0x0, payload: [0xcd, 0xc9, 0xc9, 0x07, 0x00] },
        { from: 'server', opcode: 0x9, payload: '' },
        { from: 'client', opcode: 0xa, payload: '' },
        { from: 'client', opcode: 0x8, payload: closePayload(1000, 'done') },
        { from: 'server', opcode: 0x8, payload: closePayload(1000) },
      ],
    });
    expect(lintExchange(ex)).toEqual([]);
  });

  it('a plain GET 200 raises nothing', () => {
    expect(lintExchange(http())).toEqual([]);
  });

  it('an h2c offer the server ignores (answered 200, as curl --http2 gets) raises only the info', () => {
    const ex = http({
      request: request({
        headers: [
          ['Host', '127.0.0.1:8080'],
          ['Connection', 'Upgrade, HTTP2-Settings'],
          ['Upgrade', 'h2c'],
          ['HTTP2-Settings', 'AAMAAABkAARAAAAA'],
        ],
      }),
    });
    expect(lintExchange(ex).map((f) => `${f.severity} ${f.ruleId}`)).toEqual([
      'info h2c/upgrade-deprecated',
    ]);
  });
});

describe('finding messages are specific', () => {
  it('an Accept mismatch shows the expected value', () => {
    const [finding] = getRule('ws-handshake/accept-mismatch')!.check(
      allCases['ws-handshake/accept-mismatch']!.fail,
    );
    expect(finding!.message).toContain(ACCEPT);
    expect(finding!.message).toContain('dGhlIHNhbXBsZSBub25jZQ==');
    expect(finding!.evidence).toMatchObject({
      where: 'response',
      header: 'Sec-WebSocket-Accept',
      headerIndex: 2,
      expected: ACCEPT,
    });
  });

  it('expectedAccept reproduces RFC 6455 §1.3', () => {
    expect(expectedAccept(KEY)).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('header evidence carries the raw-head byte offset when offsets are known', () => {
    const ex = http({ response: response(405, [['Content-Length', '0']]), responseBytes: 0 });
    ex.request = request({
      headers: [
        ['Host', 'a'],
        ['Host', 'b'],
      ],
    });
    ex.request.offsets = {
      startLine: { start: 0, end: 14 },
      headers: [
        { start: 16, end: 23 },
        { start: 25, end: 32 },
      ],
      end: 36,
    };
    const finding = lintExchange(ex).find((f) => f.ruleId === 'message/multiple-host')!;
    expect(finding.evidence).toMatchObject({ headerIndex: 1, byteOffset: 25, actual: 'b' });
  });

  it('invalid UTF-8 points at the frame and the byte', () => {
    const [finding] = getRule('ws-frame/invalid-utf8')!.check(
      allCases['ws-frame/invalid-utf8']!.fail,
    );
    expect(finding!.evidence.frameSeq).toBe(0);
    // frame header is 6 bytes (2 + 4-byte mask key); the bad byte is payload byte 2
    expect(finding!.evidence.byteOffset).toBe(6 + 2);
    expect(finding!.message).toContain('0x28');
  });

  it('invalid UTF-8 inside an inflated (compressed) message is caught', () => {
    const ex = ws({
      requestHeaders: wsRequestHeaders([['Sec-WebSocket-Extensions', 'permessage-deflate']]),
      responseHeaders: ws101Headers([['Sec-WebSocket-Extensions', 'permessage-deflate']]),
      frames: [
        {
          from: 'server',
          opcode: 0x1,
          payload: [0x00],
          rsv1: true,
          inflated: Uint8Array.from([0xff]),
        },
        { from: 'client', opcode: 0x8, payload: closePayload(1000) },
        { from: 'server', opcode: 0x8, payload: closePayload(1000) },
      ],
    });
    expect(lintExchange(ex).map((f) => f.ruleId)).toEqual(['ws-frame/invalid-utf8']);
  });

  it('sortFindings puts errors first', () => {
    const fail = allCases['h2c/missing-http2-settings']!.fail;
    const sorted = sortFindings(lintExchange(fail));
    expect(sorted.map((f) => f.severity)).toEqual(['error', 'info']);
  });
});

describe('end-of-connection rules speak only when they can know', () => {
  it("a ping sent after the sender's own Close needs no answer (RFC 6455 §5.5.2)", () => {
    const ex = ws({
      frames: [
        { from: 'client', opcode: 0x8, payload: closePayload(1000) },
        { from: 'client', opcode: 0x9, payload: 'p' },
        { from: 'server', opcode: 0x8, payload: closePayload(1000) },
      ],
    });
    expect(lintExchange(ex)).toEqual([]);
  });

  it('a ping ignored until the pinger gives up and closes is still unanswered', () => {
    // The /ws/faulty/no-pong shape: ping, no pong, the client times out and closes.
    const ex = ws({
      frames: [
        { from: 'client', opcode: 0x9, payload: 'alive?' },
        { from: 'client', opcode: 0x8, payload: closePayload(1000) },
        { from: 'server', opcode: 0x8, payload: closePayload(1000) },
      ],
    });
    expect(lintExchange(ex).map((f) => f.ruleId)).toEqual(['ws-frame/unanswered-ping']);
  });

  it('answering only the latest of several pings is fine (§5.5.3)', () => {
    const ex = ws({
      frames: [
        { from: 'client', opcode: 0x9, payload: '1' },
        { from: 'client', opcode: 0x9, payload: '2' },
        { from: 'server', opcode: 0xa, payload: '2' },
        { from: 'client', opcode: 0x8, payload: closePayload(1000) },
        { from: 'server', opcode: 0x8, payload: closePayload(1000) },
      ],
    });
    expect(lintExchange(ex)).toEqual([]);
  });

  it('no Close reply is not reported while the connection is still open', () => {
    const open = ws({
      frames: [{ from: 'server', opcode: 0x8, payload: closePayload(1001) }],
      ended: false,
    });
    expect(lintExchange(open)).toEqual([]);
  });

  it('nor when the capture dropped frames (the reply may be among them)', () => {
    const capped = ws({
      frames: [{ from: 'server', opcode: 0x8, payload: closePayload(1001) }],
      framesDropped: 3,
    });
    expect(lintExchange(capped)).toEqual([]);
  });
});

describe('lintDraft (pre-flight)', () => {
  it('runs request rules on a composed request', () => {
    const ids = lintDraft({
      method: 'POST',
      target: '/ws',
      httpVersion: '1.1',
      headers: wsRequestHeaders().filter(([n]) => n !== 'Sec-WebSocket-Version'),
    }).map((f) => f.ruleId);
    expect(ids.sort()).toEqual(['ws-handshake/method-not-get', 'ws-handshake/version-not-13']);
  });

  it('never runs response or frame rules', () => {
    const byId = new Map(rules.map((r) => [r.id, r]));
    const draft = {
      method: 'GET',
      target: '/',
      httpVersion: '1.1',
      headers: [] as [string, string][],
    };
    for (const f of lintDraft(draft))
      expect(['request', 'message']).toContain(byId.get(f.ruleId)!.scope);
    expect(lintDraft({ ...draft, headers: [['Host', 'x']] })).toEqual([]);
  });
});

describe('live linting', () => {
  it.each(Object.entries(allCases).filter(([id]) => id.startsWith('ws-frame/')))(
    '%s: live findings equal the stored ones',
    (_id, c) => {
      const ex = c.fail;
      const live = createLiveLinter({ ...ex, websocket: undefined } as Exchange);
      const got = [];
      for (const f of ex.websocket!.frames) got.push(...live.push(f));
      got.push(...live.finish());
      const stored = lintExchange(ex).filter((f) => getRule(f.ruleId)!.scope === 'frames');
      expect(got.map((f) => f.ruleId).sort()).toEqual(stored.map((f) => f.ruleId).sort());
    },
  );
});

describe('robustness', () => {
  it('rules never throw on arbitrary heads', () => {
    const header = fc.tuple(
      fc.constantFrom(
        'Upgrade',
        'Connection',
        'Sec-WebSocket-Key',
        'Sec-WebSocket-Extensions',
        'Sec-WebSocket-Protocol',
        'Content-Length',
        'Transfer-Encoding',
        'HTTP2-Settings',
        'Location',
        'Retry-After',
        'Host',
        'te',
      ),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(
        fc.array(header, { maxLength: 8 }),
        fc.array(header, { maxLength: 8 }),
        fc.constantFrom(101, 200, 204, 302, 401, 426),
        fc.constantFrom('1.0', '1.1', '2', 'x'),
        (reqHeaders, resHeaders, status, version) => {
          const ex = http({
            request: request({ httpVersion: version, headers: reqHeaders }),
            response: response(status, resHeaders),
          });
          for (const rule of rules) expect(() => rule.check(ex)).not.toThrow();
        },
      ),
      { numRuns: 100 },
    );
  });

  it('frame rules never throw on arbitrary frames', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            from: fc.constantFrom('client' as const, 'server' as const),
            opcode: fc.integer({ min: 0, max: 15 }),
            payload: fc.uint8Array({ maxLength: 20 }),
            fin: fc.boolean(),
            rsv1: fc.boolean(),
          }),
          { maxLength: 12 },
        ),
        (specs) => {
          const ex = ws();
          ex.websocket!.frames = frames(specs);
          for (const rule of rules) expect(() => rule.check(ex)).not.toThrow();
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the catalog is plain data (no functions) for the API', () => {
    const catalog = ruleCatalog();
    expect(catalog.length).toBe(rules.length);
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
  });
});
