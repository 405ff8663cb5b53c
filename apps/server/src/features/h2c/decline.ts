/**
 * `/api/status/101` offering h2c when the request does not qualify (qualifying ones are
 * switched before routing, see index.ts). RFC 7540 §3.2.1: "A server MUST NOT upgrade the
 * connection to HTTP/2 if this header field is not present"; the Upgrade is then ignored and
 * the simulator's answer to "no protocol it can switch to" is a 426 Upgrade Required, which
 * MUST carry Upgrade (RFC 9110 §15.5.22). Written on the detached socket, then closed.
 */
import type { IncomingMessage } from 'node:http';
import { problemBody, PROBLEM_CONTENT_TYPE } from '../../plugins/problem.js';
import type { UpgradeContext } from '../simulator/index.js';
import { upgradeProtocols } from '../simulator/upgrade.js';

/** The upgrade handler registered for `h2c`; `declined` holds the reasons per request. */
export function declineSwitch(declined: WeakMap<IncomingMessage, string[]>) {
  return (context: UpgradeContext): void => {
    const { request, socket } = context;
    const reasons = declined.get(request.raw) ?? ['the request does not qualify'];
    const protocols = upgradeProtocols(request.server.server);
    const body = JSON.stringify(
      problemBody({
        status: 426,
        type: 'h2c-upgrade-not-qualified',
        title: 'h2c upgrade not possible for this request',
        detail: reasons.join(' '),
      }),
    );
    request.capture?.note(
      `426 Upgrade Required instead of 101: the h2c offer was ignored (RFC 7540 §3.2.1, RFC 9110 §15.5.22).`,
    );
    socket.end(
      'HTTP/1.1 426 Upgrade Required\r\n' +
        `Upgrade: ${protocols.join(', ')}\r\nConnection: Upgrade, close\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
        body,
    );
  };
}
