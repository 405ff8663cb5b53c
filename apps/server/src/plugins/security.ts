/**
 * Protection a public instance needs, with limits from the config (issue 2 §3): oversized
 * request heads get 431, oversized bodies 413, slow clients are cut off by the headers and
 * request timeouts (408), and an optional per-client rate limit answers 429 with Retry-After.
 * Every answer is `application/problem+json` (RFC 9457). The defaults suit a developer's own
 * machine: the rate limit is off unless `RATE_LIMIT_MAX` is set, so a local benchmark or test
 * run is never throttled.
 *
 * Requests whose Host field is duplicated or invalid get 400 (RFC 9112 §3.2, host-field.ts).
 *
 * Two parts: {@link securityServerOptions} (options only the Fastify constructor takes: body
 * limit, the Node server's limits and timeouts, the client-error handler) and the plugin.
 */
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { hostFieldProblem } from './host-field.js';
import { ProblemError, problemBody, reasonPhrase, type Problem } from './problem.js';

type Limits = Pick<Config, 'bodyLimit' | 'maxHeaderSize' | 'headersTimeoutMs' | 'requestTimeoutMs'>;

/**
 * How often Node checks for expired headers/request timeouts: Node's default is 30 s, which
 * would let a short configured timeout run up to 30 s late, so check at half the shortest one.
 */
function checkingInterval(limits: Limits): number {
  const shortest = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs || Infinity);
  return Math.max(50, Math.min(30_000, Math.floor(shortest / 2)));
}

/** The problem for an error Node reports on a connection before any route runs. */
function clientProblem(err: NodeJS.ErrnoException): Problem {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      // RFC 6585 §5: 431 when the header fields are too large.
      return {
        status: 431,
        type: 'request-header-fields-too-large',
        title: 'Request header fields too large',
        detail: 'The request head is larger than this server accepts (RFC 6585 §5).',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      // RFC 9110 §15.5.9: 408 when the server would not wait any longer for the request.
      return {
        status: 408,
        type: 'request-timeout',
        title: 'Request timeout',
        detail: 'The request was not received in time (RFC 9110 §15.5.9).',
      };
    default:
      return {
        status: 400,
        type: 'malformed-request',
        title: 'Malformed request',
        detail: `The request could not be parsed as HTTP/1.1 (${err.code ?? 'parse error'}).`,
      };
  }
}

/**
 * Answers a connection-level client error (bad or oversized head, timeout) with a problem and
 * closes the connection, as Node's own handler does, but in the project's error shape.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  // Once a response has started on this socket we cannot write another one.
  const pending = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !pending?.headersSent) {
    const problem = clientProblem(err);
    const body = JSON.stringify(problemBody(problem));
    const reason = reasonPhrase(problem.status) ?? 'Bad Request';
    socket.write(
      `HTTP/1.1 ${problem.status} ${reason}\r\n` +
        `Date: ${new Date().toUTCString()}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy();
}

/**
 * Fastify constructor options carrying the configured limits. Spread them into `Fastify({...})`.
 */
export function securityServerOptions(limits: Limits): FastifyServerOptions {
  return {
    bodyLimit: limits.bodyLimit,
    requestTimeout: limits.requestTimeoutMs,
    clientErrorHandler,
    http: {
      maxHeaderSize: limits.maxHeaderSize,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: checkingInterval(limits),
    },
  } as FastifyServerOptions;
}

async function securityPlugin(app: FastifyInstance): Promise<void> {
  const { config } = app;
  // The Node server may be built by tests without securityServerOptions: apply again here.
  (app.server as { maxHeaderSize?: number }).maxHeaderSize = config.maxHeaderSize;
  app.server.headersTimeout = config.headersTimeoutMs;
  app.server.requestTimeout = config.requestTimeoutMs;

  // RFC 9112 §3.2: 400 for more than one Host field line or an invalid Host value (HTTP/1.x).
  app.addHook('onRequest', (request, _reply, done) => {
    const problem = request.raw.httpVersionMajor === 1 && hostFieldProblem(request.raw.rawHeaders);
    done(problem ? new ProblemError(problem) : undefined);
  });

  if (config.rateLimitMax > 0) {
    // Loaded only when configured: the default (off) keeps it out of the idle heap (issue 4).
    const { default: rateLimit } = await import('@fastify/rate-limit');
    await app.register(rateLimit, {
      global: true,
      max: config.rateLimitMax,
      timeWindow: config.rateLimitWindowMs,
      // RFC 6585 §4: 429 MAY carry Retry-After; the plugin sets it (seconds) before this runs.
      errorResponseBuilder: (_request, context) =>
        new ProblemError({
          status: context.statusCode,
          type: context.ban ? 'client-banned' : 'rate-limited',
          title: context.ban ? 'Client banned' : 'Too many requests',
          detail: `At most ${context.max} requests per ${Math.round(config.rateLimitWindowMs / 1000)} s per client; retry in ${context.after} (RFC 6585 §4).`,
        }),
    });
  }

  if (config.maxEventLoopDelayMs > 0) {
    // Load shedding: while the event loop lags past the limit, new requests get 503 at once
    // instead of queueing behind the work that made it lag. Off by default (a busy developer
    // machine or a test run must not be shed).
    const { default: underPressure } = await import('@fastify/under-pressure');
    await app.register(underPressure, {
      maxEventLoopDelay: config.maxEventLoopDelayMs,
      sampleInterval: Math.max(10, Math.min(1000, Math.floor(config.maxEventLoopDelayMs / 2))),
      // Thrown from under-pressure's onRequest hook, so it reaches the app's error handler and
      // is answered as problem+json like every other error.
      pressureHandler: (_request, _reply, _type, value) => {
        // RFC 9110 §15.6.4: 503 means a temporary overload; Retry-After (§10.2.3) says when.
        throw new ProblemError(
          {
            status: 503,
            type: 'server-overloaded',
            title: 'Service unavailable',
            detail: `The server is overloaded (event loop delay ${Math.round(Number(value))} ms, limit ${config.maxEventLoopDelayMs} ms); retry in ${OVERLOAD_RETRY_AFTER_S} s (RFC 9110 §15.6.4).`,
          },
          { 'retry-after': String(OVERLOAD_RETRY_AFTER_S) },
        );
      },
    });
  }
}

/** Seconds a client is told to wait when the server is overloaded (Retry-After, RFC 9110 §10.2.3). */
const OVERLOAD_RETRY_AFTER_S = 10;

/** Limits, timeouts and the optional rate limit (fastify-plugin: applies app-wide). */
export default fp(securityPlugin, {
  name: 'switchyard-security',
  fastify: '5.x',
  dependencies: ['switchyard-problem'],
});
