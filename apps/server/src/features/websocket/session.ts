/**
 * What happens between a validated handshake and the `ws` engine's 101, for every `ws`-engine
 * endpoint: the route's subprotocols are handed to `ws`, the exchange's capture begins, the
 * 101 gets the share link, and the socket is tapped so the capture holds what was on the wire.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { onUpgradeHeaders, setUpgradeProtocols, upgradeSocketOf } from '../../plugins/websocket.js';
import { beginWsCapture, captureLinkHeaders, type WsCapture } from './capture-adapter.js';
import { WireTap } from './wire-tap.js';

const taps = new WeakMap<IncomingMessage, WireTap>();

/**
 * Prepares the upgrade of `request` (call it after the handshake passed every check, before
 * `ws` writes the 101). Returns the capture, if any.
 */
export function prepareUpgrade(
  app: FastifyInstance,
  request: FastifyRequest,
  endpoint: string,
  protocols: readonly string[],
  socket: Duplex = upgradeSocketOf(request.raw)?.socket ?? request.raw.socket,
): WsCapture | undefined {
  const raw = request.raw;
  setUpgradeProtocols(raw, protocols);
  const capture = beginWsCapture(app, request, endpoint);
  if (!capture) return undefined;
  // The 101 names its capture like every captured response (issue 4, "Capture").
  onUpgradeHeaders(raw, (lines) => {
    for (const [name, value] of captureLinkHeaders(capture.id)) lines.push(`${name}: ${value}`);
  });
  taps.set(
    raw,
    new WireTap(socket, capture, {
      responseHeadFirst: true,
      maxMessageSize: app.config.wsMaxMessageBytes,
    }),
  );
  return capture;
}

/** Starts reading the tapped socket; call it first thing in the connection handler. */
export function startTap(raw: IncomingMessage): void {
  taps.get(raw)?.attachReader();
}

/** A `ws`-engine connection handler wrapped so the tap reads from the first frame on. */
export function tapped(
  handler: (socket: WebSocket, request: FastifyRequest) => void,
): (socket: WebSocket, request: FastifyRequest) => void {
  return (socket, request) => {
    startTap(request.raw);
    handler(socket, request);
  };
}
