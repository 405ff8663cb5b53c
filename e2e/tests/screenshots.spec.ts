import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');

const shots: {
  name: string;
  path: string;
  heading: RegExp;
  width: number;
  height: number;
  dark?: boolean;
}[] = [
  { name: 'playground-laptop', path: '/', heading: /Playground/, width: 1366, height: 900 },
  {
    name: 'playground-laptop-dark',
    path: '/',
    heading: /Playground/,
    width: 1366,
    height: 900,
    dark: true,
  },
  { name: 'playground-phone', path: '/', heading: /Playground/, width: 390, height: 844 },
  {
    name: 'status-list-laptop',
    path: '/status',
    heading: /Status codes/,
    width: 1366,
    height: 900,
  },
  { name: 'status-101-laptop', path: '/status/101', heading: /101/, width: 1366, height: 900 },
  {
    name: 'status-101-phone-dark',
    path: '/status/101',
    heading: /101/,
    width: 390,
    height: 844,
    dark: true,
  },
  {
    name: 'exchange-not-found-laptop',
    path: '/x/doesNotExist0000000000',
    heading: /No exchange/,
    width: 1366,
    height: 900,
  },
];

for (const shot of shots) {
  test(`screenshot: ${shot.name}`, async ({ browser }) => {
    const context = await browser.newContext({
      viewport: { width: shot.width, height: shot.height },
      colorScheme: shot.dark ? 'dark' : 'light',
    });
    const page = await context.newPage();
    await page.goto(shot.path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(shot.heading);
    // Nothing may overflow sideways at any width (responsive layout).
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(dir, `${shot.name}.png`) });
    if (shot.path.startsWith('/status/')) {
      await page.getByRole('button', { name: 'Try it' }).click();
      await expect(page.getByTestId('try-it-status-line')).toBeVisible();
      const tryIt = page.getByRole('region', { name: 'Try it' });
      await tryIt.screenshot({ path: path.join(dir, `${shot.name}-try-it.png`) });
    }
    await context.close();
  });
}
