import { test, expect } from './fixtures.js';

test('the status list groups the catalog by class and marks unregistered codes', async ({
  page,
}) => {
  await page.goto('/status');
  await expect(page.getByRole('heading', { level: 1, name: 'Status codes' })).toBeVisible();
  for (const group of [
    '1xx Informational',
    '2xx Successful',
    '3xx Redirection',
    '4xx Client Error',
    '5xx Server Error',
  ]) {
    await expect(page.getByRole('heading', { level: 2, name: group })).toBeVisible();
  }
  const informational = page.getByRole('region', { name: '1xx Informational' });
  await informational.getByRole('link', { name: /101\s*Switching Protocols/ }).click();
  await expect(page).toHaveURL(/\/status\/101$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('101 Switching Protocols');
  const citation = page.getByRole('link', { name: 'RFC 9110 §15.2.2' }).first();
  await expect(citation).toHaveAttribute(
    'href',
    'https://www.rfc-editor.org/rfc/rfc9110#section-15.2.2',
  );
});

test('Try it on /status/404 shows the simulator status line, headers and body as received', async ({
  page,
}) => {
  await page.goto('/status/404');
  await page.getByRole('button', { name: 'Try it' }).click();
  // Chromium reports the protocol it used (Resource Timing nextHopProtocol): HTTP/1.1 here.
  await expect(page.getByTestId('try-it-status-line')).toHaveText(/^HTTP\/1\.1 404 Not Found$/);
  const head = page.getByTestId('try-it-head');
  await expect(head).toContainText('content-type: application/json');
  await expect(head).toContainText('cache-control: no-store');
  await expect(page.getByTestId('try-it-body')).toContainText(/"target":\s*"\/api\/status\/404"/);
});

test('Try it on /status/418 shows its status line', async ({ page }) => {
  await page.goto('/status/418');
  await page.getByRole('button', { name: 'Try it' }).click();
  await expect(page.getByTestId('try-it-status-line')).toHaveText(/^HTTP\/1\.1 418\b/);
  await expect(page.getByTestId('try-it-head')).toContainText(/content-length: \d+/);
});
