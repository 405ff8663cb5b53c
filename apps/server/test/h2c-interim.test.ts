/**
 * Interim (1xx) responses over HTTP/2 (RFC 9113 §8.1: informational HEADERS frames before the
 * final one on the same stream, no reason phrase, §8.3.2), and `Expect: 100-continue` over
 * HTTP/2 (RFC 9110 §10.1.1 applies to every version). Independent peers: Debian's curl (prior
 * knowledge, and TLS ALPN h2) and nghttp. Before the fix, /api/status/102 and /api/status/150
 * answered 500 over HTTP/2, and Node's HTTP/2 server sent 100 Continue to every Expect (even
 * before a 404 the simulator sends without reading the content).
 */
import http2 from 'node:http2';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '@switchyard/exchange';
import { captureIdOf, curl, runPeer, statusLines, useH2App } from './h2c-helpers.js';

const h2 = useH2App('switchyard-h2-interim-');

interface Diagnostic {
  interim: { code: number; reason: string; headers: [string, string][] }[];
  notes: string[];
  request: { bodySize: number | null };
}

/** Polls the capture until its exchange is complete (bounded: about 15 s). */
async function storedExchange(id: string | undefined): Promise<Exchange> {
  expect(id).toBeTypeOf('string');
  for (let i = 0; i < 150; i++) {
    const exchange = await h2.app.exchangeStore.get(id!);
    if (exchange) return exchange;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`exchange ${id} was not stored`);
}

describe('1xx over HTTP/2', () => {
  for (const code of [100, 102, 103, 150]) {
    it(`${code}: an informational HEADERS frame, then the final 200 (curl prior knowledge)`, async () => {
      const {
        received,
        body,
        code: exit,
      } = await curl(['--http2-prior-knowledge', `${h2.base}/api/status/${code}`]);
      expect(exit).toBe(0);
      expect(statusLines(received)).toEqual([`HTTP/2 ${code}`, 'HTTP/2 200']);
      const diagnostic = JSON.parse(body) as Diagnostic;
      expect(diagnostic.interim.map((i) => [i.code, i.reason])).toEqual([[code, '']]);
      const exchange = await storedExchange(captureIdOf(received));
      expect(exchange.interim.map((i) => i.status)).toEqual([code]);
      expect(exchange.response?.status).toBe(200);
      // The frames on the wire: the 1xx HEADERS without END_STREAM, before the final HEADERS.
      const statuses = exchange
        .http2!.frames.filter((f) => f.direction === 'server-to-client' && f.typeName === 'HEADERS')
        .map((f) => [
          f.headers?.find(([n]) => n === ':status')?.[1],
          f.flagNames.includes('END_STREAM'),
        ]);
      expect(statuses[0]).toEqual([String(code), false]);
      expect(statuses[1]?.[0]).toBe('200');
    });
  }

  it('103 carries its Link fields (lowercase, RFC 9113 §8.2.1) over TLS h2', async () => {
    const { received, code } = await curl(['-k', '--http2', `${h2.tlsBase}/api/status/103`]);
    expect(code).toBe(0);
    expect(statusLines(received)).toEqual(['HTTP/2 103', 'HTTP/2 200']);
    const early = received.slice(1, received.indexOf('HTTP/2 200'));
    expect(early.some((l) => l.startsWith('link: </api/catalog/103>'))).toBe(true);
  });

  it('nghttp reads the 102 and then the final 200 on the same stream', async () => {
    const { stdout, code } = await runPeer('nghttp', ['-v', `${h2.base}/api/status/102`]);
    expect(code).toBe(0);
    const statuses = [...stdout.matchAll(/recv \(stream_id=(\d+)\) :status: (\d+)/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(statuses.map(([, s]) => s)).toEqual(['102', '200']);
    expect(new Set(statuses.map(([id]) => id)).size).toBe(1);
  });
});

describe('Expect: 100-continue over HTTP/2', () => {
  const post = (code: number) =>
    curl([
      '--http2-prior-knowledge',
      '-X',
      'POST',
      '-H',
      'Expect: 100-continue',
      '--data-binary',
      'hello',
      `${h2.base}/api/status/${code}`,
    ]);

  it('a final 2xx: 100 Continue first, then the content is read', async () => {
    const { received, body, code } = await post(200);
    expect(code).toBe(0);
    expect(statusLines(received)).toEqual(['HTTP/2 100', 'HTTP/2 200']);
    const diagnostic = JSON.parse(body) as Diagnostic;
    expect(diagnostic.request.bodySize).toBe(5);
    expect(diagnostic.notes.join('\n')).toContain('100 Continue sent before reading the content');
    expect(diagnostic.notes.join('\n')).not.toContain('HTTP/1.0');
  });

  // Node's http2 client here rather than curl: after a complete response to a request whose
  // content it has not read, Node's server sends RST_STREAM with NO_ERROR (RFC 9113 §8.1 allows
  // it), and curl 7.88, still about to send the content, now and then reports that as "empty
  // reply" (exit 52) although the whole response had arrived.
  it('a final 4xx: no 100, the content is not read, no Connection field', async () => {
    const client = http2.connect(h2.base);
    client.on('error', () => undefined);
    try {
      const answer = await new Promise<{
        continued: boolean;
        headers: http2.IncomingHttpHeaders;
        body: string;
        rstCode: number | undefined;
      }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no answer within 15 s')), 15_000);
        const stream = client.request(
          { ':method': 'POST', ':path': '/api/status/404', expect: '100-continue' },
          { endStream: false },
        );
        let continued = false;
        let headers: http2.IncomingHttpHeaders = {};
        let body = '';
        stream.on('continue', () => (continued = true));
        stream.on('response', (h) => (headers = h));
        stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
        stream.on('error', () => undefined);
        stream.on('close', () => {
          clearTimeout(timer);
          resolve({ continued, headers, body, rstCode: stream.rstCode });
        });
      });
      expect(answer.continued).toBe(false);
      expect(answer.headers[':status']).toBe(404);
      expect(answer.headers.connection).toBeUndefined();
      // The stream ends without error (END_STREAM, or RST_STREAM NO_ERROR, RFC 9113 §8.1).
      expect(answer.rstCode ?? http2.constants.NGHTTP2_NO_ERROR).toBe(
        http2.constants.NGHTTP2_NO_ERROR,
      );
      const diagnostic = JSON.parse(answer.body) as Diagnostic;
      expect(diagnostic.request.bodySize).toBeNull();
      expect(diagnostic.notes.join('\n')).toContain('over HTTP/2 the connection stays open');
    } finally {
      client.close();
    }
  });
});

