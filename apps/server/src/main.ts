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
    try {
      const tls = await app.listenTls(config.tlsPort, config.host);
      app.log.info({ port: tls.port }, 'TLS listener (h2, http/1.1)');
    } catch (err) {
      // A configured certificate that does not work is an error; the optional development
      // listener (no openssl, or its port taken by another instance) must not stop the service.
      if (config.tlsCert !== undefined) throw err;
      app.log.warn(
        { err, port: config.tlsPort },
        'TLS listener not started (set TLS_PORT, TLS_CERT/TLS_KEY, or TLS=off); HTTP is up',
      );
    }
  }
}

/**
 * An error of the environment (a port in use, a database that does not answer): something with
 * a system error code, itself or as its cause. Its message says it all; a stack would not help.
 */
function operational(err: unknown): err is Error {
  const codeOf = (e: unknown) => (e as { code?: unknown } | undefined)?.code;
  return (
    err instanceof Error &&
    (typeof codeOf(err) === 'string' ||
      typeof codeOf((err as { cause?: unknown }).cause) === 'string')
  );
}

main().catch((err: unknown) => {
  if (operational(err)) console.error(`switchyard: could not start: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
