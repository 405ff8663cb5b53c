/**
 * One error shape for every HTTP error (DESIGN.md convention 6): RFC 9457 problem details,
 * served as `application/problem+json`, each with a stable `type` URI. This plugin installs the
 * app-wide error handler and not-found handler; features send their own problems with
 * {@link sendProblem} or throw a {@link ProblemError}.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { getStatus } from '@switchyard/catalog';
import { AllowedMethods } from './allowed-methods.js';

/** JSON schema of a problem body, for the routes' OpenAPI descriptions. */
export const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details (application/problem+json)',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
  },
} as const;

/** Base of every problem `type` URI. The slug after it is stable and never reused. */
export const PROBLEM_BASE = 'https://switchyard.dev/problems/';

/** RFC 9457 §6.1: the media type of a problem details JSON object. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** An RFC 9457 problem; `type` is a slug (joined to {@link PROBLEM_BASE}) or an absolute URI. */
export interface Problem {
  status: number;
  /** A stable slug such as `invalid-status-code`, or an absolute URI. */
  type: string;
  /** RFC 9457 §3.1.4: a short summary that does not change between occurrences. */
  title: string;
  /** RFC 9457 §3.1.5: this occurrence, in words a client's user can act on. */
  detail?: string;
  /** Extension members (RFC 9457 §3.2), e.g. `parameter`. */
  [extension: string]: unknown;
}

/** Headers a problem response should also carry (e.g. `Retry-After` on 429). */
export type ProblemHeaders = Record<string, string | number>;

/** Throw one of these from a handler or hook to answer with that problem. */
export class ProblemError extends Error {
  readonly statusCode: number;
  constructor(
    readonly problem: Problem,
    readonly headers: ProblemHeaders = {},
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
    this.statusCode = problem.status;
  }
}

/** The absolute `type` URI for a slug (absolute URIs are returned unchanged). */
export function problemType(type: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(type) ? type : PROBLEM_BASE + type;
}

/** The JSON body of a problem, with `type` made absolute and `instance` left as given. */
export function problemBody(problem: Problem): Record<string, unknown> {
  const { type, title, status, detail, ...ext } = problem;
  const body: Record<string, unknown> = { type: problemType(type), title, status };
  if (detail !== undefined) body.detail = detail;
  return Object.assign(body, ext);
}

/**
 * The reason phrase of a registered status, from the catalog (RFC 9110's names: Node still
 * writes RFC 7231's "Payload Too Large" and "Unprocessable Entity" for 413 and 422, §15.5.14,
 * §15.5.21).
 */
export function reasonPhrase(status: number): string | undefined {
  const entry = getStatus(status);
  return entry?.registered ? entry.reason : undefined;
}

/**
 * Sends `problem` as `application/problem+json` (RFC 9457) and returns the reply.
 *
 * @example sendProblem(reply, { status: 400, type: 'invalid-status-code', title: 'Invalid status code', detail: '"abc" is not a number', parameter: 'code' })
 */
export function sendProblem(
  reply: FastifyReply,
  problem: Problem,
  headers: ProblemHeaders = {},
): FastifyReply {
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  const reason = reasonPhrase(problem.status);
  // HTTP/2 has no reason phrase (RFC 9113 §8.3.2).
  if (reason && reply.request.raw.httpVersionMajor === 1) reply.raw.statusMessage = reason;
  // Errors are never cacheable; a body is always allowed on 4xx/5xx (RFC 9110 §15.5, §15.6).
  return reply
    .code(problem.status)
    .header('cache-control', 'no-store')
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problemBody(problem)));
}

