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

test('a simulator body served as text/html cannot run script as this origin', async ({
  page,
  request,
  pageProblems,
}) => {
  // `?body=` is anyone's content, served from the origin of the UI and the captures.
  const body = `<title>inert</title><script>document.title = 'pwned'; alert(document.domain)</script>`;
  const url = `/api/status/200?content_type=text/html&body=${encodeURIComponent(body)}`;
  const headers = (await request.get(url)).headersArray();
  expect(headers).toContainEqual({ name: 'content-security-policy', value: 'sandbox' });
  expect(headers).toContainEqual({ name: 'x-content-type-options', value: 'nosniff' });
  // In Chromium the page renders, its script does not run (no title change, and no dialog: the
  // fixture fails on one), and the document's origin is opaque.
  await page.goto(url);
  await expect(page).toHaveTitle('inert');
  expect(await page.evaluate(() => window.origin)).toBe('null');
  // Even when the URL also sends a Content-Security-Policy of its own that allows script, or
  // asks for the field to be removed.
  for (const header of [
    "Content-Security-Policy:script-src 'unsafe-inline'",
    'Content-Security-Policy:',
  ]) {
    await page.goto(`${url}&header=${encodeURIComponent(header)}`);
    await expect(page).toHaveTitle('inert');
  }
  // Chromium says why on the console, for each of the three loads: the only console errors
  // this test expects (taken out of the fixture's list, which must otherwise stay empty).
  const blocked = (p: string) =>
    p.includes('Blocked script execution') && p.includes("'allow-scripts' permission is not set");
  expect(pageProblems.filter(blocked).length).toBeGreaterThanOrEqual(3);
  pageProblems.splice(0, pageProblems.length, ...pageProblems.filter((p) => !blocked(p)));
});
