import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures.js';

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');

test('a status page offers snippets, and Copy puts the exact curl command on the clipboard', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await page.goto('/status/404');
  const tabs = page.getByRole('tablist', { name: 'Snippets: the same request' });
  await expect(tabs.getByRole('tab', { name: 'curl' })).toHaveAttribute('aria-selected', 'true');
  const expected = `curl -i -H 'Accept: application/json' ${baseURL}/api/status/404`;
  await expect(page.getByTestId('snippet-code')).toHaveText(expected);
  await page.getByRole('button', { name: 'Copy curl snippet' }).click();
  await expect(page.getByRole('button', { name: 'Copy curl snippet' })).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);

  // Arrow keys move between tabs; the browser tab uses fetch for a plain request.
  await tabs.getByRole('tab', { name: 'curl' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: 'Browser JS' })).toBeFocused();
  await expect(page.getByTestId('snippet-code')).toContainText(
    `await fetch("${baseURL}/api/status/404"`,
  );
});

test('the 101 page offers WebSocket client snippets for the upgrade', async ({ page, baseURL }) => {
  await page.goto('/status/101');
  const tabs = page.getByRole('tablist', { name: 'Snippets: the WebSocket upgrade' });
  await tabs.getByRole('tab', { name: 'wscat' }).click();
  const wsURL = `${baseURL}/api/status/101`.replace(/^http/, 'ws');
  await expect(page.getByTestId('snippet-code')).toHaveText(`wscat -c ${wsURL}`);
  await tabs.getByRole('tab', { name: 'Browser JS' }).click();
  await expect(page.getByTestId('snippet-code')).toContainText(`new WebSocket("${wsURL}")`);
  await tabs.getByRole('tab', { name: 'Go' }).click();
  await page
    .getByRole('region', { name: 'Snippets: the WebSocket upgrade' })
    .screenshot({ path: path.join(shots, 'status-101-snippets.png') });
});
