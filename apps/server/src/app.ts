/**
 * Builds the Fastify app: infrastructure plugins first, then one encapsulated plugin per
 * feature (DESIGN.md convention 3). No listening here, so tests can `inject()` or listen on 0.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import docs from './features/docs/index.js';
import exchanges from './features/exchanges/index.js';
import live from './features/live/index.js';
import h2c from './features/h2c/index.js';
import simulator from './features/simulator/index.js';
import web from './features/web/plugin.js';
import websocketFeature from './features/websocket/index.js';
import faults from './features/faults/index.js';
import probe from './features/probe/index.js';
import lab from './features/lab/index.js';
import rules from './features/rules/index.js';
import type { RandomSource } from './features/simulator/weighted-random.js';
import problem from './plugins/problem.js';
import storage from './plugins/storage/index.js';
import bus from './plugins/bus.js';
import capture from './plugins/capture.js';
import security, { securityServerOptions } from './plugins/security.js';
import websocketEngine from './plugins/websocket.js';

/** Test seams (DESIGN.md convention 7): randomness the app would otherwise take from Math. */
export interface AppOptions {
  /** Random source of the simulator's weighted choices (default Math.random). */
  random?: RandomSource;
}

export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    ...securityServerOptions(config),
  });
  app.decorate('config', config);
  await app.register(problem);
  await app.register(security);
  await app.register(storage);
  await app.register(bus);
  await app.register(capture);
  // Before the features: it wraps the server's connection/upgrade events (issue 8).
  await app.register(h2c);
  await app.register(docs);
  await app.register(simulator, { random: options.random });
  await app.register(exchanges);
  // The ws engine, once: after the simulator (whose catch-all route it must not wrap), before
  // any route declared with `websocket: true` (issue 4).
  await app.register(websocketEngine);
  await app.register(websocketFeature);
  await app.register(live);
  await app.register(faults);
  await app.register(probe);
  await app.register(lab);
  await app.register(rules);

  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.register(web); // last: the UI and its client-side routes (issue 6)

  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}
