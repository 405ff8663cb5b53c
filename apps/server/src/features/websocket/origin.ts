/**
 * `/ws/origin`: an Origin allow-list (config `WS_ALLOWED_ORIGINS`). RFC 6455 §4.2.2 item 4 /
 * §10.2: a server that checks origins answers a handshake from one it does not accept with a
 * 403 and does not upgrade. A request without Origin (not from a browser) is refused too: this
 * endpoint demonstrates the check.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../../plugins/problem.js';
import { upgradeSocketOf } from '../../plugins/websocket.js';

/** RFC 6454 §6.2: origins compare as ASCII-lowercased serializations. */
function normalise(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/$/, '');
}

/** `onRequest` hook: 403 problem unless `Origin` is on the list. */
export function originHook(allowed: readonly string[]) {
  const list = new Set(allowed.map(normalise));
  return async function checkOrigin(request: FastifyRequest, reply: FastifyReply) {
    const origin = request.headers.origin;
    if (origin !== undefined && list.has(normalise(origin))) return;
    return sendProblem(
      reply,
      {
        status: 403,
        type: 'origin-not-allowed',
        title: 'Origin not allowed',
        detail:
          origin === undefined
            ? 'The handshake has no Origin; this endpoint accepts only listed origins (RFC 6455 §10.2).'
            : `Origin ${origin} is not on this endpoint's allow-list (RFC 6455 §4.2.2, §10.2).`,
        allowed: [...list],
      },
      upgradeSocketOf(request.raw) !== undefined ? { Connection: 'close' } : {},
    );
  };
}
