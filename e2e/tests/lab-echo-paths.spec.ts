/**
 * /lab/echo-paths in Chromium against the real server: Run opens three real connections from
 * the server to its own /ws/echo (HTTP/1.1 Upgrade; h2c then RFC 8441; prior knowledge then
 * RFC 8441), and the page shows each succeed with its statuses, captures and the comparison.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures.js';

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');

const expected: [string, string][] = [
  ['http1-upgrade', '101'],
  ['h2c-upgrade', '101 → 200'],
  ['h2-prior-knowledge', '200'],
];

for (const [device, width, height] of [
  ['laptop', 1366, 900],
  ['phone', 390, 844],
] as const) {
  test(`Run reaches the echo three ways (${device})`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/lab/echo-paths');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Lab: three ways to reach the echo',
    );
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByTestId('echo-paths-summary')).toHaveText(
      'All three paths reached the echo and closed cleanly.',
    );
    for (const [key, statuses] of expected) {
      const column = page.getByTestId(`echo-path-${key}`);
      await expect(column.getByTestId('echo-path-outcome')).toContainText('✓ Echoed');
      await expect(column.getByTestId('echo-path-statuses')).toHaveText(statuses);
      await expect(column.getByRole('link', { name: 'the WebSocket' })).toHaveAttribute(
        'href',
        /^\/x\/[A-Za-z0-9_-]+$/,
      );
    }
    await expect(page.getByTestId('compare-enable-connect')).toContainText('1, sent by the server');
    await page.screenshot({
      path: path.join(shots, `lab-echo-paths-${device}.png`),
      fullPage: true,
    });
  });
}

test('each path links to the server capture of its WebSocket', async ({ page }) => {
  await page.goto('/lab/echo-paths');
  await page.getByRole('button', { name: 'Run' }).click();
  const column = page.getByTestId('echo-path-h2-prior-knowledge');
  await expect(column.getByTestId('echo-path-outcome')).toContainText('✓ Echoed');
  await column.getByRole('link', { name: 'the WebSocket' }).click();
  await expect(page).toHaveURL(/\/x\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole('main')).toContainText('CONNECT');
});

test('the playground and /lab/101 link to the page', async ({ page }) => {
  for (const from of ['/', '/lab/101']) {
    await page.goto(from);
    await page.getByRole('link', { name: 'three ways to reach the echo' }).click();
    await expect(page).toHaveURL(/\/lab\/echo-paths$/);
  }
});
