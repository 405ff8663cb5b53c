/**
 * Issue 8, proof with an independent peer: Chromium loads the UI over `https://` with ALPN h2
 * (RFC 9113 §3.2, RFC 7301), and a `wss://` WebSocket opened by that page reaches the server as
 * an RFC 8441 extended CONNECT on the h2 connection. The server's own capture says how it
 * arrived: `:method CONNECT` with `:protocol websocket` (§4), answered 200 rather than 101 and
 * without Sec-WebSocket-Key/Accept (§5), the frames masked from the client only (RFC 6455 §5.1).
 * The playground's live channel (`/api/live`) takes the same path over https.
 *
 * The server runs its TLS listener with the self-signed development certificate, on the port
 * playwright.config.ts picked (SWITCHYARD_E2E_TLS_PORT); the browser context ignores
 * certificate errors. Only loopback is used.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect } from './fixtures.js';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');
const tlsPort = Number(process.env.SWITCHYARD_E2E_TLS_PORT);
const tlsOrigin = `https://127.0.0.1:${tlsPort}`;

test.use({ baseURL: tlsOrigin, ignoreHTTPSErrors: true });

/** Captured header fields: `[name, value]` in the order received. */
type Fields = [string, string][];
interface CapturedFrame {
  seq: number;
  direction: 'client-to-server' | 'server-to-client';
  opcode: number;
  masked: boolean;
  payload?: string;
  close?: { code?: number; reason?: string };
}
interface Captured {
  id: string;
  kind: string;
  endpoint: string;
  request: { method: string; target: string; httpVersion: string; headers: Fields };
  response?: { status: number; httpVersion: string; headers: Fields };
  timings: { end?: number };
  websocket?: {
    subprotocol: string | null;
    frames: CapturedFrame[];
    close?: { initiator: string; code?: number; reason?: string; clean: boolean };
  };
}

