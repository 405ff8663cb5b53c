/**
 * Builds the Fastify app: infrastructure plugins first, then one encapsulated plugin per
 * feature (DESIGN.md convention 3). No listening here, so tests can `inject()` or listen on 0.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';

export async function buildApp(config: Config): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
  });
  app.decorate('config', config);

  app.get('/healthz', async () => ({ status: 'ok' }));

  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}
