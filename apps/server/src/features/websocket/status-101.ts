/**
 * `/api/status/101` really switches: the simulator (features/simulator/upgrade.ts) hands an
 * upgrade offering `websocket` to this handler with the detached socket; a valid RFC 6455
 * handshake becomes an echo connection on the `ws` engine, an invalid one gets the core's
 * §4.2.1 answer (400, 426 + `Sec-WebSocket-Version: 13`, 405) and the socket is closed.
 */
import type { FastifyInstance } from 'fastify';
import { registerUpgradeProtocol } from '../simulator/index.js';
import { ECHO_PROTOCOLS, runEcho } from './echo.js';
import { handshakeProblem, rejectionHeaders, validateHandshake } from './handshake-guard.js';
import { endWithProblem } from './raw-response.js';
import { prepareUpgrade, startTap } from './session.js';
import { beginWsCapture, captureLinkHeaders } from './capture-adapter.js';
import { WireTap } from './wire-tap.js';

/** Registers `websocket` as a protocol `/api/status/101` can switch to. */
export function bridgeStatus101(app: FastifyInstance): void {
  registerUpgradeProtocol(app, 'websocket', ({ request, socket, head }) => {
    const result = validateHandshake(request.raw);
    if (!result.ok) {
      const capture = beginWsCapture(app, request, '/api/status/:code');
      // The tap records the head exactly as written (Node's response object is not used).
      if (capture) new WireTap(socket, capture, { responseHeadFirst: true });
      endWithProblem(
        socket,
        handshakeProblem(result.status, result.findings),
        rejectionHeaders(result.headers, true),
        capture ? captureLinkHeaders(capture.id) : [],
      );
      return;
    }
    prepareUpgrade(app, request, '/api/status/:code', ECHO_PROTOCOLS, socket);
    const wss = app.websocketServer;
    wss.handleUpgrade(request.raw, socket, head, (ws) => {
      wss.emit('connection', ws, request.raw);
      startTap(request.raw);
      ws.on('error', () => ws.terminate());
      runEcho(ws);
    });
  });
}
