/**
 * Protocol switching on `/api/status/101` (RFC 9110 §7.8, §15.2.2).
 *
 * Node 20 routes a request that carries `Connection: upgrade` + `Upgrade` in one of two ways:
 * with no `'upgrade'` listener on the server it is an ordinary `'request'` (the HTTP parser
 * keeps the socket; nothing can switch), and with a listener every such request goes to that
 * listener with the raw socket and no response object. So a protocol can only be switched to
 * once a listener exists. Features that implement a protocol (the WebSocket issue: `websocket`;
 * the h2c issue: `h2c`) call {@link registerUpgradeProtocol}; the first registration installs
 * one listener that sends the upgrade requests for `/api/status/*` (and those for any other
 * path when no other 'upgrade' listener exists) through Fastify's router as normal requests,
 * with the detached socket kept aside ({@link detachedSocket}), so routes answer as usual and
 * the 101 route can hand the socket to the protocol's handler. Other listeners skip requests
 * this one took. With no protocol registered, nothing is installed and
 * `/api/status/101` answers 426.
 */
import { ServerResponse, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestHeadAsSent } from '../../plugins/capture/recorder-api.js';
import { problemBody } from '../../plugins/problem.js';

/** What a protocol handler gets when the simulator decides to switch. */
export interface UpgradeContext {
  request: FastifyRequest;
  reply: FastifyReply;
  /** The protocol token chosen from the request's Upgrade list, as the client spelled it. */
  protocol: string;
  /** The socket, detached from Node's HTTP parser. */
  socket: Duplex;
  /** Bytes that arrived after the request head. */
  head: Buffer;
}

/**
 * Takes over the connection: it must write the `101 Switching Protocols` itself (with
 * `Upgrade` and `Connection: upgrade`, RFC 9110 §15.2.2) or a final response, and owns the
 * socket afterwards. The simulator has already called `reply.hijack()`.
 */
export type UpgradeHandler = (context: UpgradeContext) => void | Promise<void>;

interface Registry {
  handlers: Map<string, UpgradeHandler>;
  /** Protocols whose handler here only declines (see {@link UpgradeOptions}). */
  declining: Set<string>;
  installed: boolean;
  /** Sockets of requests that came through the 'upgrade' event, keyed by the raw request. */
  detached: WeakMap<IncomingMessage, { socket: Duplex; head: Buffer }>;
}

const registries = new WeakMap<Server, Registry>();

/** The paths whose upgrade requests this listener always takes. */
const SIMULATOR_PREFIX = '/api/status/';

function registryOf(server: Server): Registry {
  let registry = registries.get(server);
  if (!registry) {
    registry = {
      handlers: new Map(),
      declining: new Set(),
      installed: false,
      detached: new WeakMap(),
    };
    registries.set(server, registry);
  }
  return registry;
}

/**
 * Registers the handler of an upgrade protocol (`websocket`, `h2c`), matched
 * case-insensitively against the request's Upgrade list. Call it from a plugin, before listen.
 */
export function registerUpgradeProtocol(
  app: FastifyInstance,
  protocol: string,
  handler: UpgradeHandler,
  options: UpgradeOptions = {},
): void {
  const registry = registryOf(app.server);
  installUpgradeListener(app, registry);
  const name = protocol.toLowerCase();
  registry.handlers.set(name, handler);
  if (options.declinesOnly) registry.declining.add(name);
}

export interface UpgradeOptions {
  /**
   * The handler never switches: requests that qualify for the protocol are switched before
   * routing (h2c), so the ones that reach it only get the refusal. The simulator tries such a
   * protocol last when the request offers others.
   */
  declinesOnly?: boolean;
}

/** True when `protocol` was registered with `declinesOnly`. */
export function upgradeDeclines(server: Server, protocol: string): boolean {
  return registries.get(server)?.declining.has(protocol.toLowerCase()) === true;
}

/**
 * Makes sure `/api/status/*` upgrade requests reach the simulator even when another plugin
 * listens for 'upgrade' (e.g. @fastify/websocket): the simulator's listener is installed, ahead
 * of the other one, as soon as any 'upgrade' listener appears.
 */
