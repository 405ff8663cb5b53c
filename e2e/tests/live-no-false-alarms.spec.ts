/**
 * Issue 5's "no false alarms", with a real browser: Chromium's own `new WebSocket()` to
 * `/ws/echo` is a correct client, so its capture must carry no error or warning finding.
 */
import { test, expect } from './fixtures.js';

test("Chromium's WebSocket to /ws/echo is captured without errors or warnings", async ({
  page,
  request,
}) => {
  await page.goto('/');
  const tag = `nofalse${Date.now()}`;
  const echoed = await page.evaluate(async (t) => {
    const socket = new WebSocket(`ws://${location.host}/ws/echo?${t}`);
    socket.binaryType = 'arraybuffer';
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no echo within 10 s')), 10_000);
      socket.onerror = () => reject(new Error('websocket error'));
      socket.onopen = () => {
        socket.send(JSON.stringify({ hello: t }));
        socket.send(new Uint8Array([0, 1, 2, 255]));
      };
      let seen = 0;
      socket.onmessage = () => {
        seen += 1;
        if (seen === 2) socket.close(1000, 'done');
      };
      socket.onclose = (event) => {
        clearTimeout(timer);
        resolve(`${event.code} ${event.wasClean}`);
      };
    });
  }, tag);
  expect(echoed).toBe('1000 true');

  let exchange:
    | { findings: { ruleId: string; severity: string }[]; websocket?: { close?: unknown } }
    | undefined;
  await expect
    .poll(
      async () => {
        const list = (await (await request.get('/api/exchanges?limit=50')).json()) as {
          items: { id: string; target: string }[];
        };
        const found = list.items.find((item) => item.target === `/ws/echo?${tag}`);
        if (!found) return false;
        exchange = (await (
          await request.get(`/api/exchanges/${found.id}`)
        ).json()) as typeof exchange;
        return exchange?.websocket?.close !== undefined;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  const alarms = (exchange?.findings ?? []).filter(
    (f) => f.severity === 'error' || f.severity === 'warning',
  );
  expect(alarms).toEqual([]);
});
