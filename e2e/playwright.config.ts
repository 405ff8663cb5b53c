/**
 * Playwright against the real thing: the built server (`apps/server/dist/main.js`) serving the
 * built UI (`apps/web/dist`), driven in Debian's Chromium (never `playwright install`). turbo
 * builds both first (this package depends on them). Only loopback is used.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));

/** A free loopback port, asked of the OS (listen on 0, read it, release it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

// Workers re-evaluate this file with the runner's environment: decide the port and the data
// directory once, in the runner, and hand them down through the environment.
process.env.SWITCHYARD_E2E_PORT ??= String(await freePort());
if (!process.env.SWITCHYARD_E2E_TLS_PORT) {
  // The TLS listener (https:// with ALPN h2, issue 8) on a second free port: never the HTTP one.
  let tlsPort = await freePort();
  for (let tries = 0; tries < 10 && String(tlsPort) === process.env.SWITCHYARD_E2E_PORT; tries++) {
    tlsPort = await freePort();
  }
  process.env.SWITCHYARD_E2E_TLS_PORT = String(tlsPort);
}
if (!process.env.SWITCHYARD_E2E_DATA) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'switchyard-e2e-'));
  process.env.SWITCHYARD_E2E_DATA = dataDir;
  // The runner made it, so the runner removes it, however the run ends (even if the server
  // never started, when a globalTeardown would not run).
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
}
const port = Number(process.env.SWITCHYARD_E2E_PORT);
const tlsPort = Number(process.env.SWITCHYARD_E2E_TLS_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // In CI, a failed test runs once more and a pass on the second try is reported as "flaky" (in
  // the summary, with the first failure's trace): a real browser on a shared, loaded machine
  // now and then misses a timing no test here asserts on. A test that fails twice fails the run.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: 'node ../apps/server/dist/main.js',
    cwd: here,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: process.env.SWITCHYARD_E2E_DATA,
      STORAGE: 'memory',
      // https:// + wss:// (tls-h2.spec.ts) on a free port; the development certificate is
      // created under DATA_DIR. The spec reads the port from SWITCHYARD_E2E_TLS_PORT.
      TLS: 'on',
      TLS_PORT: String(tlsPort),
      LOG_LEVEL: 'warn',
    },
  },
});
