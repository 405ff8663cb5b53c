import { test, expect } from './fixtures.js';

test('follows the system preference, toggles, and keeps the choice across reloads', async ({
  browser,
}) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto('/');
  const html = page.locator('html');
  await expect(html).toHaveClass(/\bdark\b/);
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(html).not.toHaveClass(/\bdark\b/);
  const background = await page
    .locator('body > #root > div')
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  await page.reload();
  await expect(html).not.toHaveClass(/\bdark\b/);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(html).toHaveClass(/\bdark\b/);
  const darkBackground = await page
    .locator('body > #root > div')
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(darkBackground).not.toBe(background);
  await context.close();
});

test('starts light for a light system preference', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto('/status');
  await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await context.close();
});
