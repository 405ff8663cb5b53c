/**
 * The playground end to end: compose a WebSocket upgrade, send it through the probe, follow the
 * exchange live, send frames, and open the share link in a fresh browser context.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.js';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');

const frameCells = (page: Page) => page.getByRole('rowgroup', { name: /^Frames/ });

async function sendTo(page: Page, endpoint: string) {
  await page.getByRole('combobox', { name: 'Endpoint' }).selectOption(endpoint);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByTestId('probe-session')).toBeVisible();
}

test('compose, send, watch the 101 and echo frames live, then share', async ({
  page,
  browser,
  request,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('preflight')).toContainText('No pre-flight findings');
  await sendTo(page, '/ws/echo');

  await expect(page.getByTestId('response-status')).toHaveText('101');
  await expect(page.getByTestId('live-request-head')).toContainText('GET /ws/echo HTTP/1.1\\r\\n');
  await expect(page.getByTestId('live-request-head')).toContainText(
    /Sec-WebSocket-Key: [A-Za-z0-9+/]{22}==\\r\\n/,
  );
  await expect(page.getByTestId('live-response-head')).toContainText(
    'HTTP/1.1 101 Switching Protocols\\r\\n',
  );
  await expect(page.getByTestId('accept-verdict')).toContainText('Match');
  await expect(page.getByTestId('accept-received')).toHaveText(
    (await page.getByTestId('accept-expected').textContent()) ?? 'never',
  );

  // A text frame, echoed by the server, shows up in both directions.
  const message = 'hello from the playground <b>bold?</b>';
  await page.getByRole('textbox', { name: 'Payload' }).fill(message);
  await page.getByRole('button', { name: 'Send frame' }).click();
  await expect(frameCells(page).getByRole('cell', { name: message })).toHaveCount(2);
  await expect(frameCells(page).getByRole('cell', { name: 'C→S' })).toHaveCount(1);
  await expect(frameCells(page).getByRole('cell', { name: 'S→C' })).toHaveCount(1);

  // A ping (hex payload) is answered with a pong.
  await page.getByRole('combobox', { name: 'Frame', exact: true }).selectOption('ping');
  await page.getByRole('textbox', { name: 'Payload' }).fill('01 02 03');
  await page.getByRole('button', { name: 'Send frame' }).click();
  await expect(frameCells(page).getByRole('cell', { name: 'pong' })).toHaveCount(1);

  // Select the echoed frame: its payload as text.
  await frameCells(page).getByRole('cell', { name: message }).last().click();
  await expect(page.getByTestId('frame-payload')).toHaveText(message);
  await page.screenshot({
    path: path.join(screenshots, 'playground-live-laptop.png'),
    fullPage: true,
  });

  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.getByRole('region', { name: 'Frames', exact: true }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshots, 'playground-frames-dark.png') });

  // Close from the playground: the probe ends and the final record is stored.
  await page.getByRole('combobox', { name: 'Frame', exact: true }).selectOption('close');
  await page.getByRole('textbox', { name: 'Reason' }).fill('bye');
  await page.getByRole('button', { name: 'Send frame' }).click();
  await expect(page.getByText(/Closed by client with 1000 "bye", cleanly/)).toBeVisible();

  const link = (await page.getByTestId('share-link').getAttribute('href')) ?? '';
  expect(link).toMatch(/^\/x\/[A-Za-z0-9_-]{22,}$/);
  const id = link.slice(3);
  await expect
    .poll(
      async () => {
        const r = await request.get(`/api/exchanges/${id}`);
        if (!r.ok()) return 0;
        const ex = (await r.json()) as { websocket?: { frames: unknown[]; close?: unknown } };
        return ex.websocket?.close ? ex.websocket.frames.length : 0;
      },
      { timeout: 15_000 },
    )
    .toBeGreaterThanOrEqual(6);

  // The share link in a fresh context (no state shared with the first page).
  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    await other.goto(link);
    await expect(other.getByTestId('raw-response-head')).toContainText(
      'HTTP/1.1 101 Switching Protocols\\r\\n',
    );
    await expect(frameCells(other).getByRole('cell', { name: message })).toHaveCount(2);
    await expect(frameCells(other).getByRole('cell', { name: 'pong' })).toHaveCount(1);
    await expect(frameCells(other).getByRole('cell', { name: '1000 bye' })).toHaveCount(2);
    await other.screenshot({
      path: path.join(screenshots, 'playground-share-link.png'),
      fullPage: true,
    });
  } finally {
    await fresh.close();
  }
});

test('a fault endpoint shows its warning: Sec-WebSocket-Accept mismatch', async ({ page }) => {
  await page.goto('/');
  // The faults come from GET /api/faults.
  await expect(
    page
      .getByRole('combobox', { name: 'Endpoint' })
      .locator('option[value="/ws/faulty/bad-accept"]'),
  ).toHaveCount(1);
  await sendTo(page, '/ws/faulty/bad-accept');
  await expect(page.getByTestId('accept-verdict')).toContainText('Mismatch');
  const expected = (await page.getByTestId('accept-expected').textContent()) ?? '';
  expect(expected).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  const finding = page.locator('[data-testid="finding"][data-rule="ws-handshake/accept-mismatch"]');
  await expect(finding).toBeVisible();
  await expect(finding).toContainText(expected);
  await expect(finding.getByRole('link', { name: /RFC 6455 §4/ })).toBeVisible();
  await page.screenshot({
    path: path.join(screenshots, 'playground-bad-accept.png'),
    fullPage: true,
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({
    path: path.join(screenshots, 'playground-bad-accept-phone.png'),
    fullPage: true,
  });
  await page.getByRole('group', { name: 'Send to' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshots, 'playground-phone-send.png') });
  await page.getByRole('region', { name: 'Warnings', exact: true }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshots, 'playground-phone-warnings.png') });
});

test('a refused send shows the problem title and detail', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Server' }).fill('ftp://example.invalid');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).not.toBeEmpty();
  await expect(page.getByTestId('probe-session')).toHaveCount(0);
});
