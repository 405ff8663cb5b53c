import { defineConfig } from 'vitest/config';

// Tests import the workspace packages through their built `dist/` (turbo builds dependencies
// before `test`), the same code the CLI and the server run. In CI a failed test (real sockets
// on a shared machine) runs once more; one that fails twice fails the run.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    retry: process.env.CI ? 1 : 0,
  },
});
