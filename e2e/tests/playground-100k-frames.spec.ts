/**
 * The frames list at 100,000 frames in Chromium: the exchange JSON is synthesised in the test
 * (the server's capture caps keep real captures far smaller) and served to the real UI through
 * Playwright's request routing. Only a window of rows is in the DOM; scrolling to the end shows
 * the last frame; rows keep their fixed height (no layout shift).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures.js';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');
const COUNT = 100_000;
const id = 'MTAwa2ZyYW1lc2V4YW1wbGU';

function exchange() {
  const frames = Array.from({ length: COUNT }, (_, seq) => {
    const text = `{"n":${seq}}`;
    return {
      seq,
      direction: seq % 2 === 0 ? 'client-to-server' : 'server-to-client',
      fin: true,
      rsv1: false,
      rsv2: false,
      rsv3: false,
      opcode: 1,
      masked: seq % 2 === 0,
      payloadLength: text.length,
      lengthEncoding: 7,
      headerOffset: 0,
      headerLength: 2,
      payloadOffset: 2,
      payload: Buffer.from(text).toString('base64'),
      time: seq * 10,
      findings: [],
    };
  });
  return {
    schemaVersion: 1,
    id,
    createdAt: '2026-11-21T06:00:00.000Z',
    kind: 'websocket',
    endpoint: '/ws/echo',
    source: 'capture',
    request: { method: 'GET', target: '/ws/echo', httpVersion: '1.1', headers: [['Host', 'x']] },
    interim: [],
    response: { status: 101, reason: 'Switching Protocols', httpVersion: '1.1', headers: [] },
    requestBody: { size: 0, truncated: false },
    responseBody: { size: 0, truncated: false },
    timings: { start: 0, end: COUNT * 10 + 10 },
    notes: [],
    redactions: [],
    findings: [],
    websocket: {
      subprotocol: null,
      extensions: '',
      frames,
      framesSeen: { clientToServer: COUNT / 2, serverToClient: COUNT / 2 },
      truncation: {
        maxFrames: COUNT,
        maxBytes: 1e9,
        framesDropped: 0,
        bytesDropped: 0,
        framesCut: 0,
      },
    },
  };
}

test('100,000 frames: a window of rows, scrollable to the last frame', async ({ page }) => {
  const body = JSON.stringify(exchange());
  await page.route(`**/api/exchanges/${id}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body }),
  );
  await page.goto(`/x/${id}`);
  const list = page.getByTestId('frame-list');
  // The page fetches and parses about 27 MB of JSON first: slow on a loaded machine.
  await expect(page.getByText(`${COUNT} frames`, { exact: true })).toBeVisible({ timeout: 20_000 });
  const rows = list.locator('[data-seq]');
  await expect(rows.first()).toHaveAttribute('data-seq', '0');
  expect(await rows.count()).toBeLessThan(60);

  // Keyboard: End selects the last frame and scrolls it into view.
  await list.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('End');
  await expect(list.locator(`[data-seq="${COUNT - 1}"]`)).toBeVisible();
  await expect(page.getByTestId('frame-payload')).toHaveText(`{"n":${COUNT - 1}}`);
  expect(await rows.count()).toBeLessThan(60);
  const heights = await rows.evaluateAll((els) =>
    els.map((el) => Math.round(el.getBoundingClientRect().height)),
  );
  expect(new Set(heights)).toEqual(new Set([28]));
  await page.screenshot({ path: path.join(screenshots, 'frames-100k.png') });
});
