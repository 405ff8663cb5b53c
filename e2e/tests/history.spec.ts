import { test, expect } from './fixtures.js';

test('history lists exchanges from Try it and opened links, newest first, and clears', async ({
  page,
}) => {
  await page.goto('/status/404');
  await page.getByRole('button', { name: 'Try it' }).click();
  await expect(page.getByTestId('try-it-status-line')).toBeVisible();
  await page.goto('/status/418');
  await page.getByRole('button', { name: 'Try it' }).click();
  await page.getByRole('link', { name: 'Open the captured exchange' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('418');

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
  const list = page.getByRole('list', { name: 'Recent exchanges' });
  const items = list.getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('GET /api/status/418');
  await expect(items.nth(1)).toContainText('GET /api/status/404');

  await items.nth(1).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('404');
  await page.goBack();
  await expect(items.nth(0)).toContainText('GET /api/status/404');

  await page.getByRole('button', { name: 'Clear history' }).click();
  await expect(page.getByText('Nothing yet.')).toBeVisible();
});
