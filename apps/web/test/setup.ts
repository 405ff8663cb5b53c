import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Lazy routes compile on first import; on a loaded 2-core machine that can take seconds, so
// findBy* waits up to 10 s (a wait that still ends: it fails with the DOM printed).
configure({ asyncUtilTimeout: 10_000 });

// Vitest runs without globals, so Testing Library's automatic cleanup is not registered.
afterEach(() => cleanup());

// happy-dom's fetch would really connect to its page origin: component tests must not touch the
// network. Unstubbed requests answer 503 problem+json; tests that need answers stub fetch.
globalThis.fetch = async () =>
  Response.json(
    { type: 'about:blank', title: 'No network in component tests', status: 503 },
    { status: 503, headers: { 'content-type': 'application/problem+json' } },
  );
