/**
 * The OpenAPI document and Swagger UI, built on first use (issue 4: the idle server's heap; the
 * two plugins and their `yaml` dependency are ~1.5 MB of it that most runs never touch). Loaded
 * by index.ts with a dynamic import.
 *
 * - The document comes from @fastify/swagger itself, fed the route options the app's `onRoute`
 *   hook saw at start (the same objects, in the same order, as if it had been registered then).
 * - Swagger UI runs in a small Fastify instance of its own, with the app's problem handlers;
 *   index.ts hands it the requests for the UI's routes (options.ts, UI_ROUTES).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyInstance, type RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { fastifySwagger } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import problem from '../../plugins/problem.js';
import { swaggerOptions, swaggerUiOptions } from './options.js';

/** `app.swagger()` of @fastify/swagger: the document, or its YAML text with `{ yaml: true }`. */
type SwaggerFn = FastifyInstance['swagger'];

/** The loaded docs: the document and the UI's router. */
export interface DocsServer {
  /** The OpenAPI document (built once, then cached by @fastify/swagger). */
  spec: () => unknown;
  /** Answers a request for the UI (`/docs`, `/docs/*`) on the raw request and response. */
  routing: (req: IncomingMessage, res: ServerResponse) => void;
  close: () => Promise<void>;
}

type Hook = (...args: never[]) => unknown;

/**
 * Runs @fastify/swagger's plugin function against a minimal host: the hooks it adds are called
 * with the recorded routes, then once as on ready; `getSchemas` is the app's (shared schemas).
 */
function buildSwagger(app: FastifyInstance, routes: readonly RouteOptions[]): SwaggerFn {
  const hooks = new Map<string, Hook[]>();
  let swagger: SwaggerFn | undefined;
  const host = {
    addHook(name: string, fn: Hook) {
      hooks.set(name, [...(hooks.get(name) ?? []), fn]);
      return host;
    },
    decorate(_name: string, value: SwaggerFn) {
      swagger = value;
      return host;
    },
    getSchemas: () => app.getSchemas(),
  };
  let failed: unknown;
  fastifySwagger(host as unknown as FastifyInstance, swaggerOptions, (err) => (failed = err));
  if (failed) throw failed;
  for (const onRoute of hooks.get('onRoute') ?? []) {
    for (const route of routes) (onRoute as (route: RouteOptions) => void)(route);
  }
  for (const onReady of hooks.get('onReady') ?? []) {
    (onReady as (done: (err?: unknown) => void) => void)((err) => (failed = err));
  }
  if (failed) throw failed;
  if (swagger === undefined) throw new Error('@fastify/swagger did not provide its document');
  return swagger;
}

/** Builds the document function and starts the UI's instance (not listening). */
export async function startDocsServer(
  app: FastifyInstance,
  routes: readonly RouteOptions[],
): Promise<DocsServer> {
  const swagger = buildSwagger(app, routes);
  // The app's logger; the app already logs each request, so the UI's instance does not again.
  const ui = Fastify({
    loggerInstance: app.log,
    logController: new LogController({ disableRequestLogging: true }),
  });
  await ui.register(problem);
  // Swagger UI depends on a plugin named @fastify/swagger that decorates `swagger`.
  await ui.register(
    fp(async (instance) => void instance.decorate('swagger', swagger), {
      name: '@fastify/swagger',
      fastify: '5.x',
    }),
  );
  await ui.register(swaggerUi, swaggerUiOptions);
  await ui.ready();
  return {
    spec: () => swagger(),
    routing: (req, res) => ui.routing(req, res),
    close: () => ui.close(),
  };
}
