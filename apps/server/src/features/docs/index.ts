/**
 * The OpenAPI description (`/api/openapi.json`, via @fastify/swagger) and the docs UI (`/docs`,
 * via @fastify/swagger-ui). Wrapped with fastify-plugin and registered before the features so its
 * `onRoute` hook sees every route the features add.
 *
 * Both are loaded on first use (docs-server.ts): at start this plugin only records the route
 * options, as @fastify/swagger's own hook would, and declares the routes that hand over to them.
 * Responses are the ones the two plugins give when registered directly.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { DocsServer } from './docs-server.js';
import { UI_ROUTES } from './options.js';

async function docsPlugin(app: FastifyInstance): Promise<void> {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => void routes.push(route));

  let loading: Promise<DocsServer> | undefined;
  const docs = () =>
    (loading ??= import('./docs-server.js')
      .then((m) => m.startDocsServer(app, routes))
      .catch((err: unknown) => {
        loading = undefined; // a later request tries again (and answers 500 meanwhile)
        throw err;
      }));
  app.addHook('onClose', async () => {
    const loaded = await loading?.catch(() => undefined);
    await loaded?.close();
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send((await docs()).spec()),
  );

  async function toUi(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const ui = await docs();
    // Fields hooks of this app already set (e.g. the rate limit's) go out with the UI's answer.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value);
    }
    reply.hijack();
    ui.routing(request.raw, reply.raw);
  }
  for (const url of UI_ROUTES) app.get(url, { schema: { hide: true } }, toUi);
}

/** OpenAPI at /api/openapi.json and Swagger UI at /docs. */
export default fp(docsPlugin, { name: 'switchyard-docs', fastify: '5.x' });