describe('fields HTTP/2 cannot carry (RFC 9113 §8.2.2)', () => {
  it('a 426 over HTTP/2 goes without Upgrade, and the diagnostic and lint say why', async () => {
    const { received, body, code } = await curl([
      '--http2-prior-knowledge',
      `${h2.base}/api/status/426`,
    ]);
    expect(code).toBe(0);
    expect(statusLines(received)).toEqual(['HTTP/2 426']);
    expect(received.some((l) => /^(upgrade|connection):/i.test(l))).toBe(false);
    const notes = (JSON.parse(body) as Diagnostic).notes.join('\n');
    expect(notes).toContain('Not sent over HTTP/2: Upgrade');
    expect(notes).toContain('426 over HTTP/2 cannot name the protocol');
    const exchange = await storedExchange(captureIdOf(received));
    const rules = exchange.findings.map((f) => f.ruleId);
    expect(rules).toContain('h2c/426-in-http2');
    expect(rules).not.toContain('upgrade/426-without-upgrade');
    // The head is the one decoded from the wire; no stale "rebuilt from Node" note remains.
    expect(exchange.notes.map((n) => n.text).join('\n')).not.toContain('rebuilt from Node');
  });

  it('an Upgrade asked for with the header option is noted as not sent', async () => {
    const { received, body } = await curl([
      '--http2-prior-knowledge',
      `${h2.base}/api/status/200?header=Upgrade:%20foo`,
    ]);
    expect(statusLines(received)).toEqual(['HTTP/2 200']);
    expect(received.some((l) => /^upgrade:/i.test(l))).toBe(false);
    expect((JSON.parse(body) as Diagnostic).notes.join('\n')).toContain(
      'Not sent over HTTP/2: Upgrade',
    );
  });

  it('over HTTP/1.1 the same 426 keeps Upgrade and Connection', async () => {
    const { received } = await curl(['--http1.1', `${h2.base}/api/status/426`]);
    expect(statusLines(received)).toEqual(['HTTP/1.1 426 Upgrade Required']);
    expect(received).toContain('upgrade: websocket');
  });
});
