import { defineConfig } from 'vitest/config';

// The interop tests talk to real peers (`ws`, python3-websockets) over loopback sockets on a
// machine shared with other test runs. In CI (`CI=true`, set by .ci/run) a failed test runs once
// more; one that fails twice fails the run. Locally a failure is final.
export default defineConfig({
  test: { retry: process.env.CI ? 1 : 0 },
});
