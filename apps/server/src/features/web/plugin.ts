/**
 * Serves the built UI (apps/web/dist): hashed assets with @fastify/static, index.html for the
 * client-side routes, and a Content-Security-Policy on these responses only (@fastify/helmet
 * registered inside this encapsulated plugin, so API and WebSocket routes are untouched).
 * Without a build the server still starts: it warns and answers the UI routes with 503 text.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { isShareId } from '@switchyard/exchange';
import { clientRoutes } from './client-routes.js';
import { uiCspDirectives } from './content-security-policy.js';

/** apps/web/dist, from src/features/web or dist/features/web alike (both four levels down). */
export const defaultWebRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../web/dist',
);

export interface WebPluginOptions {
  /** Absolute path of the built UI (default {@link defaultWebRoot}). */
  root?: string;
}

const NOT_BUILT =
  "Switchyard's UI is not built, so there is no page to show here.\n" +
  'Build it with `pnpm --filter @switchyard/web build` (or start with `pnpm start` from the\n' +
  'repository root, which builds everything). The API works meanwhile: /api/status/418, /docs.\n';

/** Hashed file names never change content: cache them for a year (RFC 9111 §5.2.2.1, RFC 8246). */
function cacheHeaders(root: string) {
  return (reply: FastifyReply, filePath: string): void => {
    const immutable = path.relative(root, filePath).split(path.sep)[0] === 'assets';
    reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  };
}

export default async function webPlugin(
  app: FastifyInstance,
  options: WebPluginOptions,
): Promise<void> {
  const root = options.root ?? defaultWebRoot;
  if (!path.isAbsolute(root)) throw new Error(`web root must be an absolute path, got ${root}`);

  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: uiCspDirectives },
    // HSTS belongs to whoever terminates TLS; over plain HTTP browsers ignore it (RFC 6797 §8.1).
    strictTransportSecurity: false,
  });

  if (!existsSync(path.join(root, 'index.html'))) {
    app.log.warn({ root }, 'web UI not built: serving a notice instead of the UI');
    for (const url of clientRoutes) {
      app.get(url, { schema: { hide: true } }, async (_request, reply) =>
        reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .header('Cache-Control', 'no-store')
          .send(NOT_BUILT),
      );
    }
    return;
  }

  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // One route per built file, found at start: unknown paths reach the app's 404 handler.
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: cacheHeaders(root),
    schemaHide: true,
  });

  const sendIndex = (reply: FastifyReply) =>
    reply.header('Cache-Control', 'no-cache').sendFile('index.html', root, { cacheControl: false });
  for (const url of clientRoutes) {
    if (url === SHARE_LINK) continue;
    app.get(url, { schema: { hide: true } }, async (_request, reply) => sendIndex(reply));
  }

  // A share link answers 404 when no exchange has its id (never did, or it expired), like
  // `GET /api/exchanges/{id}` (issue 4: unknown ids get 404): the UI page still comes with it
  // and says so, and a script or a link checker sees the status. (Without the capture plugin,
  // as in unit tests of this plugin alone, every share link gets the page.)
  app.get<{ Params: { id: string } }>(
    SHARE_LINK,
    { schema: { hide: true } },
    async (request, reply) => {
      const { id } = request.params;
      const known =
        !app.hasDecorator('captures') ||
        (isShareId(id) && (await app.captures.get(id)) !== undefined);
      return sendIndex(known ? reply : reply.code(404));
    },
  );

  // A browser that opens a path with no route gets the UI, which shows its "Page not found",
  // with status 404 (the app's 404 handler calls this; it runs outside this plugin, so the
  // headers helmet gives the UI's pages are set here: the CSP and nosniff).
  if (app.hasDecorator('notFoundPage')) {
    const csp = cspHeaderValue(uiCspDirectives);
    app.notFoundPage.send = async (reply) =>
      reply
        .code(404)
        .header('Cache-Control', 'no-cache')
        .header('Content-Security-Policy', csp)
        .header('X-Content-Type-Options', 'nosniff')
        .type('text/html; charset=utf-8')
        .send(await readFile(path.join(root, 'index.html')));
  }
}

/** The client route of a share link (see client-routes.ts). */
const SHARE_LINK = '/x/:id';

/** `defaultSrc: ["'self'"]` and so on as a header value: `default-src 'self'; ...`. */
function cspHeaderValue(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(
      ([name, values]) =>
        `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`,
    )
    .join('; ');
}
