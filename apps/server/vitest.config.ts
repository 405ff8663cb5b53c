/**
 * Server tests use real sockets and real peers (curl, nghttp, h2load, python3-websockets,
 * openssl) on a machine shared with the browser tests and PostgreSQL in CI, where a file can
 * run several times slower than alone. Every wait in the tests has its own bound; these are
 * the outer ones (Vitest's 5 s / 10 s defaults were met by healthy tests under load).
 *
 * In CI (`CI=true`, set by .ci/run) a failed test runs once more, like the browser tests; one
 * that fails twice fails the run. Locally a failure is final, so a flaky test shows at once.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    retry: process.env.CI ? 1 : 0,
  },
});
