/**
 * Issue 8: an exchange served over HTTP/2 (Debian's curl, `--http2`: h2c via Upgrade) shows the
 * frames seen on the socket, HPACK-decoded, in the exchange view; captured text stays text.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures.js';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');

/** curl --http2 -v against the e2e server (loopback); resolves with its stderr. */
function curlHttp2(url: string, extra: string[] = []): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      'curl',
      ['-sS', '-v', '--max-time', '10', '--http2', ...extra, url, '-o', '/dev/null'],
      { timeout: 15_000, encoding: 'utf8' },
      (_error, _stdout, stderr) => resolve(stderr),
    );
  });
}

test('a curl --http2 exchange shows its HTTP/2 frames, decoded', async ({ page, request }) => {
  const base = `http://127.0.0.1:${process.env.SWITCHYARD_E2E_PORT}`;
  const stderr = await curlHttp2(`${base}/api/status/200`, [
    '-H',
    'x-note: <img src=x onerror="window.__pwned=1">',
  ]);
  const id = /^< x-switchyard-capture: (\S+)/im.exec(stderr)?.[1] ?? '';
  expect(id).not.toBe('');
  // The record is stored once the stream is closed on the wire (bounded poll).
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/exchanges/${id}`);
        return res.ok() ? Boolean(((await res.json()) as { http2?: unknown }).http2) : false;
      },
      { timeout: 15_000 },
    )
    .toBe(true);

  await page.goto(`/x/${id}`);
  const frames = page.getByRole('region', { name: 'HTTP/2 frames' });
  await expect(frames).toContainText('h2c via Upgrade and 101');
  await expect(frames.getByRole('cell', { name: 'SETTINGS' }).first()).toBeVisible();
  await expect(frames.getByText('SETTINGS_ENABLE_CONNECT_PROTOCOL = 1').first()).toBeVisible();
  const response = frames.getByText(/decoded fields: :status 200/);
  await expect(response).toBeVisible();
  await response.click();
  await expect(frames.getByRole('rowheader', { name: 'content-type' })).toBeVisible();
  await expect(frames.getByRole('cell', { name: 'DATA' }).first()).toBeVisible();
  // The 101 that started it is listed with the interim responses.
  await expect(page.getByText(/101 Switching Protocols at/)).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await page.locator('main img').count()).toBe(0);
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
  await page.screenshot({
    path: path.join(screenshots, 'exchange-http2-laptop.png'),
    fullPage: true,
  });
});
