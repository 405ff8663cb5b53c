/**
 * Redaction of a probe exchange for sharing (`--har`): real records made by the probe against
 * loopback servers, then checked byte by byte for every credential the request and the answers
 * carried (the exchange package's own rules are tested there; this covers what only the probe
 * records: endpoint, probe.url, the bytes on the wire, a redirect's Location).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { REDACTED, redactExchange } from '@switchyard/exchange';
import { startProbe, type ProbeExchange } from '../src/index.js';
import { redactProbeExchange } from '../src/share-redact.js';
import { startRawServer } from './support/tap.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const text = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const decoded = (base64: string | undefined) =>
  Buffer.from(base64 ?? '', 'base64').toString('latin1');

/** Every string in the record, base64 fields decoded too (they hold the bytes on the wire). */
function everyText(exchange: ProbeExchange): string {
  return [
    JSON.stringify(exchange),
    decoded(exchange.request.raw),
    decoded(exchange.response?.raw),
    decoded(exchange.probe.sentBase64),
    decoded(exchange.probe.receivedBase64),
  ].join('\n');
}

/** One probe against a raw server answering `reply`; the (unredacted) first record. */
async function probeOnce(
  reply: string,
  path: string,
  headers: [string, string][],
  followRedirects = 0,
): Promise<ProbeExchange> {
  const server = await startRawServer(() => text(reply));
  closers.push(server.close);
  const probe = await startProbe(
    {
      url: `http://127.0.0.1:${server.port}${path}`,
      headers: [['Host', `127.0.0.1:${server.port}`], ...headers],
    },
    { followRedirects },
  );
  return (await probe.result).exchange;
}

describe('redactProbeExchange', () => {
  it('leaves no credential anywhere in the record, and lists what it replaced', async () => {
    const secrets = [
      'tok-in-query',
      'Bearer hdr-secret',
      'sid=ck-secret',
      'set-ck-secret',
      'loc-tok',
    ];
    const exchange = await probeOnce(
      'HTTP/1.1 302 Found\r\nSet-Cookie: set-ck-secret\r\n' +
        'Location: /next?token=loc-tok&x=1\r\nContent-Length: 0\r\n\r\n',
      '/start?token=tok-in-query&page=2',
      [
        ['Authorization', 'Bearer hdr-secret'],
        ['Cookie', 'sid=ck-secret'],
      ],
      1, // the redirect is recorded (and followed once, to the same answer)
    );
    // The record holds them before redaction (so the checks below can fail).
    const before = everyText(exchange);
    for (const secret of secrets) expect(before).toContain(secret);
    expect(exchange.endpoint).toContain('tok-in-query');
    // The exchange package's rules alone leave the probe's own fields as they were.
    expect(everyText(redactExchange(exchange) as ProbeExchange)).toContain('tok-in-query');

    const clean = redactProbeExchange(exchange);
    const after = everyText(clean);
    for (const secret of secrets) expect(after).not.toContain(secret);
    expect(clean.endpoint).toBe(exchange.endpoint.replace('tok-in-query', REDACTED));
    expect(clean.probe.url).toBe(clean.endpoint);
    expect(clean.probe.redirect?.location).toBe(`/next?token=${REDACTED}&x=1`);
    expect(clean.probe.redirect?.next).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/next\?token=\[redacted\]&x=1$/,
    );
    expect(decoded(clean.probe.sentBase64)).toContain(`Authorization: ${REDACTED}\r\n`);
    expect(decoded(clean.response?.raw)).toContain(`Location: /next?token=${REDACTED}&x=1\r\n`);
    expect(clean.redactions).toEqual(
      expect.arrayContaining([
        { location: 'query', name: 'token' },
        { location: 'request-header', name: 'Authorization', index: 1 },
        { location: 'request-header', name: 'Cookie', index: 2 },
        { location: 'response-header', name: 'Set-Cookie', index: 0 },
        { location: 'response-header', name: 'Location', index: 1 },
        { location: 'response-raw', name: 'raw' },
      ]),
    );
    // The input is not modified; a second pass changes nothing.
    expect(everyText(exchange)).toBe(before);
    expect(redactProbeExchange(clean)).toEqual(clean);
  });

  it('changes nothing in a record without credentials', async () => {
    const exchange = await probeOnce(
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
      '/plain?page=2',
      [['X-Other', 'value']],
    );
    expect(redactProbeExchange(exchange)).toEqual(exchange);
  });
});
