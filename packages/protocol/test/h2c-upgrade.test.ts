import { describe, expect, it } from 'vitest';
import {
  encodeHttp2Settings,
  evaluateH2cUpgrade,
  parseRequestHead,
  serializeRequestHead,
} from '../src/index.js';
import type { ComposedLine, RequestHead } from '../src/index.js';

const SETTINGS = encodeHttp2Settings([
  { id: 3, value: 100 },
  { id: 2, value: 0 },
]);

function head(headers: ComposedLine[], version = 'HTTP/1.1'): RequestHead {
  const result = parseRequestHead(
    serializeRequestHead({ method: 'GET', target: '/', version, headers }),
  );
  if (result.state !== 'complete') throw new Error(result.state);
  return result.head;
}

const good: ComposedLine[] = [
  ['Host', 'a'],
  ['Connection', 'Upgrade, HTTP2-Settings'],
  ['Upgrade', 'h2c'],
  ['HTTP2-Settings', SETTINGS],
];

function reasons(headers: ComposedLine[], version?: string): string[] {
  const decision = evaluateH2cUpgrade(head(headers, version));
  return decision.ok ? [] : decision.reasons.map((r) => r.code);
}

describe('RFC 7540 §3.2 starting HTTP/2 for "http" URIs', () => {
  it('accepts a well-formed upgrade request and returns the settings', () => {
    const decision = evaluateH2cUpgrade(head(good));
    expect(decision.ok).toBe(true);
    if (decision.ok) {
      expect(decision.settings.map((s) => [s.name, s.value])).toEqual([
        ['SETTINGS_MAX_CONCURRENT_STREAMS', 100],
        ['SETTINGS_ENABLE_PUSH', 0],
      ]);
      // RFC 9113 §3.1: the mechanism is deprecated, which the decision says.
      expect(decision.findings.map((f) => f.code)).toEqual(['h2c-upgrade-deprecated']);
    }
  });

  it('accepts h2c among other protocols, case-insensitively', () => {
    const headers = good.map((l) =>
      Array.isArray(l) && l[0] === 'Upgrade' ? (['upgrade', 'websocket, H2C'] as const) : l,
    );
    expect(reasons(headers)).toEqual([]);
  });

  it('requires h2c in Upgrade (h2 is TLS-only and ignored)', () => {
    const headers = good.map((l) =>
      Array.isArray(l) && l[0] === 'Upgrade' ? (['Upgrade', 'h2'] as const) : l,
    );
    expect(reasons(headers)).toEqual(['h2c-not-offered']);
  });

  it('requires HTTP/1.1 (RFC 9110 §7.8: Upgrade is ignored in HTTP/1.0)', () => {
    expect(reasons(good, 'HTTP/1.0')).toEqual(['h2c-not-http11']);
  });

  it('requires Connection to list Upgrade and HTTP2-Settings (RFC 7540 §3.2.1)', () => {
    const only = (value: string) =>
      good.map((l) =>
        Array.isArray(l) && l[0] === 'Connection' ? (['Connection', value] as const) : l,
      );
    expect(reasons(only('Upgrade'))).toEqual(['h2c-connection-settings']);
    expect(reasons(only('HTTP2-Settings'))).toEqual(['h2c-connection-upgrade']);
    expect(reasons(only('keep-alive, upgrade, http2-settings'))).toEqual([]);
  });

  it('requires exactly one HTTP2-Settings that decodes', () => {
    expect(reasons(good.slice(0, 3))).toEqual(['h2c-settings-count']);
    expect(reasons([...good, ['HTTP2-Settings', SETTINGS]])).toEqual(['h2c-settings-count']);
    expect(reasons([...good.slice(0, 3), ['HTTP2-Settings', 'not+base64/']])).toEqual([
      'http2-settings-not-base64url',
    ]);
    const badValue = encodeHttp2Settings([{ id: 4, value: 2 ** 31 }]);
    expect(reasons([...good.slice(0, 3), ['HTTP2-Settings', badValue]])).toEqual([
      'invalid-setting-value',
    ]);
  });

  it('declines a request with content that would have to be read before switching', () => {
    expect(reasons([...good, ['Content-Length', '4']])).toEqual(['h2c-request-has-content']);
    expect(reasons([...good, ['Transfer-Encoding', 'chunked']])).toEqual([
      'h2c-request-has-content',
    ]);
    expect(reasons([...good, ['Content-Length', '0']])).toEqual([]);
  });

  it('reports every unmet requirement at once', () => {
    expect(reasons([['Host', 'a']])).toEqual([
      'h2c-not-offered',
      'h2c-connection-upgrade',
      'h2c-connection-settings',
      'h2c-settings-count',
    ]);
  });
});
