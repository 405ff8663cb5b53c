/**
 * Shared fixture: every test fails on a browser console error (a CSP violation shows up there;
 * Chromium's note about a 4xx/5xx answer does not count), on an uncaught page error, and on
 * any JavaScript dialog (an injected alert() would open one).
 */
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ pageProblems: string[] }>({
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        // Chromium logs every 4xx/5xx fetch; the simulator and the 404 pages answer those on purpose.
        const expectedStatus =
          /^Failed to load resource: the server responded with a status of [45]\d\d/;
        if (message.type() === 'error' && !expectedStatus.test(message.text())) {
          problems.push(`console: ${message.text()}`);
        }
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('dialog', (dialog) => {
        problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
        void dialog.dismiss();
      });
      await use(problems);
      expect(problems).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
