/** The OpenAPI description and the docs UI. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { makeApp } from './simulator-helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await makeApp();
});
afterAll(async () => {
  await app.close();
});

describe('docs', () => {
  it('serves OpenAPI 3 at /api/openapi.json with the simulator and catalog routes', async () => {
    const res = await app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/status/{code}', '/api/status', '/api/catalog/{code}']),
    );
    const simulate = doc.paths['/api/status/{code}'];
    expect(Object.keys(simulate)).toEqual(
      expect.arrayContaining(['get', 'post', 'head', 'options']),
    );
    expect(simulate.get.description).toContain('X-Switchyard-Delay');
  });

  it('serves the docs UI at /docs', async () => {
    const res = await app.inject({ url: '/docs' });
    const page = res.statusCode === 302 ? await app.inject({ url: res.headers.location! }) : res;
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('swagger');
  });
});