/** The TLS listener starts just after the HTTP one that Playwright waited for: wait for it too. */
async function waitForTls(request: APIRequestContext): Promise<void> {
  await expect
    .poll(
      async () => {
        try {
          return (await request.get('/healthz', { timeout: 2_000 })).status();
        } catch {
          return 0;
        }
      },
      { timeout: 15_000, message: `TLS listener on ${tlsOrigin}` },
    )
    .toBe(200);
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The finished capture of the `/ws/echo` exchange whose first message carried `marker`. */
async function echoCaptureWith(request: APIRequestContext, marker: string): Promise<Captured> {
  let found: Captured | undefined;
  await expect
    .poll(
      async () => {
        const list = (await (await request.get('/api/exchanges?limit=50')).json()) as {
          items: { id: string; endpoint: string }[];
        };
        for (const item of list.items.filter((i) => i.endpoint === '/ws/echo')) {
          const exchange = (await (
            await request.get(`/api/exchanges/${item.id}`)
          ).json()) as Captured;
          const frames = exchange.websocket?.frames ?? [];
          // Finished (its end recorded) and carrying our message.
          if (exchange.timings.end !== undefined && frames.some((f) => f.payload === marker)) {
            found = exchange;
            return true;
          }
        }
        return false;
      },
      { timeout: 15_000, message: 'the capture of the wss:// echo' },
    )
    .toBe(true);
  return found!;
}

/** The value of `name` in captured fields (names compared as HTTP/2 sends them: lower case). */
const field = (fields: Fields, name: string) => fields.find(([n]) => n === name)?.[1];

/** Records the WebSocket handshakes Chromium reports over CDP: URL and response status. */
async function watchHandshakes(page: Page): Promise<Map<string, number>> {
  const urls = new Map<string, string>();
  const statuses = new Map<string, number>();
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Network.webSocketCreated', (e) => urls.set(e.requestId, e.url));
  cdp.on('Network.webSocketHandshakeResponseReceived', (e) => {
    const url = urls.get(e.requestId);
    if (url !== undefined) statuses.set(url, e.response.status);
  });
  await cdp.send('Network.enable');
  return statuses;
}

test('the UI comes over h2 and its wss:// WebSocket arrives as an RFC 8441 extended CONNECT', async ({
  page,
  request,
}) => {
  await waitForTls(request);
  const navigation = await page.goto('/');
  expect(navigation?.status()).toBe(200);
  expect(page.url()).toBe(`${tlsOrigin}/`);
  await expect(page.getByRole('heading', { name: 'Playground' })).toBeVisible();

  // The browser's view: the document came over HTTP/2 (ALPN h2) ...
  const nextHop = await page.evaluate(
    () =>
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)
        ?.nextHopProtocol,
  );
  expect(nextHop).toBe('h2');
  // ... and the server's: a request from the page is seen as HTTP/2.0 on the TLS port.
  const seen = await page.evaluate(async () => {
    const response = await fetch('/api/status/200');
    const body = (await response.json()) as { request: { httpVersion: string } };
    const timing = performance.getEntriesByName(response.url)[0] as
      PerformanceResourceTiming | undefined;
    return { httpVersion: body.request.httpVersion, nextHop: timing?.nextHopProtocol };
  });
  expect(seen).toEqual({ httpVersion: 'HTTP/2.0', nextHop: 'h2' });

  // A WebSocket from the page: one message, its echo, a clean close (bounded by 10 s).
  const marker = `over h2 ${randomUUID()}`;
  const outcome = await page.evaluate(
    ({ url, message }) =>
      new Promise<{ echoed: unknown; code: number; reason: string; wasClean: boolean }>(
        (resolve, reject) => {
          const socket = new WebSocket(url);
          let echoed: unknown;
          const timer = setTimeout(() => {
            socket.close();
            reject(new Error('WebSocket timed out'));
          }, 10_000);
          socket.addEventListener('open', () => socket.send(message));
          socket.addEventListener('message', (event) => {
            echoed = event.data;
            socket.close(1000, 'bye');
          });
          socket.addEventListener('close', (event) => {
            clearTimeout(timer);
            resolve({ echoed, code: event.code, reason: event.reason, wasClean: event.wasClean });
          });
        },
      ),
    { url: `wss://127.0.0.1:${tlsPort}/ws/echo`, message: marker },
  );
  expect(outcome).toEqual({ echoed: marker, code: 1000, reason: 'bye', wasClean: true });

  // The server's capture of that WebSocket.
  const exchange = await echoCaptureWith(request, base64(marker));
  expect(exchange.kind).toBe('websocket');
  // RFC 8441 §4: an extended CONNECT on an HTTP/2 stream, not an HTTP/1.1 GET with Upgrade.
  expect(exchange.request.method).toBe('CONNECT');
  expect(exchange.request.httpVersion).toBe('2.0');
  const sent = exchange.request.headers;
  expect(field(sent, ':method')).toBe('CONNECT');
  expect(field(sent, ':protocol')).toBe('websocket');
  expect(field(sent, ':scheme')).toBe('https');
  expect(field(sent, ':path')).toBe('/ws/echo');
  expect(field(sent, ':authority')).toBe(`127.0.0.1:${tlsPort}`);
  expect(field(sent, 'origin')).toBe(tlsOrigin);
  // RFC 8441 §5: Sec-WebSocket-Version stays; no Key, no Upgrade/Connection (RFC 9113 §8.2.2).
  expect(field(sent, 'sec-websocket-version')).toBe('13');
  const names = sent.map(([name]) => name);
  for (const absent of ['sec-websocket-key', 'upgrade', 'connection', 'host']) {
    expect(names).not.toContain(absent);
  }
  // RFC 8441 §5: success is a 2xx on the stream, never 101, and there is no Accept.
  expect(exchange.response?.status).toBe(200);
  expect(exchange.response?.httpVersion).toBe('2.0');
  expect(exchange.response?.headers.map(([name]) => name)).not.toContain('sec-websocket-accept');

  // The frames, both ways: text out (masked, RFC 6455 §5.1), its echo (unmasked), then the
  // close handshake the page started (§5.5.1, §7.1.2).
  const frames = exchange.websocket?.frames ?? [];
  expect(
    frames.map(({ direction, opcode, masked, payload, close }) => ({
      direction,
      opcode,
      masked,
      ...(opcode === 1 ? { payload } : { close }),
    })),
  ).toEqual([
    { direction: 'client-to-server', opcode: 1, masked: true, payload: base64(marker) },
    { direction: 'server-to-client', opcode: 1, masked: false, payload: base64(marker) },
    {
      direction: 'client-to-server',
      opcode: 8,
      masked: true,
      close: { code: 1000, reason: 'bye' },
    },
    {
      direction: 'server-to-client',
      opcode: 8,
      masked: false,
      close: { code: 1000, reason: 'bye' },
    },
  ]);
  expect(exchange.websocket?.close).toMatchObject({
    initiator: 'client',
    code: 1000,
    reason: 'bye',
    clean: true,
  });

  // The share page of that capture, itself served over h2.
  await page.goto(`/x/${exchange.id}`);
  await expect(page.getByText('CONNECT', { exact: false }).first()).toBeVisible();
  await page.screenshot({
    path: path.join(screenshots, 'tls-h2-exchange-connect.png'),
    fullPage: true,
  });
});

