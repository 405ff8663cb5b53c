/**
 * The optimised lint path (one memo of derived facts per call, findings appended to one array)
 * must give exactly what running each rule's own `check` gives, in registry order. `check` on its
 * own runs without the memo, so these tests compare the two implementations of every helper.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '@switchyard/exchange';
import { createLiveLinter, lintDraft, lintExchange, rules, type Finding } from '../src/index.js';
import type { FrameRule } from '../src/rules/define.js';
import { FrameWalker, negotiationOf } from '../src/support/frame-walk.js';
import { allCases } from './fixtures/index.js';
import { http, request, response } from './fixtures/build.js';

/** Each rule's `check` separately, a throwing rule counting as no findings (as lint does). */
function oneByOne(ex: Exchange, scopes?: readonly string[]): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    if (scopes !== undefined && !scopes.includes(rule.scope)) continue;
    try {
      out.push(...rule.check(ex));
    } catch {
      // isolated, as in lintExchange
    }
  }
  return out;
}

describe('optimised lint path equals rule-by-rule checks', () => {
  const cases = Object.entries(allCases).flatMap(([id, c]) => [
    [`${id} (fail)`, c.fail] as const,
    [`${id} (pass)`, c.pass] as const,
  ]);

  it.each(cases)('%s', (_name, ex) => {
    const expected = oneByOne(ex);
    expect(lintExchange(ex)).toEqual(expected);
    // A second call (fresh memo) gives the same again.
    expect(lintExchange(ex)).toEqual(expected);
  });

  it('lintDraft equals the request and message rules one by one, on every fixture request', () => {
    for (const [, ex] of cases) {
      const draft = { ...ex.request };
      const expected = oneByOne(
        { ...http({ request: draft, response: null }), endpoint: draft.target },
        ['request', 'message'],
      );
      expect(lintDraft(draft)).toEqual(expected);
    }
  });

  it('the live linter equals each frame rule checked separately, on every fixture', () => {
    const frameRules = rules.filter((r): r is FrameRule => r.scope === 'frames');
    for (const [, ex] of cases) {
      if (ex.websocket === undefined) continue;
      const live = createLiveLinter(ex);
      const negotiation = negotiationOf(ex);
      const walker = new FrameWalker(negotiation);
      for (const frame of ex.websocket.frames) {
        const view = walker.push(frame);
        const expected = frameRules.flatMap((r) => r.frameCheck(view, { negotiation }));
        expect(live.push(frame)).toEqual(expected);
      }
      const end = walker.end();
      const expected = frameRules.flatMap((r) => r.endCheck({ negotiation, end, exchange: ex }));
      expect(live.finish()).toEqual(expected);
    }
  });

  it('does not reuse facts across calls when the exchange is changed in between', () => {
    const ex = http({
      request: request({ headers: [['Host', 'a']] }),
      response: response(200, [['Content-Length', '2']]),
    });
    const first = lintExchange(ex);
    expect(first).toEqual(oneByOne(ex));
    // Make it a (broken) WebSocket handshake: the memo of the first call must not leak.
    ex.request.headers.push(['Upgrade', 'websocket'], ['Connection', 'upgrade']);
    ex.response!.headers.push(['content-length', '3']);
    const second = lintExchange(ex);
    expect(second).toEqual(oneByOne(ex));
    expect(second).not.toEqual(first);
  });

  it('returns a fresh, mutable findings array each call', () => {
    const ex = allCases['message/multiple-host']!.fail;
    const a = lintExchange(ex);
    const b = lintExchange(ex);
    expect(a).not.toBe(b);
    a.push(a[0]!);
    expect(Object.isFrozen(a)).toBe(false);
    expect(lintExchange(ex)).toEqual(b);
  });

  it('holds on arbitrary heads with mixed-case names and meaningful values', () => {
    const name = fc.constantFrom(
      'Upgrade',
      'upgrade',
      'CONNECTION',
      'Connection',
      'Sec-WebSocket-Key',
      'sec-websocket-version',
      'Sec-WebSocket-Version',
      'Sec-WebSocket-Accept',
      'Sec-WebSocket-Extensions',
      'Sec-WebSocket-Protocol',
      'Content-Length',
      'Transfer-Encoding',
      'HTTP2-Settings',
      'Location',
      'Retry-After',
      'Host',
      'Date',
      'te',
    );
    const value = fc.oneof(
      fc.constantFrom(
        'websocket',
        'Upgrade, keep-alive',
        'h2c',
        'HTTP/2.0, websocket',
        '13',
        '8, 13',
        'dGhlIHNhbXBsZSBub25jZQ==',
        's3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
        'permessage-deflate; client_max_window_bits',
        'permessage-deflate; server_max_window_bits=20',
        '42',
        '42, 42',
        'chunked',
        'gzip, chunked',
        '/elsewhere',
        '',
      ),
      fc.string({ maxLength: 20 }),
    );
    const header = fc.tuple(name, value);
    fc.assert(
      fc.property(
        fc.array(header, { maxLength: 10 }),
        fc.array(header, { maxLength: 10 }),
        fc.constantFrom(101, 200, 204, 301, 302, 304, 401, 426),
        fc.constantFrom('1.0', '1.1', 'HTTP/1.1', '2', 'x'),
        fc.constantFrom('GET', 'HEAD', 'POST', 'CONNECT'),
        (reqHeaders, resHeaders, status, version, method) => {
          const ex = http({
            request: request({ method, httpVersion: version, headers: reqHeaders }),
            response: response(status, resHeaders),
          });
          expect(lintExchange(ex)).toEqual(oneByOne(ex));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('holds when a header name is not a string (odd input takes the plain path)', () => {
    const ex = http({
      request: request({
        headers: [
          ['Host', 'a'],
          [42 as unknown as string, 'x'],
        ],
      }),
    });
    expect(lintExchange(ex)).toEqual(oneByOne(ex));
  });
});
