/**
 * Wire review of redaction (issue 4 "Capture"): a `/ws/auth` ticket is a credential. When the
 * handshake fails before the auth check (here a 426 for Sec-WebSocket-Version 8), the ticket
 * is not spent, and it used to be stored and listed as is: anyone reading `GET /api/exchanges`
 * could open `/ws/auth` with it. `ticket` and `access_token` (RFC 6750 §2.3) query values are
 * now redacted like `token`, in the stored record, the list, the HAR, the live bus and imports.
 * Peers: curl for HTTP, `ws` for the live channel.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveClient } from './support/live-client.js';
import { curlStdout, stored } from './support/http.js';
import { startApp } from './support/ws-helpers.js';

let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  ({ app, port } = await startApp());
});
afterAll(async () => {
  await app.close();
});

const base = () => `http://127.0.0.1:${port}`;

async function newTicket(): Promise<string> {
  const body = await curlStdout([
    '-X',
    'POST',
    '-H',
    'Authorization: Bearer dev-token',
    `${base()}/api/tickets`,
  ]);
  return (JSON.parse(body) as { ticket: string }).ticket;
}

describe('credential query values in captures', () => {
  it('a ticket (and access_token) of a refused handshake is stored, listed and shared redacted', async () => {
    const live = await liveClient(port);
    try {
      live.send({ subscribe: 'all' });
      await live.waitFor((m) => m.type === 'subscribed');
      const ticket = await newTicket();
      const head = await curlStdout([
        '-i',
        '-H',
        'Connection: Upgrade',
        '-H',
        'Upgrade: websocket',
        '-H',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        '-H',
        'Sec-WebSocket-Version: 8',
        `${base()}/ws/auth?ticket=${ticket}&access_token=at-secret-1&x=1`,
      ]);
      expect(head).toMatch(/^HTTP\/1\.1 426 /);
      const id = /x-switchyard-capture: (\S+)/i.exec(head)?.[1];
      expect(id).toBeTruthy();

      const exchange = await stored(app, id!);
      expect(exchange.request.target).toBe(
        '/ws/auth?ticket=[redacted]&access_token=[redacted]&x=1',
      );
      expect(exchange.redactions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ location: 'query', name: 'ticket' }),
          expect.objectContaining({ location: 'query', name: 'access_token' }),
        ]),
      );
      const seen = [
        await curlStdout([`${base()}/api/exchanges?limit=50`]),
        await curlStdout([`${base()}/api/exchanges/${id}`]),
        await curlStdout([`${base()}/api/exchanges/${id}/har`]),
      ];
      const begin = await live.waitFor((m) => m.type === 'begin' && m.id === id);
      seen.push(JSON.stringify(begin));
      for (const text of seen) {
        expect(text).not.toContain(ticket);
        expect(text).not.toContain('at-secret-1');
      }
      expect(JSON.stringify(begin)).toContain('ticket=[redacted]');
    } finally {
      live.ws.terminate();
    }
  }, 60_000);

  it('a refused credential is named once in the 401 detail', async () => {
    for (const [query, detail] of [
      ['token=wrong', 'The token is not valid.'],
      ['ticket=unknown', 'The ticket is unknown, used or expired.'],
    ]) {
      const text = await curlStdout([
        '-i',
        '-H',
        'Connection: Upgrade',
        '-H',
        'Upgrade: websocket',
        '-H',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        '-H',
        'Sec-WebSocket-Version: 13',
        `${base()}/ws/auth?${query}`,
      ]);
      expect(text).toMatch(/^HTTP\/1\.1 401 /);
      const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as { detail: string };
      expect(body.detail).toBe(detail);
    }
  }, 60_000);

  it('a HAR imported with a ticket in its URL is stored redacted', async () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'review', version: '1' },
        entries: [
          {
            startedDateTime: '2026-11-21T12:00:00.000Z',
            time: 1,
            request: {
              method: 'GET',
              url: `http://127.0.0.1:${port}/ws/auth?ticket=imported-secret-2`,
              httpVersion: 'HTTP/1.1',
              cookies: [],
              headers: [],
              queryString: [{ name: 'ticket', value: 'imported-secret-2' }],
              headersSize: -1,
              bodySize: 0,
            },
            response: {
              status: 401,
              statusText: 'Unauthorized',
              httpVersion: 'HTTP/1.1',
              cookies: [],
              headers: [],
              content: { size: 0, mimeType: '' },
              redirectURL: '',
              headersSize: -1,
              bodySize: 0,
            },
            cache: {},
            timings: { send: 0, wait: 1, receive: 0 },
          },
        ],
      },
    };
    const out = await curlStdout([
      '-X',
      'POST',
      '-H',
      'Content-Type: application/json',
      '--data-binary',
      JSON.stringify(har),
      `${base()}/api/exchanges/import`,
    ]);
    const { ids } = JSON.parse(out) as { ids: string[] };
    expect(ids).toHaveLength(1);
    const text = await curlStdout([`${base()}/api/exchanges/${ids[0]}`]);
    expect(text).not.toContain('imported-secret-2');
    expect(text).toContain('ticket=[redacted]');
  }, 60_000);
});
