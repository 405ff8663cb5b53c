/**
 * A share link opened while its exchange is still in progress: `GET /api/exchanges/{id}` serves
 * a live snapshot of an active capture, which has no `timings.end`. The page must say "In
 * progress" (never that the connection closed), and show the end once the client goes away,
 * by refreshing on its own. Real peers: a Node HTTP client holding an `/sse` stream open, and a
 * raw TCP WebSocket client (a browser's WebSocket cannot read the 101's capture header).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { test, expect } from './fixtures.js';

/** Generous bounds: three helpers share two cores. The page refreshes every 2 s. */
const WAIT = { timeout: 20_000 };

/** Opens `/sse?room=...` and resolves with the capture id once the 200 head arrived. */
function openSse(baseURL: string, room: string): Promise<{ id: string; req: ClientRequest }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseURL}/sse?room=${room}`, {
      headers: { Accept: 'text/event-stream' },
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error('no /sse response head within 15 s'));
    }, 15_000);
    req.on('response', (res) => {
      clearTimeout(timer);
      res.on('data', () => {}); // keep reading the stream; it stays open until destroyed
      res.on('error', () => {}); // destroying the request ends it with an abort
      const id = res.headers['x-switchyard-capture'];
      if (res.statusCode === 200 && typeof id === 'string') resolve({ id, req });
      else reject(new Error(`unexpected /sse answer ${res.statusCode}`));
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end();
  });
}

/** A client frame (RFC 6455 §5.1: a client masks every frame, with a fresh key, §5.3). */
function clientFrame(opcode: number, payload: Buffer): Buffer {
  if (payload.length > 125) throw new Error('short frames only');
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] ?? 0)));
  return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, masked]);
}

/** A raw WebSocket handshake to `target`; resolves with the capture id once the 101 arrived. */
function openWebSocket(baseURL: string, target: string): Promise<{ id: string; socket: Socket }> {
  const { hostname, port, host } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let head = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no 101 within 15 s'));
    }, 15_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    };
    socket.on('error', fail);
    socket.on('connect', () => {
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
      );
    });
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      socket.on('data', () => {}); // the echoes and the server's Close: read and ignored
      clearTimeout(timer);
      const id = /^x-switchyard-capture: *(\S+)/im.exec(head.slice(0, end))?.[1];
      if (!head.startsWith('HTTP/1.1 101 ') || !id) fail(new Error(`no 101: ${head.slice(0, 80)}`));
      else resolve({ id, socket });
    };
    socket.on('data', onData);
  });
}

test('an open /sse stream reads "In progress", then shows its end', async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const { id, req } = await openSse(baseURL ?? '', `progress-${randomUUID().slice(0, 8)}`);
  try {
    await page.goto(`/x/${id}`);
    const progress = page.getByTestId('exchange-progress');
    await expect(progress.getByRole('status')).toHaveText('In progress', WAIT);
    await expect(progress.getByRole('button', { name: 'Reload' })).toBeVisible();
    await expect(page.getByTestId('exchange-status')).toContainText('In progress');
    await expect(
      page.getByText(/^Response body: \d+ bytes so far, text\/event-stream/),
    ).toBeVisible();
    await expect(page.getByText('No end yet: the exchange is still in progress.')).toBeVisible();
    await expect(page.getByText(/the connection closed first/)).toHaveCount(0);
  } finally {
    req.destroy(); // the client goes away: the server ends the capture
  }
  // The page refreshes on its own (every 2 s while in progress) and shows the end.
  await expect(page.getByTestId('exchange-progress').getByRole('status')).toHaveText(
    /^Ended: the exchange finished while this page was open/,
    WAIT,
  );
  await expect(page.getByTestId('exchange-status')).toHaveText(/^Ended .+ after it began$/);
  await expect(page.getByRole('button', { name: 'Reload' })).toHaveCount(0);
  await expect(page.getByText(/^Response body: \d+ bytes, text\/event-stream/)).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Timeline' }).getByText('End', { exact: true }),
  ).toBeVisible();
});

test('a WebSocket still connected lists frames so far, then shows its close', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const target = `/ws/echo?progress=${randomUUID().slice(0, 8)}`;
  const { id, socket } = await openWebSocket(baseURL ?? '', target);
  try {
    socket.write(clientFrame(0x1, Buffer.from('still here')));
    await page.goto(`/x/${id}`);
    const progress = page.getByTestId('exchange-progress');
    await expect(progress.getByRole('status')).toHaveText('In progress', WAIT);
    // The echo may arrive in a later snapshot: the page refreshes until it does.
    await expect(
      page.getByText(/1 from the client, 1 from the server; 2 stored so far\./),
    ).toBeVisible(WAIT);
    const summary = page.getByTestId('close-summary');
    await expect(summary).toContainText('neither side has sent a Close frame yet');
    await expect(summary).not.toContainText('without a Close frame');

    // RFC 6455 §5.5.1: a Close with status 1000; the echo answers and the connection ends.
    socket.write(clientFrame(0x8, Buffer.from([0x03, 0xe8])));
    await expect(progress.getByRole('status')).toHaveText(/^Ended: the exchange finished/, WAIT);
    await expect(summary).toContainText('Closed by client with 1000', WAIT);
    await expect(page.getByText(/; 4 stored\./)).toBeVisible();
  } finally {
    socket.destroy();
  }
});