export function claimSimulatorUpgrades(app: FastifyInstance): void {
  const server = app.server;
  const registry = registryOf(server);
  if (server.listenerCount('upgrade') > 0) {
    installUpgradeListener(app, registry);
    return;
  }
  const onNewListener = (event: string | symbol) => {
    if (event !== 'upgrade') return;
    server.removeListener('newListener', onNewListener);
    // 'newListener' fires before the new listener is added: ours goes first.
    installUpgradeListener(app, registry);
  };
  server.on('newListener', onNewListener);
}

/** Names of the registered protocols, in registration order. */
export function upgradeProtocols(server: Server): string[] {
  return [...(registries.get(server)?.handlers.keys() ?? [])];
}

/** The handler for a protocol, if one is registered. */
export function upgradeHandler(server: Server, protocol: string): UpgradeHandler | undefined {
  return registries.get(server)?.handlers.get(protocol.toLowerCase());
}

/**
 * The HTTP/1.1 head of a request that an h2c upgrade turned into HTTP/2 stream 1 (RFC 7540
 * §3.2): what the client really sent, with its Upgrade, HTTP2-Settings and Connection fields.
 * Set by features/h2c; the diagnostic and the capture show it instead of the HTTP/2 fields the
 * route saw.
 */
export type UpgradedRequestHead = RequestHeadAsSent;

const upgradedHeads = new WeakMap<object, UpgradedRequestHead>();

/** Records that `raw` (HTTP/2 stream 1) was sent as `head` before the switch to h2c. */
export function setUpgradedRequestHead(raw: object, head: UpgradedRequestHead): void {
  upgradedHeads.set(raw, head);
}

/** The HTTP/1.1 head `raw` was sent as, when it is stream 1 of an h2c upgrade. */
export function upgradedRequestHead(raw: object): UpgradedRequestHead | undefined {
  return upgradedHeads.get(raw);
}

/** The detached socket of a request that came through the 'upgrade' event, if it did. */
export function detachedSocket(
  server: Server,
  raw: IncomingMessage,
): { socket: Duplex; head: Buffer } | undefined {
  return registries.get(server)?.detached.get(raw);
}

function installUpgradeListener(app: FastifyInstance, registry: Registry): void {
  if (registry.installed) return;
  registry.installed = true;
  const server = app.server;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Upgrades to other paths belong to the other 'upgrade' listeners (plugins/websocket.ts);
    // with no other listener they are routed here as ordinary requests, so none is left hanging.
    if (!req.url?.startsWith(SIMULATOR_PREFIX) && server.listenerCount('upgrade') > 1) return;
    // Node removed its own listeners from this socket: without one, an 'error' would crash us.
    socket.on('error', () => socket.destroy());
    const length = req.headers['content-length'];
    if (
      req.headers['transfer-encoding'] !== undefined ||
      (length !== undefined && length !== '0')
    ) {
      // The parser is gone, so content after the head cannot be framed: refuse and close.
      const body = JSON.stringify(
        problemBody({
          status: 400,
          type: 'upgrade-with-content',
          title: 'Upgrade request with content',
          detail: 'This server does not accept content on a request that offers an Upgrade.',
        }),
      );
      socket.end(
        'HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json; charset=utf-8\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    registry.detached.set(req, { socket, head });
    // Route it like any request; the response is written to the detached socket, then closed.
    // Deliberately not persistent, even without "close" in the request: Node emits 'upgrade'
    // for any request with Upgrade and a Connection listing "upgrade", and has by then taken
    // its HTTP parser off the socket, so nothing would read a next request on it (any bytes
    // already received after the head are in `head`, unparsed). A response that is not a 101
    // therefore ends the connection, and says so with "close" (RFC 9112 §9.6: a server that
    // closes SHOULD send it; respond.ts writes "Upgrade, close" when the response names an
    // Upgrade). Handing the socket back to the server (emitting 'connection' again) would send
    // it through the per-connection handling a second time (features/h2c wraps 'connection' to
    // sniff the HTTP/2 preface), so it is not done.
    const res = new ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket as never);
    res.on('finish', () => {
      res.detachSocket(socket as never);
      socket.end();
    });
    req.push(null);
    app.routing(req, res);
  });
}
