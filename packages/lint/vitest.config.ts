import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Test against the workspace packages' sources, so the suite does not depend on their dist/
// being built (CI builds them anyway; locally they may be mid-edit).
const src = (pkg: string): string =>
  fileURLToPath(new URL(`../${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@switchyard/protocol': src('protocol'),
      '@switchyard/exchange': src('exchange'),
      '@switchyard/catalog': src('catalog'),
    },
  },
  test: { include: ['test/**/*.test.ts'] },
});
