import { defineConfig } from 'vitest/config';

// The interop tests talk to real peers (`ws`, python3-websockets, curl, nghttp, Node's http2)
// over loopback sockets, and the property tests run thousands of cases, on a machine shared with
// other test runs: Vitest's 5 s default was too close for a healthy test under load (every wait
// inside has its own bound). In CI (`CI=true`, set by .ci/run) a failed test runs once more; one
// that fails twice fails the run. Locally a failure is final.
export default defineConfig({
  test: { testTimeout: 30_000, retry: process.env.CI ? 1 : 0 },
});
