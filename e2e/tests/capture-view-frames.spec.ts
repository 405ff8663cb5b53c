/**
 * The share-link view of captured WebSocket connections, as a reader checks it (issue 4
 * review): a frame's header bits and mask key, a Close frame decoded with who sent what, the
 * timeline, a capped capture marked as truncated, a faulty server's Close frame with its RFC
 * link, and a phone-width page that does not overflow. Real clients only: Chromium's own
 * WebSocket, and a raw TCP handshake for the fault (a browser logs the fault as a console
 * error, which the shared fixture rightly treats as a failure).
 */
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect } from './fixtures.js';

/** A target of its own, so other tests' (or a retry's) echo captures never match. */
const uniqueEcho = (tag: string) => `/ws/echo?review=${tag}-${randomUUID().slice(0, 8)}`;

/** The id of the stored capture of `target`, once it is stored with its close (bounded poll). */
async function storedCapture(request: APIRequestContext, target: string): Promise<string> {
  let id = '';
  await expect
    .poll(
      async () => {
        const list = (await (await request.get('/api/exchanges?limit=50')).json()) as {
          items: { id: string; target: string }[];
        };
        id = list.items.find((item) => item.target === target)?.id ?? '';
        if (!id) return false;
        const record = (await (await request.get(`/api/exchanges/${id}`)).json()) as {
          websocket?: { close?: unknown };
        };
        return record.websocket?.close !== undefined;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return id;
}

/** Opens `target` with Chromium's WebSocket, runs `script` in the page, resolves on close. */
async function browserSocket(
  page: Page,
  target: string,
  script: 'close-4001' | 'two-large-binary',
): Promise<void> {
  await page.evaluate(
    async ({ target, script }) => {
      const socket = new WebSocket(`ws://${location.host}${target}`);
      socket.binaryType = 'arraybuffer';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no close within 15 s')), 15_000);
        let echoes = 0;
        socket.onerror = () => reject(new Error('websocket error'));
        socket.onclose = () => {
          clearTimeout(timer);
          resolve();
        };
        socket.onopen = () => {
          if (script === 'close-4001') {
            socket.send('first');
            return;
          }
          // 2 x 600 KiB of random bytes: more than the default 1 MiB capture byte cap, each
          // under the 1 MiB message limit.
          for (let i = 0; i < 2; i++) {
            const bytes = new Uint8Array(600 * 1024);
            for (let at = 0; at < bytes.length; at += 65536) {
              crypto.getRandomValues(bytes.subarray(at, at + 65536));
            }
            socket.send(bytes);
          }
        };
        socket.onmessage = () => {
          echoes++;
          if (script === 'close-4001') socket.close(4001, 'bye now');
          else if (echoes === 2) socket.close(1000, 'done');
        };
      });
    },
    { target, script },
  );
}

