import { test, expect } from './fixtures.js';

test('presets, the key generator and keyboard reordering change the bytes shown', async ({
  page,
}) => {
  await page.goto('/');
  const raw = page.getByTestId('raw-request');
  await expect(raw).toContainText(/Sec-WebSocket-Key: [A-Za-z0-9+/]{22}==\\r\\n/);

  await page
    .getByRole('combobox', { name: 'Preset' })
    .selectOption({ label: 'Missing Connection' });
  await page.getByRole('button', { name: 'Load preset' }).click();
  await expect(raw).not.toContainText('Connection:');
  const before = await raw.textContent();
  await page.getByRole('button', { name: 'New Sec-WebSocket-Key' }).click();
  await expect(raw).not.toHaveText(before ?? '');

  // Headers are Host, Upgrade, Sec-WebSocket-Key, Sec-WebSocket-Version: move Version to the top.
  await page.getByRole('textbox', { name: 'Header 4 name' }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByRole('textbox', { name: 'Header 1 name' })).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Header 1 name' })).toHaveValue(
    'Sec-WebSocket-Version',
  );
  await expect(raw).toContainText(
    /^GET \/ws\/echo HTTP\/1\.1\\r\\n\s*Sec-WebSocket-Version: 13\\r\\n\s*Host: /,
  );
});