test('the playground over https: its live channel is a wss:// extended CONNECT and follows the probe', async ({
  page,
  request,
}) => {
  await waitForTls(request);
  const handshakes = await watchHandshakes(page);
  await page.goto('/');
  await expect(page.getByTestId('preflight')).toContainText('No pre-flight findings');
  // The probe is the server's own client. It trusts the server's own development certificate
  // (besides the default roots), so it can probe the https:// origin the page came from; the
  // live view under test is the page's wss:// channel.
  await page.getByRole('textbox', { name: 'Server' }).fill(tlsOrigin);
  await page.getByRole('combobox', { name: 'Endpoint' }).selectOption('/ws/echo');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByTestId('probe-session')).toBeVisible();
  await expect(page.getByTestId('response-status')).toHaveText('101');
  // The connection state reads "live" once the page's WebSocket to /api/live is open.
  await expect(page.getByTestId('probe-session')).toContainText('live, probe: upgraded');

  // Chromium reports the live channel's handshake: 200 (RFC 8441 §5), where HTTP/1.1 has 101.
  await expect.poll(() => handshakes.get(`wss://127.0.0.1:${tlsPort}/api/live`)).toBe(200);

  // A frame through the probe, echoed, arrives in the page over the live channel.
  const frames = page.getByRole('rowgroup', { name: /^Frames/ });
  const message = `live over h2 ${randomUUID().slice(0, 8)}`;
  await page.getByRole('textbox', { name: 'Payload' }).fill(message);
  await page.getByRole('button', { name: 'Send frame' }).click();
  await expect(frames.getByRole('cell', { name: message })).toHaveCount(2);
  await expect(frames.getByRole('cell', { name: 'C→S' })).toHaveCount(1);
  await expect(frames.getByRole('cell', { name: 'S→C' })).toHaveCount(1);
  await page.screenshot({
    path: path.join(screenshots, 'tls-h2-playground-live.png'),
    fullPage: true,
  });

  await page.getByRole('combobox', { name: 'Frame', exact: true }).selectOption('close');
  await page.getByRole('textbox', { name: 'Reason' }).fill('done');
  await page.getByRole('button', { name: 'Send frame' }).click();
  await expect(page.getByText(/Closed by client with 1000 "done", cleanly/)).toBeVisible();
});