/** Fastify's error codes mapped to stable problem slugs (slugs never change once published). */
const FASTIFY_CODES: Record<string, { type: string; title: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { type: 'content-too-large', title: 'Content too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    type: 'unsupported-media-type',
    title: 'Unsupported media type',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { type: 'invalid-body', title: 'Invalid request body' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    type: 'invalid-content-length',
    title: 'Invalid Content-Length',
  },
  FST_ERR_VALIDATION: { type: 'invalid-request', title: 'Invalid request' },
  FST_ERR_ROUTE_METHOD_NOT_SUPPORTED: { type: 'method-not-allowed', title: 'Method not allowed' },
};

/** Maps any thrown value to a problem (never leaks a stack or an internal message on 5xx). */
export function problemFromError(error: unknown): { problem: Problem; headers: ProblemHeaders } {
  if (error instanceof ProblemError) return { problem: error.problem, headers: error.headers };
  const err = error as Partial<FastifyError> & { headers?: ProblemHeaders };
  const status =
    typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode <= 599
      ? err.statusCode
      : 500;
  if (status >= 500) {
    return {
      problem: { status, type: 'internal-error', title: 'Internal server error' },
      headers: {},
    };
  }
  const known = err.code !== undefined ? FASTIFY_CODES[err.code] : undefined;
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    return {
      problem: {
        status: 413,
        type: 'content-too-large',
        title: 'Content too large',
        detail: 'The request content is larger than this server accepts (RFC 9110 §15.5.14).',
      },
      // RFC 9110 §15.5.14: the server MAY close the connection; reading the rest would be the
      // very cost the limit exists to avoid.
      headers: { connection: 'close' },
    };
  }
  return {
    problem: {
      status,
      type: known?.type ?? 'bad-request',
      title: known?.title ?? 'Bad request',
      detail: typeof err.message === 'string' ? err.message : undefined,
    },
    headers: err.headers ?? {},
  };
}

/**
 * The page a browser gets for a path with no route (set by the web UI plugin, which knows
 * where the UI is): the UI's own "Page not found", still with status 404.
 */
export interface NotFoundPage {
  send?: (reply: FastifyReply) => Promise<FastifyReply> | FastifyReply;
}

declare module 'fastify' {
  interface FastifyInstance {
    notFoundPage: NotFoundPage;
  }
}

/**
 * A browser navigating (Accept names text/html, as a navigation's does, RFC 9110 §12.5.1) to a
 * path outside the API. fetch() and curl send a wildcard Accept and get problem+json.
 */
function browserNavigation(request: FastifyRequest, path: string): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (path.startsWith('/api/') || path.startsWith('/ws/')) return false;
  return /(?:^|,)\s*text\/html\s*(?:[;,]|$)/i.test(request.headers.accept ?? '');
}

async function problemPlugin(app: FastifyInstance): Promise<void> {
  const notFoundPage: NotFoundPage = {};
  app.decorate('notFoundPage', notFoundPage);
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { problem, headers } = problemFromError(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    if (reply.sent || reply.raw.headersSent) return;
    return sendProblem(reply, problem, headers);
  });
  // Every route added after this plugin (it is registered first) is mirrored for 405s.
  const allowed = new AllowedMethods();
  app.addHook('onRoute', (route) => allowed.add(route.method, route.url));
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    const methods = allowed.for(path);
    const allow = methods.join(', ');
    // RFC 9110 §9.3.7: OPTIONS asks what the target supports; Allow is the answer. (It lands
    // here when no route of its own answers it: @fastify/cors passes on non-preflights.)
    if (methods.length > 0 && request.method === 'OPTIONS') {
      return reply.code(204).header('Allow', allow).send();
    }
    if (methods.length === 0 && notFoundPage.send && browserNavigation(request, path)) {
      return notFoundPage.send(reply);
    }
    // No route at all, or a route for this very method that found nothing (a missing static
    // file under a wildcard): 404.
    if (methods.length === 0 || methods.includes(request.method)) {
      return sendProblem(reply, {
        status: 404,
        type: 'not-found',
        title: 'Not found',
        detail: `No resource at ${request.method} ${path}`,
      });
    }
    // RFC 9110 §15.5.6: the method is known, the target does not support it; Allow MUST list
    // the methods it does.
    return sendProblem(
      reply,
      {
        status: 405,
        type: 'method-not-allowed',
        title: 'Method not allowed',
        detail: `${path} answers ${allow}, not ${request.method} (RFC 9110 §15.5.6)`,
      },
      { Allow: allow },
    );
  });
}

/** App-wide RFC 9457 error and not-found handlers (wrapped with fastify-plugin: not encapsulated). */
export default fp(problemPlugin, { name: 'switchyard-problem', fastify: '5.x' });
