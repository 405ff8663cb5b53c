/**
 * Authentication before the 101 for `/ws/auth`, the three common ways: `?token=`, a cookie
 * (`switchyard_token`), or a single-use ticket (`?ticket=`) from `POST /api/tickets`. Missing
 * or bad credentials get 401 `application/problem+json` with `WWW-Authenticate` (RFC 9110
 * §11.6.1: a 401 MUST carry it) and no upgrade.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../../plugins/problem.js';
import { upgradeSocketOf } from '../../plugins/websocket.js';
import type { TicketStore } from './tickets.js';

/** Cookie that carries a token (RFC 6265 §4.2). */
export const TOKEN_COOKIE = 'switchyard_token';

/** How a request authenticated, for the connection's welcome message and the capture. */
export type AuthMethod = 'token' | 'cookie' | 'ticket' | 'bearer';

/** Constant-time membership test, so response time does not reveal a token's prefix. */
export function isKnownToken(candidate: string, tokens: readonly string[]): boolean {
  const c = Buffer.from(candidate);
  let found = false;
  for (const token of tokens) {
    const t = Buffer.from(token);
    if (t.length === c.length && timingSafeEqual(t, c)) found = true;
  }
  return found;
}

/** The value of a cookie in a `Cookie` header (RFC 6265 §4.2.1: `name=value; name=value`). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

/** RFC 6750 §3: the challenge, with `error="invalid_token"` when a credential was wrong. */
function challenge(invalid: boolean): string {
  return invalid ? 'Bearer realm="switchyard", error="invalid_token"' : 'Bearer realm="switchyard"';
}

function unauthorized(reply: FastifyReply, detail: string, invalid: boolean, closing: boolean) {
  const headers: Record<string, string> = { 'WWW-Authenticate': challenge(invalid) };
  if (closing) headers.Connection = 'close';
  return sendProblem(
    reply,
    { status: 401, type: 'unauthorized', title: 'Authentication required', detail },
    headers,
  );
}

/** Finds the request's credential; `undefined` method when it has none. */
function credential(request: FastifyRequest, allowTicket: boolean) {
  const query = request.query as Record<string, unknown>;
  if (allowTicket && typeof query.ticket === 'string')
    return { method: 'ticket' as const, value: query.ticket };
  if (typeof query.token === 'string') return { method: 'token' as const, value: query.token };
  const cookie = cookieValue(request.headers.cookie, TOKEN_COOKIE);
  if (cookie !== undefined) return { method: 'cookie' as const, value: cookie };
  const auth = bearer(request.headers.authorization);
  if (auth !== undefined) return { method: 'bearer' as const, value: auth };
  return undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the `/ws/auth` hook once the request authenticated. */
    wsAuth?: AuthMethod;
  }
}

/** `onRequest` hook of `/ws/auth`: 401 unless a token, cookie, bearer or ticket checks out. */
export function authHook(tokens: readonly string[], tickets: TicketStore) {
  return async function wsAuth(request: FastifyRequest, reply: FastifyReply) {
    const found = credential(request, true);
    if (!found) {
      return unauthorized(
        reply,
        'Send ?token=, the switchyard_token cookie, or ?ticket= from POST /api/tickets.',
        false,
        upgradeSocketOf(request.raw) !== undefined,
      );
    }
    const ok =
      found.method === 'ticket' ? tickets.consume(found.value) : isKnownToken(found.value, tokens);
    if (!ok) {
      const what = found.method === 'ticket' ? 'is unknown, used or expired' : 'is not valid';
      return unauthorized(
        reply,
        `The ${found.method} ${what}.`,
        true,
        upgradeSocketOf(request.raw) !== undefined,
      );
    }
    request.wsAuth = found.method;
  };
}

/** `POST /api/tickets`: a bearer token or the cookie buys a single-use ticket. */
export function ticketHandler(tokens: readonly string[], tickets: TicketStore, ttlMs: number) {
  return async function issueTicket(request: FastifyRequest, reply: FastifyReply) {
    const found = credential(request, false);
    if (!found || found.method === 'token') {
      return unauthorized(
        reply,
        'Authenticate with "Authorization: Bearer <token>" or the switchyard_token cookie.',
        false,
        false,
      );
    }
    if (!isKnownToken(found.value, tokens)) {
      return unauthorized(reply, 'The token is not valid.', true, false);
    }
    const { ticket, expiresAt } = tickets.issue();
    return reply
      .code(201)
      .header('cache-control', 'no-store')
      .send({
        ticket,
        expiresAt: new Date(expiresAt).toISOString(),
        expiresInMs: ttlMs,
        url: `/ws/auth?ticket=${ticket}`,
      });
  };
}
