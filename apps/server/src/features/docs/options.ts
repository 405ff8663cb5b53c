/**
 * The options of the OpenAPI description and of its UI (read by docs-server.ts when the docs are
 * first asked for).
 */
import type { SwaggerOptions } from '@fastify/swagger';
import type { FastifySwaggerUiOptions } from '@fastify/swagger-ui';

/** Where Swagger UI is served. */
export const UI_PREFIX = '/docs';

/** @fastify/swagger's options: OpenAPI 3.1, built from the routes' schemas. */
export const swaggerOptions: SwaggerOptions = {
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
};

/**
 * The routes @fastify/swagger-ui declares under {@link UI_PREFIX} with these options (the page,
 * the document as JSON and YAML, and its static files); any other path under it is the app's
 * 404, as it was with the plugin registered at start. simulator-docs.test.ts checks the list
 * against the plugin's own routes.
 */
export const UI_ROUTES = [
  UI_PREFIX,
  `${UI_PREFIX}/`,
  `${UI_PREFIX}/json`,
  `${UI_PREFIX}/yaml`,
  `${UI_PREFIX}/static/*`,
] as const;

/** @fastify/swagger-ui's options. */
export const swaggerUiOptions: FastifySwaggerUiOptions = { routePrefix: UI_PREFIX };
