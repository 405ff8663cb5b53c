/** The OpenAPI description and the docs UI. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { loadConfig } from '../src/config.js';
import docs from '../src/features/docs/index.js';
import { swaggerOptions, swaggerUiOptions, UI_ROUTES } from '../src/features/docs/options.js';
import simulator from '../src/features/simulator/index.js';
import problem from '../src/plugins/problem.js';
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

  it('answers /docs/json with the document of /api/openapi.json, and /docs/yaml as YAML', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    const json = await app.inject({ url: '/docs/json' });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toEqual(doc);
    const yaml = await app.inject({ url: '/docs/yaml' });
    expect(yaml.statusCode).toBe(200);
    expect(yaml.headers['content-type']).toMatch(/yaml/);
    expect(yaml.body).toMatch(/^openapi: 3\.1\.0$/m);
    const css = await app.inject({ url: '/docs/static/swagger-ui.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
  });

  it("answers other paths under /docs with the app's problem+json 404 (405 for another method)", async () => {
    for (const url of ['/docs/nope', '/docs/static/nope.js', '/docs/json/']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 404, detail: `No resource at GET ${url}` });
    }
    // The resource exists for GET and HEAD only: 405 with Allow (RFC 9110 §15.5.6).
    const post = await app.inject({ method: 'POST', url: '/docs/json', payload: {} });
    expect(post.statusCode).toBe(405);
    expect(String(post.headers.allow).split(', ')).toEqual(expect.arrayContaining(['GET', 'HEAD']));
  });
});

describe('docs loaded on first use', () => {
  /** An app with the problem handlers, `addDocs` and the simulator; its /api/openapi.json. */
  async function documentOf(addDocs: (app: FastifyInstance) => Promise<void>): Promise<string> {
    const app = Fastify({ logger: false });
    app.decorate('config', loadConfig({ LOG_LEVEL: 'silent' }));
    await app.register(problem);
    await addDocs(app);
    await app.register(simulator);
    try {
      const res = await app.inject({ url: '/api/openapi.json' });
      expect(res.statusCode).toBe(200);
      return res.body;
    } finally {
      await app.close();
    }
  }

  it('give the document @fastify/swagger gives when registered at start', async () => {
    const lazy = await documentOf(async (app) => {
      await app.register(docs);
    });
    const eager = await documentOf(async (app) => {
      await app.register(swagger, swaggerOptions);
      app.get('/api/openapi.json', { schema: { hide: true } }, async (_request, reply) =>
        reply.type('application/json; charset=utf-8').send(app.swagger()),
      );
    });
    expect(JSON.parse(lazy).paths['/api/status/{code}']).toBeDefined();
    expect(lazy).toBe(eager);
  });

  it('route every path @fastify/swagger-ui declares, and only those', async () => {
    const ui = Fastify({ logger: false });
    const urls = new Set<string>();
    ui.addHook('onRoute', (route) => void urls.add(route.url));
    await ui.register(
      fp(
        async (instance) =>
          void instance.decorate('swagger', () => ({ openapi: '3.1.0' }) as never),
        {
          name: '@fastify/swagger',
        },
      ),
    );
    await ui.register(swaggerUi, swaggerUiOptions);
    await ui.ready();
    await ui.close();
    const covered = (url: string) =>
      UI_ROUTES.some((r) => (r.endsWith('*') ? url.startsWith(r.slice(0, -1)) : url === r));
    expect([...urls].filter((url) => !covered(url))).toEqual([]);
    for (const route of UI_ROUTES) expect(urls).toContain(route);
  });
});
