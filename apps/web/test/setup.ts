import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach } from 'vitest';
import { lintLoading } from '../src/warnings/use-lint.js';

// Lazy routes compile on first import; on a loaded 2-core machine that can take seconds, so
// findBy* waits up to 10 s (a wait that still ends: it fails with the DOM printed).
configure({ asyncUtilTimeout: 10_000 });

// Vitest runs without globals, so Testing Library's automatic cleanup is not registered.
afterEach(() => cleanup());

// A page that shows findings loads the lint rules lazily (warnings/use-lint.ts); a test can end
// before that import has, and Vitest then fails the file for loading a module after teardown.
afterAll(async () => {
  await lintLoading();
});

// happy-dom's fetch would really connect to its page origin: component tests must not touch the
// network. Unstubbed requests answer 503 problem+json; tests that need answers stub fetch.
globalThis.fetch = async () =>
  Response.json(
    { type: 'about:blank', title: 'No network in component tests', status: 503 },
    { status: 503, headers: { 'content-type': 'application/problem+json' } },
  );
