import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures.js';

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');

test('lab step 1 makes a real 101 and passes against the capture', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('/lab/101');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lab: 101 Switching Protocols');
  const step = page.getByTestId('lab-step-make-101');
  await step.getByRole('button', { name: 'Send step 1' }).click();
  await expect(step.getByTestId('lab-verdict')).toHaveText('✓ Passed');
  await expect(step).toContainText('101 Switching Protocols');
  await expect(step.getByRole('link', { name: 'open the exchange' })).toHaveAttribute(
    'href',
    /^\/x\/[A-Za-z0-9_-]+$/,
  );
  await page.screenshot({ path: path.join(shots, 'lab-101-laptop.png'), fullPage: true });
});

test('every breaking step shows its status and the warning it teaches', async ({ page }) => {
  await page.goto('/lab/101');
  const steps: [string, number, string, RegExp][] = [
    ['missing-connection', 2, 'ws-handshake/connection-missing-upgrade', /\b426\b/],
    ['wrong-version', 3, 'ws-handshake/version-not-13', /\b426\b/],
    ['short-key', 4, 'ws-handshake/invalid-key', /\b400\b/],
    ['http-1-0', 5, 'ws-handshake/http-version', /Your capture: \d{3}/],
    ['proxy-200', 6, 'upgrade/200-to-upgrade-request', /\b200\b/],
  ];
  for (const [id, number, ruleId, status] of steps) {
    const step = page.getByTestId(`lab-step-${id}`);
    await step.getByRole('button', { name: `Send step ${number}` }).click();
    await expect(step.getByTestId('lab-verdict')).toHaveText('✓ Passed');
    await expect(step).toContainText(status);
    await expect(step.getByRole('link', { name: ruleId })).toHaveAttribute(
      'href',
      `/rules/${ruleId}`,
    );
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.screenshot({ path: path.join(shots, 'lab-101-all-steps-laptop.png'), fullPage: true });
});
