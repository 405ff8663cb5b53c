import { describe, expect, it } from 'vitest';
import {
  EXCHANGE_SCHEMA_VERSION,
  REDACTED,
  emptyBody,
  redactExchange,
  type Exchange,
  type HeaderList,
} from '@switchyard/exchange';
import { lintExchange } from '@switchyard/lint';
import {
  ExchangeFinisher,
  completeExchange,
  mayNeedRedaction,
} from '../src/plugins/capture/finisher.js';

const b64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');

function exchange(
  id: string,
  parts: { target?: string; request?: HeaderList; response?: HeaderList; responseRaw?: string },
): Exchange {
  const response = parts.response ?? [['Content-Type', 'text/plain']];
  const ex: Exchange = {
    schemaVersion: EXCHANGE_SCHEMA_VERSION,
    id,
    createdAt: '2026-01-01T00:00:00.000Z',
    kind: 'http',
    endpoint: '/api/status/:code',
    source: 'capture',
    request: {
      method: 'GET',
      target: parts.target ?? '/api/status/200',
      httpVersion: '1.1',
      headers: parts.request ?? [['Host', 'example.test']],
    },
    interim: [],
    requestBody: emptyBody(),
    responseBody: { size: 5, truncated: false, preview: 'hello', previewEncoding: 'text' },
    timings: { start: 1_700_000_000_000_000, requestHead: 10, firstByte: 20, end: 30 },
    notes: [],
    redactions: [],
    findings: [],
    response: { status: 200, reason: 'OK', httpVersion: '1.1', headers: response },
  };
  if (parts.responseRaw !== undefined) ex.response!.raw = b64(parts.responseRaw);
  return ex;
}

/** What finishing stored before the finisher existed: redact, then lint. */
function reference(ex: Exchange): Exchange {
  const redacted = redactExchange(structuredClone(ex));
  redacted.findings = lintExchange(redacted);
  return redacted;
}

describe('completeExchange', () => {
  const cases: [string, Exchange][] = [
    ['no credentials', exchange('a', {})],
    ['a query string', exchange('b', { target: '/api/status/200?token=abc&x=1' })],
    ['an Authorization field', exchange('c', { request: [['AUTHORIZATION', 'Bearer hunter2']] })],
    ['a Set-Cookie field', exchange('d', { response: [['Set-Cookie', 'sid=secret1']] })],
    [
      // Only the raw head names the credential: the parsed list does not (and lint sees it).
      'a credential line only in the raw head',
      exchange('e', {
        responseRaw: 'HTTP/1.1 200 OK\r\n  set-cookie : sid=secret2\r\n\r\n',
      }),
    ],
    [
      'a raw head without credentials',
      exchange('f', { responseRaw: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n' }),
    ],
  ];

  it.each(cases)('stores what redact-then-lint gives, with %s', (_name, ex) => {
    const before = structuredClone(ex);
    expect(completeExchange(ex)).toEqual(reference(ex));
    expect(ex).toEqual(before); // the captured record is left alone
  });

  it('skips redaction only when nothing could be redacted', () => {
    const flags = cases.map(([, ex]) => mayNeedRedaction(ex));
    expect(flags).toEqual([false, true, true, true, true, false]);
    const raw = completeExchange(cases[4]![1]).response!.raw!;
    expect(Buffer.from(raw, 'base64').toString('latin1')).toContain(`set-cookie : ${REDACTED}`);
  });
});

describe('ExchangeFinisher', () => {
  it('serves a queued exchange completed, then stores it in the next batch', async () => {
    const stored: Exchange[] = [];
    const finisher = new ExchangeFinisher((ex) => stored.push(ex));
    const ex = exchange('q', { request: [['Cookie', 'a=secret3']] });
    finisher.add(ex);
    expect(finisher.size).toBe(1);
    expect(stored).toEqual([]);
    expect(finisher.peek('q')).toEqual(reference(ex));
    expect(finisher.peek('missing')).toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect(stored).toEqual([reference(ex)]);
    expect(finisher.size).toBe(0);
    expect(finisher.peek('q')).toBeUndefined();
  });

  it('gathers exchanges that finish back to back into one batch, bounded by size and window', async () => {
    const stored: string[] = [];
    let clock = 0;
    const finisher = new ExchangeFinisher(
      (ex) => stored.push(ex.id),
      () => {},
      { windowMs: 5, maxBatch: 3, now: () => clock },
    );
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    finisher.add(exchange('a', {}));
    await turn();
    expect(stored).toEqual(['a']);
    // The previous batch ran 0 ms ago (busy): b waits for the window, still served by peek.
    finisher.add(exchange('b', {}));
    await turn();
    expect(stored).toEqual(['a']);
    expect(finisher.peek('b')?.id).toBe('b');
    finisher.add(exchange('c', {}));
    finisher.add(exchange('d', {}));
    // Three queued = maxBatch: completed in the next turn, in order.
    await turn();
    expect(stored).toEqual(['a', 'b', 'c', 'd']);
    finisher.add(exchange('e', {}));
    await turn();
    expect(stored).toEqual(['a', 'b', 'c', 'd']);
    // The window's timer stores it (bounded wait: 10 s, far past the 5 ms window).
    for (const until = Date.now() + 10_000; stored.length < 5 && Date.now() < until;) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(stored).toEqual(['a', 'b', 'c', 'd', 'e']);
    // Idle again (the last batch is older than the window): the next turn, as before.
    clock = 1000;
    finisher.add(exchange('f', {}));
    await turn();
    expect(stored).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('drains at once on demand (shutdown) and reports an exchange it cannot complete', () => {
    const stored: string[] = [];
    const failed: string[] = [];
    const finisher = new ExchangeFinisher(
      (ex) => stored.push(ex.id),
      (_error, id) => failed.push(id),
    );
    const broken = exchange('bad', {});
    (broken.request as { headers: unknown }).headers = null;
    finisher.add(exchange('ok1', {}));
    finisher.add(broken);
    finisher.add(exchange('ok2', {}));
    finisher.drain();
    expect(stored).toEqual(['ok1', 'ok2']);
    expect(failed).toEqual(['bad']);
    expect(finisher.size).toBe(0);
  });
});
