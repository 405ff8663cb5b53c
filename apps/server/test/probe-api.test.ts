/**
 * `POST /api/probe` against the app's own endpoints over real loopback sockets: a WebSocket
 * probe to /ws/echo driven through /api/probe/{id}/send, the fault endpoints, 400 on bad input,
 * 403 from the public-mode policy, 429 past the per-client cap.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openWs, startApp } from './support/ws-helpers.js';

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  ({ app, base } = await startApp({ PROBE_MAX_PER_CLIENT: '2' }));
});
afterAll(async () => {
  await app.close();
});

interface ProbeReply {
  id: string;
  link: string;
  open: boolean;
  outcome: string;
  status: number | null;
  handshake: { ok: boolean; findings: { code: string }[] } | null;
  exchange: {
    websocket?: { frames: { direction: string; opcode: number; findings: { code: string }[] }[] };
  };
}

async function post(body: unknown) {
  const res = await app.inject({ method: 'POST', url: '/api/probe', payload: body as object });
  return {
    res,
    json: res.json() as ProbeReply & { type?: string; refusals?: { range: string }[] },
  };
}

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('POST /api/probe', { timeout: 45_000 }, () => {
  it('probes /ws/echo, sends frames through the API, stores the exchange', async () => {
    const { res, json } = await post({
      url: `ws://${base}/ws/echo`,
      send: [{ type: 'text', text: 'via api' }],
    });
    expect(res.statusCode).toBe(201);
    expect(json.link).toBe(`/x/${json.id}`);
    expect(json.outcome).toBe('upgraded');
    expect(json.handshake?.ok).toBe(true);
    const read = async () =>
      (await app.inject({ url: `/api/probe/${json.id}` })).json() as ProbeReply;
    await until(async () =>
      ((await read()).exchange.websocket?.frames ?? []).some(
        (f) => f.direction === 'server-to-client',
      ),
    );
    const sent = await app.inject({
      method: 'POST',
      url: `/api/probe/${json.id}/send`,
      payload: { type: 'close', code: 1000, reason: 'bye' },
    });
    expect(sent.statusCode).toBe(200);
    await until(async () => (await read()).open === false);
    await until(async () => (await app.exchangeStore.get(json.id))?.websocket?.close !== undefined);
    const stored = await app.exchangeStore.get(json.id);
    expect(stored?.websocket?.close).toMatchObject({ clean: true, code: 1000 });
    expect(stored?.websocket?.frames.map((f) => f.opcode)).toEqual([1, 1, 8, 8]);
    // The exchanges API keeps the probe's own record (bytes, timings, outcome).
    const api = await app.inject({ url: `/api/exchanges/${json.id}` });
    expect(api.statusCode).toBe(200);
    expect((api.json() as { probe?: { outcome?: string } }).probe?.outcome).toBe('upgraded');
  });

  it('refuses an invalid frame without allowInvalid (422) and 409 once closed', async () => {
    const { json } = await post({ url: `ws://${base}/ws/echo` });
    const bad = await app.inject({
      method: 'POST',
      url: `/api/probe/${json.id}/send`,
      payload: { type: 'raw', opcode: 3 },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    await app.inject({
      method: 'POST',
      url: `/api/probe/${json.id}/send`,
      payload: { type: 'abort' },
    });
    await until(
      async () =>
        ((await app.inject({ url: `/api/probe/${json.id}` })).json() as ProbeReply).open === false,
    );
    const late = await app.inject({
      method: 'POST',
      url: `/api/probe/${json.id}/send`,
      payload: { type: 'text', text: 'late' },
    });
    expect(late.statusCode).toBe(409);
  });

  it('reports the fault endpoints as a client must see them', async () => {
    const bad = await post({ url: `ws://${base}/ws/faulty/bad-accept` });
    expect(bad.res.statusCode).toBe(201);
    expect(bad.json.outcome).toBe('handshake-failed');
    expect(bad.json.handshake?.findings.map((f) => f.code)).toContain('handshake-accept-mismatch');

    const masked = await post({ url: `ws://${base}/ws/faulty/masked-server-frame` });
    expect(masked.json.outcome).toBe('upgraded');
    await until(async () => {
      const s = (await app.inject({ url: `/api/probe/${masked.json.id}` })).json() as ProbeReply;
      return s.open === false;
    });
    const s = (await app.inject({ url: `/api/probe/${masked.json.id}` })).json() as ProbeReply;
    const serverFrame = s.exchange.websocket!.frames.find(
      (f) => f.direction === 'server-to-client',
    )!;
    expect(serverFrame.findings.map((f) => f.code)).toContain('server-frame-masked');
    // The probe failed the connection with 1002 (RFC 6455 §7.1.7, §5.1).
    const closeSent = s.exchange.websocket!.frames.find(
      (f) => f.direction === 'client-to-server' && f.opcode === 8,
    );
    expect(closeSent).toBeDefined();
  });

  it('sends [name, value] pairs and raw lines exactly as given', async () => {
    const received: Buffer[] = [];
    const server = net.createServer((socket) => {
      socket.on('data', (d) => {
        received.push(d);
        if (Buffer.concat(received).includes('\r\n\r\n')) {
          socket.end('HTTP/1.1 204 No Content\r\n\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const { res, json } = await post({
        url: `http://127.0.0.1:${port}/p`,
        method: 'PATCH',
        headers: [['hOsT', `127.0.0.1:${port}`], 'no colon here', ['X-A', ' padded ']],
      });
      expect(res.statusCode).toBe(201);
      expect(json.status).toBe(204);
      await until(async () => Buffer.concat(received).length > 0);
      expect(Buffer.concat(received).toString('latin1')).toBe(
        `PATCH /p HTTP/1.1\r\nhOsT: 127.0.0.1:${port}\r\nno colon here\r\nX-A:  padded \r\n\r\n`,
      );
    } finally {
      server.close();
    }
  });

  it('publishes its events on /api/live', async () => {
    const live = await openWs(`ws://${base}/api/live`);
    const events: { type: string; id?: string; frame?: { direction: string } }[] = [];
    live.on('message', (d: Buffer) => events.push(JSON.parse(d.toString()) as (typeof events)[0]));
    try {
      live.send(JSON.stringify({ subscribe: 'all' }));
      await until(async () => events.some((e) => e.type === 'subscribed'));
      const { json } = await post({
        url: `ws://${base}/ws/echo`,
        send: [{ type: 'text', text: 'live' }],
      });
      await until(async () =>
        events.some(
          (e) =>
            e.id === json.id && e.type === 'frame' && e.frame?.direction === 'server-to-client',
        ),
      );
      const mine = events.filter((e) => e.id === json.id).map((e) => e.type);
      expect(mine.slice(0, 2)).toEqual(['begin', 'response']);
      await app.inject({
        method: 'POST',
        url: `/api/probe/${json.id}/send`,
        payload: { type: 'close' },
      });
      await until(async () => events.some((e) => e.id === json.id && e.type === 'end'));
    } finally {
      live.terminate();
    }
  });

  it('redacts credentials in what it shows and stores, raw bytes included', async () => {
    const secret = 'Bearer s3cr3t-probe-token';
    const { json } = await post({
      url: `http://${base}/healthz`,
      headers: [
        ['Host', base],
        ['Authorization', secret],
      ],
    });
    expect(json.status).toBe(200);
    await until(async () => (await app.exchangeStore.get(json.id)) !== undefined);
    const stored = (await app.exchangeStore.get(json.id)) as unknown as {
      request: { headers: [string, string][] };
      probe: { sentBase64: string };
    };
    const shown = JSON.stringify(json) + JSON.stringify(stored);
    expect(shown).not.toContain('s3cr3t');
    expect(stored.request.headers).toContainEqual(['Authorization', '[redacted]']);
    expect(Buffer.from(stored.probe.sentBase64, 'base64').toString('latin1')).toContain(
      'Authorization: [redacted]',
    );
  });

  it('answers bad input with 400 problem+json', async () => {
    for (const body of [
      {},
      { url: 'ftp://127.0.0.1/' },
      { url: `ws://${base}/`, timeouts: { idleMs: 0 } },
    ]) {
      const { res } = await post(body);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });
});

describe('policy and limits', { timeout: 45_000 }, () => {
  it('refuses loopback with 403 problem+json in public mode', async () => {
    const pub = await startApp({ PROBE_POLICY: 'public' });
    try {
      const res = await pub.app.inject({
        method: 'POST',
        url: '/api/probe',
        payload: { url: `ws://${pub.base}/ws/echo` },
      });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const body = res.json() as { type: string; refusals: { range: string }[] };
      expect(body.type).toMatch(/probe-target-refused$/);
      expect(body.refusals[0]!.range).toBe('127.0.0.0/8');
    } finally {
      await pub.app.close();
    }
  });

  it('caps concurrent probes per client with 429', async () => {
    const one = await startApp({ PROBE_MAX_PER_CLIENT: '1' });
    try {
      const first = await one.app.inject({
        method: 'POST',
        url: '/api/probe',
        payload: { url: `ws://${one.base}/ws/echo` },
      });
      expect(first.statusCode).toBe(201);
      const second = await one.app.inject({
        method: 'POST',
        url: '/api/probe',
        payload: { url: `ws://${one.base}/ws/echo` },
      });
      expect(second.statusCode).toBe(429);
    } finally {
      await one.app.close();
    }
  });
});
