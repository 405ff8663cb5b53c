import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures.js';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');

test('Try it links to its captured exchange, shown raw and as a table', async ({ page }) => {
  await page.goto('/status/404');
  await page.getByRole('button', { name: 'Try it' }).click();
  await expect(page.getByTestId('try-it-status-line')).toHaveText(/^HTTP\/1\.1 404 Not Found$/);
  await page.getByRole('link', { name: 'Open the captured exchange' }).click();
  await expect(page).toHaveURL(/\/x\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('GET /api/status/404');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('404');
  const request = page.getByTestId('raw-request-head');
  await expect(request).toContainText('GET /api/status/404 HTTP/1.1\\r\\n');
  await expect(page.getByTestId('raw-response-head')).toContainText(
    /HTTP\/1\.1 404 Not Found\\r\\n/,
  );
  await expect(page.getByRole('rowheader', { name: 'Host' }).first()).toBeVisible();
  // The same link works on reload, as a shared link would.
  await page.reload();
  await expect(page.getByTestId('raw-request-head')).toContainText('GET /api/status/404 HTTP/1.1');
});

test('a WebSocket exchange from the browser shows its 101 and its frames as text', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const hostile = 'hello <img src=x onerror="window.__pwned=1">';
  // A target of its own: other tests (and a retry of this one) capture /ws/echo too.
  const target = `/ws/echo?view=${randomUUID().slice(0, 8)}`;
  // A real browser WebSocket to the echo endpoint (allowed by the UI's CSP connect-src).
  const echoed = await page.evaluate(
    async ({ text, target }) => {
      const socket = new WebSocket(`ws://${location.host}${target}`);
      return await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no echo within 10 s')), 10_000);
        socket.onerror = () => reject(new Error('websocket error'));
        socket.onopen = () => socket.send(text);
        socket.onmessage = (event) => {
          clearTimeout(timer);
          socket.close(1000, 'done');
          resolve(String(event.data));
        };
      });
    },
    { text: hostile, target },
  );
  expect(echoed).toBe(hostile);

  // Find it in the recent list once the capture is stored (bounded poll).
  let id = '';
  await expect
    .poll(
      async () => {
        const list = (await (await request.get('/api/exchanges?limit=20')).json()) as {
          items: { id: string; kind: string; target: string; frames?: number }[];
        };
        const found = list.items.find(
          (item) => item.kind === 'websocket' && item.target === target,
        );
        id = found?.id ?? '';
        return (found?.frames ?? 0) >= 2;
      },
      { timeout: 15_000 },
    )
    .toBe(true);

  await page.goto(`/x/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('101');
  await expect(page.getByTestId('raw-response-head')).toContainText(
    'HTTP/1.1 101 Switching Protocols\\r\\n',
  );
  await expect(page.getByTestId('raw-request-head')).toContainText(
    /Sec-WebSocket-Key: [A-Za-z0-9+/]{22}==\\r\\n/i,
  );
  const frames = page.getByRole('region', { name: 'Frames' });
  await expect(frames.getByRole('cell', { name: hostile }).first()).toBeVisible();
  await expect(frames.getByRole('cell', { name: 'C→S' }).first()).toBeVisible();
  await expect(frames.getByRole('cell', { name: 'S→C' }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await page.locator('main img').count()).toBe(0);
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
  await page.screenshot({
    path: path.join(screenshots, 'exchange-websocket-laptop.png'),
    fullPage: true,
  });
});
