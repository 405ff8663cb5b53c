/**
 * The OpenAPI description (`/api/openapi.json`, via @fastify/swagger) and the docs UI (`/docs`,
 * via @fastify/swagger-ui). Wrapped with fastify-plugin and registered before the features so
 * @fastify/swagger's onRoute hook sees every route the features add.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

async function docsPlugin(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Switchyard',
        description:
          'HTTP status inspector and playground: simulator endpoints that behave as each status does on the wire, and the status catalog. Errors are application/problem+json (RFC 9457).',
        version: '0.1.0',
      },
      tags: [
        { name: 'simulator', description: 'Status codes as they behave on the wire' },
        { name: 'catalog', description: 'What each status code means' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(app.swagger()),
  );
}

/** OpenAPI at /api/openapi.json and Swagger UI at /docs. */
export default fp(docsPlugin, { name: 'switchyard-docs', fastify: '5.x' });
