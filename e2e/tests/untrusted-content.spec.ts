import { test, expect } from './fixtures.js';

const hostile = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2; alert(1)">`;

test('a hostile header value typed into the header editor renders inert', async ({ page }) => {
  await page.goto('/');
  const value = page.getByRole('textbox', { name: 'Header 1 value' });
  await value.fill(hostile);
  const raw = page.getByTestId('raw-request');
  await expect(raw).toContainText(`Host: ${hostile}\\r\\n`);
  // Also through raw-text mode, which parses the text back into fields.
  await page.getByRole('button', { name: 'Raw text' }).click();
  await page.getByRole('textbox', { name: 'Header lines' }).press('End');
  await page.getByRole('textbox', { name: 'Header lines' }).press('Control+End');
  await page.keyboard.type(`\nX-Evil: ${hostile}`);
  await expect(raw).toContainText(`X-Evil: ${hostile}\\r\\n`);
  // Give an injected image time to fail and fire onerror, were it ever created.
  await page.waitForLoadState('networkidle');
  expect(await page.locator('main img, main script').count()).toBe(0);
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
});