test('from a page over h2, wss:// chat and auth work too, each as an extended CONNECT', async ({
  page,
  request,
}) => {
  await waitForTls(request);
  const handshakes = await watchHandshakes(page);
  await page.goto('/');
  const room = `e2e${randomUUID().slice(0, 8)}`;
  const origin = `wss://127.0.0.1:${tlsPort}`;
  // Two members of one room: what one sends, both receive (the room broadcasts to everyone).
  // Then /ws/auth with the development token: its greeting. Bounded by 10 s.
  const outcome = await page.evaluate(
    ({ origin, room }) =>
      new Promise<{ heard: string[]; greeting: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out')), 10_000);
        const opened = (url: string) =>
          new Promise<WebSocket>((done, fail) => {
            const socket = new WebSocket(url);
            socket.addEventListener('open', () => done(socket));
            socket.addEventListener('error', () => fail(new Error(`${url} failed`)));
          });
        void (async () => {
          const a = await opened(`${origin}/ws/chat/${room}`);
          const b = await opened(`${origin}/ws/chat/${room}`);
          const heard = new Promise<string>((done) =>
            b.addEventListener('message', (e) => done(String(e.data)), { once: true }),
          );
          a.send('hello room');
          const auth = await opened(`${origin}/ws/auth?token=dev-token`);
          const greeting = new Promise<string>((done) =>
            auth.addEventListener('message', (e) => done(String(e.data)), { once: true }),
          );
          const result = { heard: [await heard], greeting: await greeting };
          for (const socket of [a, b, auth]) socket.close(1000);
          clearTimeout(timer);
          resolve(result);
        })().catch(reject);
      }),
    { origin, room },
  );
  expect(outcome.heard).toEqual(['hello room']);
  expect(JSON.parse(outcome.greeting)).toEqual({ authenticated: true, method: 'token' });
  // Chromium's own report: each handshake got 200 (RFC 8441 §5), not 101.
  await expect.poll(() => handshakes.get(`${origin}/ws/chat/${room}`)).toBe(200);
  await expect.poll(() => handshakes.get(`${origin}/ws/auth?token=dev-token`)).toBe(200);
});

test('a fault endpoint from a page over h2: reset with HTTP_1_1_REQUIRED, Chromium retries over HTTP/1.1 and meets the fault', async ({
  page,
  request,
  pageProblems,
}) => {
  await waitForTls(request);
  await page.goto('/');
  // Chromium answers HTTP_1_1_REQUIRED on one stream by draining the whole HTTP/2 connection:
  // every request still in flight on it fails with net::ERR_HTTP_1_1_REQUIRED (CI saw a lazily
  // loaded module of the page fail that way). So the page finishes loading first: the lint
  // rules (a module the playground imports lazily, after 'load') are in once the pre-flight
  // panel shows its verdict; then no request may still be in flight.
  await expect(page.getByTestId('preflight')).toContainText('No pre-flight findings');
  await page.waitForLoadState('networkidle');
  const marker = randomUUID().slice(0, 8);
  const code = await page.evaluate(
    (url) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out')), 10_000);
        const socket = new WebSocket(url);
        socket.addEventListener('open', () => reject(new Error('a bad Accept was accepted')));
        socket.addEventListener('close', (event) => {
          clearTimeout(timer);
          resolve(event.code);
        });
      }),
    `wss://127.0.0.1:${tlsPort}/ws/faulty/bad-accept?m=${marker}`,
  );
  // RFC 6455 §4.1: a client fails the connection on a wrong Sec-WebSocket-Accept (1006), and
  // Chromium says so on the console: the one console error this test expects (taken out of the
  // fixture's list, which must otherwise stay empty).
  expect(code).toBe(1006);
  const expected = pageProblems.findIndex((p) => p.includes("Incorrect 'Sec-WebSocket-Accept'"));
  expect(expected).toBeGreaterThanOrEqual(0);
  pageProblems.splice(expected, 1);
  // The server saw both attempts: the extended CONNECT it reset, then the HTTP/1.1 GET.
  await expect
    .poll(
      async () => {
        const list = (await (await request.get('/api/exchanges?limit=50')).json()) as {
          items: { method: string; target: string; status?: number }[];
        };
        return list.items
          .filter((i) => i.target.endsWith(`m=${marker}`))
          .map((i) => `${i.method} ${i.status ?? '-'}`)
          .sort();
      },
      { timeout: 15_000 },
    )
    .toEqual(['CONNECT -', 'GET 101']);
  // The page goes on working: Chromium now speaks HTTP/1.1 to this origin.
  const after = await page.evaluate(async () => {
    const url = `/healthz?after=${Date.now()}`;
    const response = await fetch(url);
    await response.text(); // the resource timing entry is made once the body is read
    const status = response.status;
    const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith(url));
    return { status, protocol: (entry as PerformanceResourceTiming | undefined)?.nextHopProtocol };
  });
  expect(after).toEqual({ status: 200, protocol: 'http/1.1' });
});
