/** Entry point: load config, build the app, listen, and shut down gracefully on SIGINT/SIGTERM. */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`switchyard: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const app = await buildApp(config);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  if (config.tls) {
    // https:// and wss:// with ALPN h2 / http/1.1 (issue 8, features/h2c/tls-listener.ts).
    const tls = await app.listenTls(config.tlsPort, config.host);
    app.log.info({ port: tls.port }, 'TLS listener (h2, http/1.1)');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