/** A raw RFC 6455 handshake to a fault endpoint; resolves with the capture id once it ended. */
function rawFaultHandshake(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let head = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('fault endpoint did not answer within 10 s'));
    }, 10_000);
    socket.on('error', reject);
    socket.on('connect', () =>
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n` +
          'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
          'Sec-WebSocket-Version: 13\r\n\r\n',
      ),
    );
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      // The head and then the bad Close frame (opcode 0x8): enough: drop the connection (no Close reply).
      const end = head.indexOf('\r\n\r\n');
      if (end >= 0 && head.length > end + 4) socket.destroy();
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const id = /X-Switchyard-Capture: ([A-Za-z0-9_-]+)/i.exec(head)?.[1];
      if (id) resolve(id);
      else reject(new Error(`no capture id in: ${head.slice(0, 200)}`));
    });
  });
}

const frameRow = (page: Page, seq: number) => page.locator(`[role="row"][data-seq="${seq}"]`);

test('a frame shows its header bits and mask key; a Close frame is decoded, with who sent it', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const target = uniqueEcho('close');
  await browserSocket(page, target, 'close-4001');
  const id = await storedCapture(request, target);

  await page.goto(`/x/${id}`);
  const frames = page.getByRole('region', { name: 'Frames' });
  // The client's Close frame: masked, status 4001 with its reason.
  const clientClose = frames
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: '4001 bye now' }) })
    .filter({ has: page.getByRole('cell', { name: 'C→S' }) });
  await expect(clientClose).toHaveCount(1);
  await clientClose.click();
  const fields = page.getByTestId('frame-header-fields');
  await expect(fields).toContainText('0x8 (close)');
  await expect(fields).toContainText(/1, key [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2}/);
  await expect(page.getByTestId('frame-payload')).toHaveText(
    'Status code: 4001 (private use)\nReason: bye now',
  );
  // The server's frames are not masked.
  const seq = Number(
    await frames
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'S→C' }) })
      .first()
      .getAttribute('data-seq'),
  );
  await frameRow(page, seq).click();
  await expect(page.getByTestId('frame-header-fields')).toContainText('0 (no masking key)');

  const summary = page.getByTestId('close-summary');
  await expect(summary).toContainText('Closed by client with 4001 "bye now", cleanly');
  await expect(summary).toContainText('Client sent: 4001 (private use) "bye now"');
  await expect(summary).toContainText('Server sent: 4001 (private use) "bye now"');
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline).toContainText('101 Switching Protocols');
  await expect(timeline).toContainText('Request head received');
});

test('a capture past its byte cap says it was truncated and marks the cut frames', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const target = uniqueEcho('cap');
  await browserSocket(page, target, 'two-large-binary');
  const id = await storedCapture(request, target);

  await page.goto(`/x/${id}`);
  const notice = page.getByRole('note', { name: 'Capture truncated' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('payload bytes not stored in all');
  const frames = page.getByRole('region', { name: 'Frames' });
  await expect(frames.getByText('cut', { exact: true }).first()).toBeVisible();
  // A cut frame's detail says how much of it was kept (of its wire payload, or of the message
  // it inflates to: Chromium compresses and fragments large messages).
  await frames
    .getByRole('row')
    .filter({ has: page.getByText('cut', { exact: true }) })
    .first()
    .click();
  await expect(page.getByTestId('frame-header-fields')).toContainText(
    /Stored\s*\d+ of \d+ payload bytes \(capture cap reached\)|Inflated\s*\d+ bytes \(cut by the capture cap\)/,
  );
});

test("a faulty server's Close frame carries its finding with a link to the RFC section", async ({
  page,
  baseURL,
}) => {
  const port = Number(new URL(baseURL ?? 'http://127.0.0.1').port);
  const id = await rawFaultHandshake(port, '/ws/faulty/close-1005-on-wire?hold=1000');
  // The capture has its close once the server ended the connection (after `hold` ms: it does
  // not notice the client leaving); reloading the page is the bounded poll.
  await expect
    .poll(
      async () => {
        await page.goto(`/x/${id}`);
        return await page.getByTestId('close-summary').count();
      },
      { timeout: 20_000 },
    )
    .toBe(1);
  await expect(page.getByTestId('close-summary')).toContainText(
    'Server sent: 1005 (No Status Rcvd)',
  );
  const serverClose = page
    .getByRole('region', { name: 'Frames' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: '1005' }) });
  await serverClose.first().click();
  await expect(page.getByTestId('frame-payload')).toContainText('Status code: 1005');
  const detail = page.getByRole('region', { name: /^Frame \d+$/ });
  const link = detail.getByRole('link', { name: /^RFC 6455 §7\.4/ });
  await expect(link).toHaveAttribute(
    'href',
    /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc6455#section-7\.4/,
  );
});

test('on a phone the capture page does not overflow and says the frames table scrolls', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const target = uniqueEcho('phone');
  await browserSocket(page, target, 'close-4001');
  const id = await storedCapture(request, target);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/x/${id}`);
  await expect(page.getByTestId('close-summary')).toBeVisible();
  await expect(page.getByText(/Scroll the table sideways/)).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
