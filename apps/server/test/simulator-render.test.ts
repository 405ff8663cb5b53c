/**
 * Units of the simulator's per-request path: option parsing (one pass when no option is given)
 * and the diagnostic JSON (the status part is shared by every response of a status).
 */
import { describe, expect, it } from 'vitest';
import { buildDiagnostic, renderDiagnostic } from '../src/features/simulator/diagnostic.js';
import { negotiateFormat } from '../src/features/simulator/negotiate.js';
import { isOptionProblem, parseOptions } from '../src/features/simulator/options.js';
import { defaultHeaders, needsOrigin } from '../src/features/simulator/required-headers.js';
import { statusInfo } from '../src/features/simulator/status-info.js';

const CAP = 10_000;

describe('parseOptions', () => {
  it('gives the defaults when no option is given, whatever else the request carries', () => {
    const options = parseOptions({ foo: '1', toString: 'x' }, ['Host', 'h', 'X-Other', '1'], CAP);
    expect(options).toEqual({ delayMs: 0, headers: [], remove: new Set(), links: [] });
  });

  it('reads X-Switchyard-* fields in any case, beside unrelated query parameters', () => {
    const options = parseOptions(
      { foo: '1' },
      ['x-SWITCHYARD-delay', '15', 'X-Switchyard-Header', 'X-A: b', 'X-Switchyard-Link', '</a>'],
      CAP,
    );
    expect(isOptionProblem(options)).toBe(false);
    expect(options).toMatchObject({ delayMs: 15, headers: [['X-A', 'b']], links: ['</a>'] });
  });

  it('still reports a bad option given only as a field', () => {
    const problem = parseOptions({}, ['X-Switchyard-Delay', 'soon'], CAP);
    expect(problem).toMatchObject({ parameter: 'X-Switchyard-Delay' });
  });
});

describe('diagnostic JSON', () => {
  const input = (rawHeaders: string[]) => ({
    method: 'GET',
    target: '/api/status/404',
    httpVersion: '1.1',
    rawHeaders,
    remoteAddress: '127.0.0.1',
    bodySize: null,
    info: statusInfo(404),
    interim: [],
    notes: ['a note'],
    requested: 404,
    delayMs: 0,
  });

  it('is two-space JSON of the whole record, each header pair on one line', () => {
    const d = buildDiagnostic(input(['Host', 'h', 'X-Odd', '"\u0002"']));
    const text = renderDiagnostic(d, 'json');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(d)));
    const generic = JSON.stringify({ ...d, request: { ...d.request, headers: [] } }, null, 2);
    // Everything but the header list is laid out exactly as JSON.stringify lays it out.
    expect(text.replace(/"headers": \[[^\]]*(\][^\]]*)*?\n {4}\]/, '"headers": []')).toBe(
      `${generic}\n`,
    );
    expect(text).toContain('      ["X-Odd", "\\"\\u0002\\""]');
  });

  it('is laid out as JSON.stringify lays it out, whatever parts a diagnostic has', () => {
    // The reference: JSON.stringify(d, null, 2) with only the request's header pairs collapsed.
    const reference = (d: ReturnType<typeof buildDiagnostic>) => {
      const pairs = d.request.headers.map(([n, v]) => `      ${JSON.stringify([n, v])}`);
      const list = pairs.length === 0 ? '[]' : `[\n${pairs.join(',\n')}\n    ]`;
      const generic = JSON.stringify({ ...d, request: { ...d.request, headers: 0 } }, null, 2);
      return `${generic.replace('"headers": 0', `"headers": ${list}`).replaceAll('","', '", "')}\n`;
    };
    const cases = [
      buildDiagnostic(input([])),
      buildDiagnostic({ ...input(['a', '']), notes: [], requested: undefined }),
      buildDiagnostic({
        ...input(['Host', 'h\u00e9', 'Accept', '*/*', 'X-Q', 'say "hi"\\']),
        info: statusInfo(299),
        bodySize: 12,
        remoteAddress: undefined,
        requested: 103,
        delayMs: 250,
        interim: [
          { code: 103, reason: 'Early Hints', headers: [['Link', '</a.css>; rel=preload']] },
          { code: 100, reason: 'Continue', headers: [] },
        ],
        notes: ['first "quoted"', 'second\nline'],
      }),
    ];
    for (const d of cases) {
      const text = renderDiagnostic(d, 'json');
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(d)));
      expect(text).toBe(reference(d));
    }
  });

  it('shares the status part between responses of one status, and not the request', () => {
    const a = buildDiagnostic(input(['Host', 'a']));
    const b = buildDiagnostic(input(['Host', 'b']));
    expect(a.status).toBe(b.status);
    expect(Object.isFrozen(a.status)).toBe(true);
    expect(renderDiagnostic(a, 'json')).toContain('["Host", "a"]');
    expect(renderDiagnostic(b, 'json')).toContain('["Host", "b"]');
    expect(JSON.parse(renderDiagnostic(b, 'json')).status).toEqual(a.status);
  });
});

describe('per-status constants', () => {
  it('resolves {origin} per request and only where a default needs it', () => {
    expect(needsOrigin(statusInfo(200))).toBe(false);
    expect(needsOrigin(statusInfo(301))).toBe(true);
    expect(defaultHeaders(statusInfo(301), { origin: 'http://a' })).toEqual([
      ['Location', 'http://a/api/status/200'],
    ]);
    expect(defaultHeaders(statusInfo(301), { origin: '' })).toEqual([
      ['Location', '/api/status/200'],
    ]);
  });

  it('negotiates */* and a missing Accept to JSON', () => {
    expect(negotiateFormat('*/*')).toBe('json');
    expect(negotiateFormat(undefined)).toBe('json');
    expect(negotiateFormat('text/plain, */*;q=0.1')).toBe('text');
  });
});
