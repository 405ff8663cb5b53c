import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures.js';

test('a Try it capture offers its share link, a HAR download with log.entries, and JSON', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await page.goto('/status/418');
  await page.getByRole('button', { name: 'Try it' }).click();
  await page.getByRole('link', { name: 'Open the captured exchange' }).click();
  await expect(page).toHaveURL(/\/x\/[A-Za-z0-9_-]+$/);
  const id = new URL(page.url()).pathname.slice('/x/'.length);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('418');

  const actions = page.getByRole('group', { name: 'Exchange actions' });
  await actions.getByRole('button', { name: 'Copy share link' }).click();
  await expect(actions.getByRole('button', { name: 'Link copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/x/${id}`);

  const harDownload = page.waitForEvent('download');
  await actions.getByRole('link', { name: 'Download HAR' }).click();
  const har = JSON.parse(await readFile(await (await harDownload).path(), 'utf8')) as {
    log: { version: string; entries: { response: { status: number } }[] };
  };
  expect(har.log.version).toBe('1.2');
  expect(har.log.entries.length).toBeGreaterThanOrEqual(1);
  expect(har.log.entries[0]?.response.status).toBe(418);

  const jsonDownload = page.waitForEvent('download');
  await actions.getByRole('button', { name: 'Download JSON' }).click();
  const download = await jsonDownload;
  expect(download.suggestedFilename()).toBe(`exchange-${id}.json`);
  const record = JSON.parse(await readFile(await download.path(), 'utf8')) as {
    id: string;
    response: { status: number };
  };
  expect(record.id).toBe(id);
  expect(record.response.status).toBe(418);

  // "Open in playground" hands the captured request to the composer, to edit and send again.
  await actions.getByRole('button', { name: 'Open in playground' }).click();
  await expect(page).toHaveURL(`${baseURL}/`);
  await expect(
    page.getByRole('status').filter({ hasText: 'Loaded from the capture' }),
  ).toContainText(`/x/${id}`);
  await expect(page.getByText('/api/status/418', { exact: false }).first()).toBeVisible();
});
