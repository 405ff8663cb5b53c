/**
 * `/api/status/101`: switch protocols only when the request offers one this server supports
 * (RFC 9110 §7.8: "A server MUST NOT switch to a protocol that was not indicated by the client
 * in the corresponding request's Upgrade header field"); otherwise 426 Upgrade Required with the
 * protocols it does support (§15.5.22).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SWITCH_HEAD_FIELDS } from '../h2c/switch-head.js';
import type { SimPlan } from './plan.js';
import { connectionHasUpgrade, sendFinal } from './respond.js';
import { statusInfo } from './status-info.js';
import {
  detachedSocket,
  upgradedRequestHead,
  upgradeDeclines,
  upgradeHandler,
  upgradeProtocols,
} from './upgrade.js';

/** What the server will switch to before any protocol plugin is registered. */
const PLANNED_PROTOCOLS = ['websocket'];

/** The protocol names in an Upgrade field value, in the client's order of preference. */
export function offeredProtocols(upgrade: string | undefined): string[] {
  if (upgrade === undefined) return [];
  // RFC 9110 §7.8: Upgrade = #protocol; protocol = protocol-name ["/" protocol-version].
  return upgrade
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .slice(0, 16);
}

/** Handles a request for 101: hands over to a protocol handler, or answers 426. */
export async function handleSwitch(
  request: FastifyRequest,
  reply: FastifyReply,
  plan: SimPlan,
): Promise<FastifyReply | undefined> {
  const raw = request.raw;
  const server = request.server.server;
  const notes = plan.notes;
  const offered = offeredProtocols(raw.headers.upgrade);
  const detached = detachedSocket(server, raw);

  if (upgradedRequestHead(raw)) {
    // The 101 went out before this request was read again as stream 1 (RFC 7540 §3.2), and
    // HTTP/2 has no 101 (RFC 9113 §8.6): the final response to it is a 200 on that stream.
    plan.interim.push({ code: 101, reason: 'Switching Protocols', headers: SWITCH_HEAD_FIELDS });
    notes.push(
      'The 101 above switched this connection to h2c, and this request became stream 1 (RFC 7540 §3.2). HTTP/2 has no 101 status (RFC 9113 §8.6), so its final response is this 200.',
    );
    return sendFinal(request, reply, plan, { info: statusInfo(200) });
  }

  if (raw.httpVersion === '1.0') {
    if (offered.length > 0) {
      notes.push('Upgrade ignored: HTTP/1.0 request (RFC 9110 §7.8).');
    }
    notes.push(
      'No 101 to an HTTP/1.0 request: a server MUST NOT send a 1xx to it (RFC 9110 §15.2).',
    );
  } else if (offered.length === 0) {
    notes.push('No 101: the request offers no protocol in an Upgrade field (RFC 9110 §7.8).');
  } else if (!connectionHasUpgrade(raw.headers.connection)) {
    notes.push(
      'Upgrade ignored: Connection does not list "upgrade", so the field was not meant for this hop (RFC 9110 §7.6.1, §7.8).',
    );
  } else {
    // RFC 9110 §7.8: the server picks one of the offered protocols, by default in the client's
    // order. A protocol that can only be declined here (h2c: a qualifying offer is switched
    // before routing) comes last, so `Upgrade: h2c, websocket` with a valid WebSocket
    // handshake switches to the WebSocket instead of refusing both.
    const nameOf = (token: string) => token.split('/')[0]!;
    const served = offered.filter((token) => upgradeHandler(server, nameOf(token)));
    const token = served.find((t) => !upgradeDeclines(server, nameOf(t))) ?? served[0];
    const handler = token === undefined ? undefined : upgradeHandler(server, nameOf(token));
    if (token !== undefined && handler && detached) {
      request.capture?.note(`Switching to ${token} (RFC 9110 §15.2.2).`);
      reply.hijack();
      await handler({
        request,
        reply,
        protocol: token,
        socket: detached.socket,
        head: detached.head,
      });
      return undefined;
    }
    const registered = upgradeProtocols(server);
    notes.push(
      registered.length === 0
        ? `No 101: this server has no handler for any protocol yet, so it cannot switch to ${offered.join(', ')} (RFC 9110 §7.8: a server switches only to a protocol the client offered).`
        : `No 101: none of the offered protocols (${offered.join(', ')}) is one this server switches to (${registered.join(', ')}); a server MUST NOT switch to a protocol the client did not offer (RFC 9110 §7.8).`,
    );
  }

  const supported = upgradeProtocols(server);
  const protocols = supported.length > 0 ? supported : PLANNED_PROTOCOLS;
  notes.push(
    `426 Upgrade Required instead, with "Upgrade: ${protocols.join(', ')}": a 426 MUST name the protocol(s) to switch to (RFC 9110 §15.5.22). A 101 Switching Protocols (RFC 9110 §15.2.2) answers only an HTTP/1.1 request that offers one of them in Upgrade, with "Connection: upgrade" (RFC 9110 §7.8).`,
  );
  return sendFinal(request, reply, plan, {
    info: statusInfo(426),
    headers: [['Upgrade', protocols.join(', ')]],
    close: detached !== undefined,
  });
}
