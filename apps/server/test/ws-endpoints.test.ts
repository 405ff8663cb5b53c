/**
 * `/ws/chat/:room`, `/ws/auth` (+ `POST /api/tickets`), `/ws/origin`, `/sse` and the switch of
 * `/api/status/101`, with the `ws` client and a raw HTTP client over real sockets.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { nextMessage, once, openWs, startApp, WAIT_MS, wsOutcome } from './support/ws-helpers.js';

let app: FastifyInstance;
let base: string;
let port: number;
const ORIGIN = 'http://allowed.example';

beforeAll(async () => {
  ({ app, base, port } = await startApp({
    WS_AUTH_TOKENS: 'sesame,other',
    WS_ALLOWED_ORIGINS: ORIGIN,
  }));
});
afterAll(async () => {
  await app.close();
});

describe('/ws/chat/:room', () => {
  it('broadcasts a message to everyone in the room, and only that room', async () => {
    const alice = await openWs(`ws://${base}/ws/chat/r1`);
    const bob = await openWs(`ws://${base}/ws/chat/r1`);
    const carol = await openWs(`ws://${base}/ws/chat/r2`);
    try {
      let carolGot = 0;
      carol.on('message', () => carolGot++);
      const toBob = nextMessage(bob);
      const toAlice = nextMessage(alice);
      alice.send('hi room');
      expect((await toBob).data.toString()).toBe('hi room');
      expect((await toAlice).data.toString()).toBe('hi room');
      // Carol (another room) sends; her own echo proves the broadcast was processed in order.
      carol.send('other room');
      await nextMessage(carol);
      expect(carolGot).toBe(1);
    } finally {
      for (const ws of [alice, bob, carol]) ws.terminate();
    }
  });
});

describe('/ws/auth', () => {
  it('accepts ?token=', async () => {
    const ws = await openWs(`ws://${base}/ws/auth?token=sesame`);
    expect(JSON.parse((await nextMessage(ws)).data.toString())).toEqual({
      authenticated: true,
      method: 'token',
    });
    ws.terminate();
  });

  it('accepts the cookie', async () => {
    const ws = await openWs(`ws://${base}/ws/auth`, [], {
      headers: { Cookie: 'a=b; switchyard_token=other' },
    });
    expect(JSON.parse((await nextMessage(ws)).data.toString()).method).toBe('cookie');
    ws.terminate();
  });

  it('accepts a ticket from POST /api/tickets, once', async () => {
    const res = await fetch(`http://${base}/api/tickets`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sesame' },
      signal: AbortSignal.timeout(WAIT_MS),
    });
    expect(res.status).toBe(201);
    const { ticket } = (await res.json()) as { ticket: string };
    const ws = await openWs(`ws://${base}/ws/auth?ticket=${ticket}`);
    expect(JSON.parse((await nextMessage(ws)).data.toString()).method).toBe('ticket');
    ws.terminate();
    const again = await wsOutcome(`ws://${base}/ws/auth?ticket=${ticket}`);
    expect(again.status).toBe(401);
    expect(again.opened).toBe(false);
  });

  it('POST /api/tickets without a credential is 401 with a challenge', async () => {
    const res = await fetch(`http://${base}/api/tickets`, {
      method: 'POST',
      signal: AbortSignal.timeout(WAIT_MS),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="switchyard"/);
  });

  it.each([
    ['no credential', '/ws/auth', /^Bearer realm="switchyard"$/],
    ['a bad token', '/ws/auth?token=wrong', /error="invalid_token"/],
    ['an unknown ticket', '/ws/auth?ticket=nope', /error="invalid_token"/],
  ])(
    '%s: 401 problem+json with WWW-Authenticate and no upgrade',
    async (_name, path, challenge) => {
      const outcome = await wsOutcome(`ws://${base}${path}`);
      expect(outcome.opened).toBe(false);
      expect(outcome.status).toBe(401);
      expect(outcome.headers?.['www-authenticate']).toMatch(challenge);
      expect(outcome.headers?.['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(outcome.body!)).toMatchObject({
        status: 401,
        type: expect.stringMatching(/unauthorized$/),
      });
    },
  );
});

describe('/ws/origin', () => {
  it('accepts a listed Origin', async () => {
    const ws = await openWs(`ws://${base}/ws/origin`, [], { origin: ORIGIN });
    ws.send('x');
    expect((await nextMessage(ws)).data.toString()).toBe('x');
    ws.terminate();
  });

  it.each([['http://evil.example'], [undefined]])(
    'refuses Origin %s with 403 and no upgrade',
    async (origin) => {
      const outcome = await wsOutcome(`ws://${base}/ws/origin`, origin ? { origin } : {});
      expect(outcome.opened).toBe(false);
      expect(outcome.status).toBe(403);
      expect(JSON.parse(outcome.body!)).toMatchObject({
        type: expect.stringMatching(/origin-not-allowed$/),
      });
    },
  );
});

describe('/sse', () => {
  it('streams the chat room events as Server-Sent Events', async () => {
    const events: string[] = [];
    const req = http.get({ host: '127.0.0.1', port, path: '/sse?room=sse1' });
    const [res] = await once<[http.IncomingMessage]>(req, 'response');
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    res.setEncoding('utf8');
    let buffer = '';
    const gotMessage = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no SSE message')), WAIT_MS);
      res.on('data', (chunk: string) => {
        buffer += chunk;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop()!;
        events.push(...blocks);
        if (events.some((e) => e.includes('event: message'))) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    // Wait for the hello so the subscription exists before the chat message.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no hello')), WAIT_MS);
      const check = () => {
        if (events.some((e) => e.includes('event: hello'))) {
          clearTimeout(timer);
          resolve();
        } else setTimeout(check, 10);
      };
      check();
    });
    const ws = await openWs(`ws://${base}/ws/chat/sse1`);
    ws.send('seen over SSE');
    await gotMessage;
    ws.terminate();
    req.destroy();
    const message = events.find((e) => e.includes('event: message'))!;
    const data = JSON.parse(
      message
        .split('\n')
        .find((l) => l.startsWith('data: '))!
        .slice(6),
    );
    expect(data).toMatchObject({
      type: 'message',
      room: 'sse1',
      data: 'seen over SSE',
      binary: false,
    });
    expect(message).toMatch(/^id: \d+$/m);
  });
});

describe('/api/status/101', () => {
  it('switches a valid WebSocket upgrade to the echo', async () => {
    const ws = await openWs(`ws://${base}/api/status/101`, ['echo.v1']);
    try {
      expect(ws.protocol).toBe('echo.v1');
      ws.send('through the simulator');
      expect((await nextMessage(ws)).data.toString()).toBe('through the simulator');
    } finally {
      ws.terminate();
    }
  });

  it('answers an invalid WebSocket handshake with the core\u2019s 426 and no 101', async () => {
    const outcome = await wsOutcome(`ws://${base}/api/status/101`, {
      protocolVersion: 8,
    });
    expect(outcome.opened).toBe(false);
    expect(outcome.status).toBe(426);
    expect(outcome.headers?.['sec-websocket-version']).toBe('13');
  });
});
