import { test, expect } from './fixtures.js';

const pages: [string, string][] = [
  ['/', 'Playground'],
  ['/status', 'Status codes'],
  ['/status/426', '426 Upgrade Required'],
  ['/rules', 'Rules'],
  ['/rules/some-rule', 'No rule with this id'],
  [
    '/rules/upgrade/missing-connection-upgrade',
    'Request sends Upgrade without the "upgrade" connection option',
  ],
  ['/lab/101', 'Lab: 101 Switching Protocols'],
  ['/x/doesNotExist0000000000', 'No exchange with this link'],
  ['/status/not-a-code', 'Page not found'],
];

/** A share link with no exchange behind it comes with 404, like its API (issue 4). */
const statusOf = (path: string) => (path.startsWith('/x/') ? 404 : 200);

for (const [path, heading] of pages) {
  test(`${path} renders, and again on reload`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(statusOf(path));
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  });
}

test('a path with no route shows the UI’s "Page not found", with status 404', async ({
  page,
  request,
}) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  // A client that asks for anything (fetch, curl) still gets problem+json.
  const api = await request.get('/no/such/page');
  expect(api.status()).toBe(404);
  expect(api.headers()['content-type']).toMatch(/^application\/problem\+json/);
});

test('navigation moves between sections without a full reload, and back works', async ({
  page,
}) => {
  await page.goto('/');
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Status codes' }).click();
  await expect(page).toHaveURL(/\/status$/);
  await expect(nav.getByRole('link', { name: 'Status codes' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await nav.getByRole('link', { name: 'Lab' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lab: 101 Switching Protocols');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Status codes');
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
});

test('server routes are not swallowed by the UI', async ({ request }) => {
  const api = await request.get('/api/no-such-route');
  expect(api.status()).toBe(404);
  expect(api.headers()['content-type']).toContain('application/problem+json');
  const unknown = await request.get('/nowhere');
  expect(unknown.status()).toBe(404);
});

test('the keyboard reaches a skip link first, with a visible focus ring', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
});
