import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webPlugin, { defaultWebRoot } from '../src/features/web/plugin.js';
import problemPlugin from '../src/plugins/problem.js';

const INDEX =
  '<!doctype html><html><head><title>ui</title></head><body><div id="root"></div></body></html>';

function cspOf(headers: Record<string, unknown>): Map<string, string[]> {
  const csp = String(headers['content-security-policy'] ?? '');
  const directives = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name, values);
  }
  return directives;
}

async function appWith(root: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  // A sibling route outside the web plugin: it must get neither index.html nor the UI's CSP.
  app.get('/api/ping', async () => ({ pong: true }));
  await app.register(webPlugin, { root });
  await app.ready();
  return app;
}

describe('web plugin with a built UI', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'switchyard-web-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), INDEX);
    writeFileSync(path.join(dir, 'assets', 'main-abc123.js'), 'console.log("ui")\n');
    writeFileSync(path.join(dir, 'theme-init.js'), '// theme\n');
    app = await appWith(dir);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    '/',
    '/status',
    '/status/101',
    '/x/abcDEF_123-xyz',
    '/rules',
    '/rules/ws-accept',
    '/lab/101',
    '/history',
  ])('answers the client route %s with index.html', async (url) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toBe(INDEX);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('sends a strict CSP with the UI: self only, WebSocket connects allowed, no inline script', async () => {
    const response = await app.inject({ method: 'GET', url: '/status/418' });
    const csp = cspOf(response.headers);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(String(response.headers['content-security-policy'])).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves hashed assets as immutable and other files as no-cache', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/main-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.body).toBe('console.log("ui")\n');
    const script = await app.inject({ method: 'GET', url: '/theme-init.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['cache-control']).toBe('no-cache');
  });

  it.each(['/api/nope', '/ws/echo', '/docs', '/assets/missing.js', '/statusx', '/lab'])(
    'does not answer %s with index.html',
    async (url) => {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('<div id="root">');
    },
  );

  it('leaves routes outside the plugin without the UI CSP', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/ping' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toBeUndefined();
  });

  it('rejects path traversal out of the root', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/..%2f..%2fetc%2fpasswd' });
    expect(response.statusCode).toBe(404);
  });
});

describe('share links', () => {
  const KNOWN = 'AAAAAAAAAAAAAAAAAAAAAAAA';
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'switchyard-web-x-'));
    writeFileSync(path.join(dir, 'index.html'), INDEX);
    app = Fastify({ logger: false });
    // The capture service's lookup, with one stored exchange (the full app's is tested in e2e).
    app.decorate('captures', {
      get: async (id: string) => (id === KNOWN ? { id } : undefined),
    } as unknown as FastifyInstance['captures']);
    await app.register(webPlugin, { root: dir });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a known share id with the page and 200', async () => {
    const response = await app.inject({ method: 'GET', url: `/x/${KNOWN}` });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(INDEX);
  });

  it.each(['BBBBBBBBBBBBBBBBBBBBBBBB', 'not-a-share-id'])(
    'answers the unknown share id %s with the page (which says so) and 404',
    async (id) => {
      const response = await app.inject({ method: 'GET', url: `/x/${id}` });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toBe(INDEX);
      expect(response.headers['cache-control']).toBe('no-cache');
    },
  );
});

describe('web plugin without a built UI', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'switchyard-web-empty-'));
    app = await appWith(dir);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('still starts and says the UI is not built', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toContain('UI is not built');
    const route = await app.inject({ method: 'GET', url: '/status/101' });
    expect(route.statusCode).toBe(503);
    const api = await app.inject({ method: 'GET', url: '/api/ping' });
    expect(api.statusCode).toBe(200);
  });
});

describe('default web root', () => {
  it('is the absolute path of apps/web/dist', () => {
    expect(path.isAbsolute(defaultWebRoot)).toBe(true);
    expect(defaultWebRoot.split(path.sep).slice(-3)).toEqual(['apps', 'web', 'dist']);
  });

  it('rejects a relative root', async () => {
    const app = Fastify({ logger: false });
    await expect(app.register(webPlugin, { root: 'apps/web/dist' }).ready()).rejects.toThrow(
      /absolute/,
    );
    await app.close();
  });
});

describe('a path with no route, opened by a browser', () => {
  let dir: string;
  let app: FastifyInstance;
  const html = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'switchyard-web-404-'));
    writeFileSync(path.join(dir, 'index.html'), INDEX);
    app = Fastify({ logger: false });
    await app.register(problemPlugin);
    await app.register(webPlugin, { root: dir });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gets the UI (its own "Page not found") with 404 and the UI headers', async () => {
    const response = await app.inject({ url: '/no/such/page', headers: { accept: html } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toBe(INDEX);
    expect(cspOf(response.headers).get('default-src')).toEqual(["'self'"]);
    expect(cspOf(response.headers).get('script-src')).toEqual(["'self'"]);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    ['a wildcard Accept (fetch, curl)', 'GET', '/no/such/page', '*/*'],
    ['an API path', 'GET', '/api/no-such-thing', html],
    ['a WebSocket path', 'GET', '/ws/no-such-thing', html],
    ['a POST', 'POST', '/no/such/page', html],
  ] as const)('%s still gets problem+json', async (_what, method, url, accept) => {
    const response = await app.inject({ method, url, headers: { accept } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
