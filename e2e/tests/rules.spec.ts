import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures.js';

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');

test('the rules list groups the lint rules, and a rule page documents one', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('/rules');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rules');
  for (const group of ['Upgrade mechanism', 'WebSocket handshake', 'WebSocket frames']) {
    await expect(page.getByRole('heading', { level: 2, name: group })).toBeVisible();
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(shots, 'rules-laptop.png') });

  const handshake = page.getByRole('region', { name: 'WebSocket handshake' });
  await handshake
    .getByRole('link', { name: 'Sec-WebSocket-Accept does not match the key' })
    .click();
  await expect(page).toHaveURL(/\/rules\/ws-handshake\/accept-mismatch$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Sec-WebSocket-Accept does not match the key',
  );
  await expect(page.getByRole('link', { name: /^RFC 6455 §/ })).toHaveAttribute(
    'href',
    /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc6455#section-/,
  );
  await expect(page.getByRole('heading', { name: 'How to fix it' })).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'rule-accept-mismatch-laptop.png') });

  await page.getByRole('link', { name: 'WebSocket handshake' }).click();
  await expect(page).toHaveURL(/\/rules\/ws-handshake$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('WebSocket handshake');
});

test('a rule page works on reload, on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const response = await page.goto('/rules/upgrade/missing-connection-upgrade');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Request sends Upgrade without the "upgrade" connection option',
  );
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(shots, 'rule-phone.png') });
});
