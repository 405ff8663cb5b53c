/**
 * HTTP/2 in cleartext on the main port (issue 8): h2c via `Upgrade` (RFC 7540 §3.2, deprecated
 * by RFC 9113 §3.1 and noted as such) and prior knowledge (RFC 9113 §3.3). One Node `http2`
 * server without a listener of its own takes the connections; its requests run through the
 * same Fastify router as HTTP/1.1 ones.
 *
 * It must see connections before Node's HTTP/1.1 server and upgrades before any 'upgrade'
 * listener (the simulator's, `ws`'s), so it wraps `app.server.emit`:
 * - 'connection': prior-knowledge sniffing (prior-knowledge.ts);
 * - 'upgrade' with h2c preferred and qualifying (qualify.ts): 101, then HTTP/2 on the socket,
 *   with the request as stream 1 (upgraded-socket.ts, stream-one.ts). A request that offers h2c
 *   but does not qualify goes on to the other listeners and is answered over HTTP/1.1 (one
 *   with content is given back to Node's HTTP/1.1 parser, reinject.ts); its capture gets the
 *   reasons.
 * Both HTTP/2 paths and the TLS listener (`app.listenTls`, tls-listener.ts) accept RFC 8441
 * extended CONNECT to the WebSocket echo (extended-connect.ts). Responses written by routes
 * made for HTTP/1.1 lose their connection-specific fields (response-guard.ts).
 * Wrapped with fastify-plugin: it changes the server itself. Register it before the features.
 */
import http2 from 'node:http2';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { registerUpgradeProtocol, simulatorDecidesContinue } from '../simulator/index.js';
import {
  setUpgradedRequestHead,
  upgradedRequestHead,
  upgradeProtocols,
  type UpgradedRequestHead,
} from '../simulator/upgrade.js';
import { sniffConnection } from './prior-knowledge.js';
import { describeFindings, prefersH2c, qualifyH2c } from './qualify.js';
import { requestFieldsForStreamOne, streamOneHeaderFrames } from './stream-one.js';
import { SWITCH_HEAD, SWITCH_HEAD_FIELDS } from './switch-head.js';
import { UpgradedSocket } from './upgraded-socket.js';
import { declineSwitch } from './decline.js';
import { headWithoutUpgradeOption, hasContent } from './reinject.js';
import { guardedResponseClass } from './response-guard.js';
import { isStatus101 } from './status-101.js';
import { tlsMaterial } from './dev-cert.js';
import { startTlsListener, type TlsListener } from './tls-listener.js';
import { extendedConnectHandler } from './extended-connect.js';
import { H2ConnectionTap, sessionTaps } from './h2-frame-tap.js';
import { TappedSocket, exposeSocketInfo } from './tapped-socket.js';
import { decodeSettingsPayload, SETTINGS_IDS } from '@switchyard/protocol';
import type { Http2Mode } from '@switchyard/exchange';

/** How a request reached HTTP/2, for captures and the diagnostic. */
export type H2Origin = 'upgrade-stream-1' | 'upgrade' | 'prior-knowledge' | 'alpn';

/** Idle HTTP/2 sessions are closed after this long (ms). */
const SESSION_IDLE_MS = 120_000;
/** Grace given to open streams when the app closes (ms). */
const CLOSE_GRACE_MS = 2_000;

/** How a request on a session other than stream 1 of an upgrade reached HTTP/2. */
const ORIGIN_NOTES: Record<SessionInfo['origin'], string> = {
  upgrade:
    'HTTP/2 on a connection switched from HTTP/1.1 with Upgrade: h2c (RFC 7540 §3.2, deprecated by RFC 9113 §3.1).',
  'prior-knowledge':
    'HTTP/2 with prior knowledge: the connection opened with the client preface (RFC 9113 §3.3, §3.4).',
  alpn: 'HTTP/2 over TLS, chosen by ALPN "h2" (RFC 9113 §3.2, RFC 7301).',
};

interface SessionInfo {
  origin: 'upgrade' | 'prior-knowledge' | 'alpn';
  /** Notes for the capture of stream 1 (upgrade only). */
  notes: string[];
  /** The HTTP/1.1 head that asked for the upgrade, which became stream 1 (upgrade only). */
  request?: UpgradedRequestHead;
}

async function h2cPlugin(app: FastifyInstance): Promise<void> {
  const server = app.server;
  // Responses written by routes made for HTTP/1.1 lose their connection-specific fields.
  const Http2ServerResponse = guardedResponseClass((name) => {
    app.log.debug({ name }, 'connection-specific field dropped from an HTTP/2 response');
  });
  const h2 = http2.createServer({
    // RFC 8441 §3: lets clients open WebSockets with extended CONNECT.
    settings: { enableConnectProtocol: true },
    Http2ServerResponse,
  });
  h2.setTimeout(SESSION_IDLE_MS);
  const sessions = new Map<http2.ServerHttp2Session, SessionInfo>();
  let nextSession: SessionInfo | undefined;
  /**
   * The real socket of a session being created over a JS stream (h2c upgrade, or tapped), and
   * its tap (CAPTURE on only).
   */
  let nextTap: { tap?: H2ConnectionTap | undefined; socket: Socket } | undefined;
  // Issue 8: HTTP/2 frames are tapped only when captures are made (no tap with CAPTURE=off).
  const tapping = app.config.capture && app.hasDecorator('captures');
  const newTap = (mode: Http2Mode, options?: ConstructorParameters<typeof H2ConnectionTap>[2]) =>
    new H2ConnectionTap(mode, app.captures.limits, options);
  function trackSession(session: http2.ServerHttp2Session, info: SessionInfo): void {
    sessions.set(session, info);
    session.once('close', () => sessions.delete(session));
    session.on('error', () => session.destroy());
  }
  h2.on('session', (session) => {
    trackSession(session, nextSession ?? { origin: 'prior-knowledge', notes: [] });
    nextSession = undefined;
    if (nextTap) {
      if (nextTap.tap) sessionTaps.set(session, nextTap.tap);
      exposeSocketInfo(session, nextTap.socket);
      nextTap = undefined;
    }
  });
  /**
   * How an HTTP/2 request reached us and the notes its capture gets, worked out from its session
   * when a capture asks (not stored per request: no per-request work with CAPTURE=off).
   */
  function originOf(raw: unknown): { origin: H2Origin; notes: string[] } | undefined {
    const stream = (raw as Partial<http2.Http2ServerRequest>).stream;
    const info = stream && sessions.get(stream.session as http2.ServerHttp2Session);
    if (!stream || !info) return undefined;
    const streamOne = info.origin === 'upgrade' && stream.id === 1;
    return streamOne
      ? { origin: 'upgrade-stream-1', notes: info.notes }
      : { origin: info.origin, notes: [ORIGIN_NOTES[info.origin]] };
  }
  const declined = new WeakMap<IncomingMessage, string[]>();
  /** Sockets given back to HTTP/1.1 after a declined upgrade with content (reinject.ts). */
  const reinjected = new WeakMap<object, string[]>();

  function onH2Request(req: http2.Http2ServerRequest, res: http2.Http2ServerResponse): void {
    if (req.stream.id === 1) {
      // Stream 1 of an upgrade is the HTTP/1.1 request that asked for it (RFC 7540 §3.2): the
      // diagnostic and the capture show that head, and the simulator knows its 101 is sent.
      const info = sessions.get(req.stream.session as http2.ServerHttp2Session);
      if (info?.request) setUpgradedRequestHead(req, info.request);
    }
    app.routing(req as never, res as never);
  }
  h2.on('request', onH2Request);
  // Without this listener Node's HTTP/2 server sends 100 Continue to every `Expect:
  // 100-continue` itself; the simulator answers Expect on its own (RFC 9110 §10.1.1).
  h2.on('checkContinue', (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => {
    if (!simulatorDecidesContinue(req.url)) res.writeContinue();
    onH2Request(req, res);
  });
  const onConnect = extendedConnectHandler(app, onH2Request);
  h2.on('connect', onConnect);

  function toH2(
    socket: Socket | UpgradedSocket | TappedSocket,
    info: SessionInfo,
    tapped?: { tap?: H2ConnectionTap | undefined; socket: Socket },
  ): void {
    nextSession = info;
    nextTap = tapped;
    h2.emit('connection', socket);
    nextSession = undefined;
    nextTap = undefined;
  }

  function onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): boolean {
    const upgrade = req.headers.upgrade;
    // Most upgrades (every WebSocket handshake) do not mention h2c at all: no list work then.
    if (upgrade === undefined || !/h2c/i.test(upgrade)) return false;
    const others = upgradeProtocols(server).filter((p) => p !== 'h2c');
    if (!prefersH2c(upgrade, others)) return false;
    const decision = qualifyH2c(req);
    if (!decision.ok) {
      const why = `Upgrade: h2c not switched, the request is answered over HTTP/1.1: ${describeFindings(decision.reasons).join('; ')}.`;
      if (!hasContent(req) || isStatus101(req.url)) {
        declined.set(req, [why]);
        return false;
      }
      reinjected.set(socket, [
        why,
        'The "upgrade" connection option was removed so the request is read as an ordinary one with its content (RFC 7540 §3.2).',
      ]);
      socket.unshift(Buffer.concat([headWithoutUpgradeOption(req), head]));
      emit('connection', socket);
      socket.resume();
      return true;
    }
    socket.on('error', () => socket.destroy());
    socket.write(SWITCH_HEAD);
    // RFC 7540 §3.2.1: HTTP2-Settings are the client's first SETTINGS; its header table size
    // bounds the server's encoder.
    const tap = tapping
      ? newTap('h2c-upgrade', {
          streamOneHalfClosed: true,
          clientHeaderTableSize: decodeSettingsPayload(decision.settingsPayload).settings.find(
            (entry) => entry.id === SETTINGS_IDS.HEADER_TABLE_SIZE,
          )?.value,
        })
      : undefined;
    const bridge = new UpgradedSocket(
      socket,
      {
        settingsPayload: decision.settingsPayload,
        streamOne: streamOneHeaderFrames(requestFieldsForStreamOne(req)),
      },
      head,
      tap,
    );
    // The bridge is a JS stream: the session's socket gets the real one's addresses.
    const upgradeTap = { tap, socket };
    toH2(
      bridge,
      {
        origin: 'upgrade',
        request: {
          method: req.method ?? 'GET',
          target: req.url ?? '/',
          httpVersion: req.httpVersion,
          rawHeaders: req.rawHeaders,
        },
        notes: [
          'Switched to h2c with 101 Switching Protocols; this request was answered as HTTP/2 stream 1 (RFC 7540 §3.2).',
          ...describeFindings(decision.findings),
        ],
      },
      upgradeTap,
    );
    return true;
  }

  /** Connections whose first bytes have not arrived yet (prior-knowledge.ts). */
  const sniffing = new Set<Socket>();
  const emit = server.emit.bind(server) as (event: string | symbol, ...args: unknown[]) => boolean;
  server.emit = function (event: string | symbol, ...args: unknown[]): boolean {
    // Every request passes here: 'request' goes straight through (issue 2 bench profile).
    if (event === 'request') return emit(event, args[0], args[1]);
    if (event === 'connection') {
      const socket = args[0] as Socket;
      sniffing.add(socket);
      sniffConnection(socket, app.config.headersTimeoutMs, (kind) => {
        sniffing.delete(socket);
        if (kind !== 'h2') emit('connection', socket);
        else if (!tapping) toH2(socket, { origin: 'prior-knowledge', notes: [] });
        else {
          const tap = newTap('prior-knowledge');
          toH2(
            new TappedSocket(socket, tap),
            { origin: 'prior-knowledge', notes: [] },
            { tap, socket },
          );
        }
      });
      return true;
    }
    if (
      event === 'upgrade' &&
      onUpgrade(args[0] as IncomingMessage, args[1] as Socket, args[2] as Buffer)
    ) {
      return true;
    }
    return emit(event, ...args);
  } as typeof server.emit;

  // Makes sure every `Upgrade` request reaches 'upgrade' (see simulator/upgrade.ts), and lets
  // /api/status/101 list h2c in its 426. Qualifying requests never get here (onUpgrade).
  registerUpgradeProtocol(app, 'h2c', declineSwitch(declined), { declinesOnly: true });

  // A callback hook (no promise per request): it runs for every request of the app. It only
  // adds notes to a capture, and `request.capture` exists only when CAPTURE is on (fixed at
  // start), so with CAPTURE=off it is not installed at all.
  if (app.config.capture) {
    app.addHook('preHandler', (request: FastifyRequest, _reply, done) => {
      const capture = request.capture;
      if (capture) {
        const why = declined.get(request.raw);
        if (why) for (const note of why) capture.note(note);
        const back = reinjected.get(request.raw.socket);
        if (back) {
          reinjected.delete(request.raw.socket);
          for (const note of back) capture.note(note);
        }
        const origin = originOf(request.raw);
        if (origin) {
          if (origin.origin === 'upgrade-stream-1') {
            const sent = upgradedRequestHead(request.raw);
            if (sent) {
              app.captures.of(request)?.requestHead(sent);
              capture.note(
                'The request head is the HTTP/1.1 one the client sent with Upgrade: h2c; the server read it again as HTTP/2 stream 1 (RFC 7540 §3.2).',
              );
            }
            capture.interim(101, 'Switching Protocols', SWITCH_HEAD_FIELDS);
          }
          for (const note of origin.notes) capture.note(note);
          // Issue 8: the exchange gets the frames of its stream once it is closed on the wire.
          const stream = (request.raw as unknown as http2.Http2ServerRequest).stream;
          const tap = sessionTaps.get(stream.session as object);
          if (tap && stream.id !== undefined) {
            app.captures.of(request)?.attachHttp2(tap.claim(stream.id));
          }
        }
      }
      done();
    });
  }

  const tlsListeners: TlsListener[] = [];
  app.decorate('listenTls', async (port: number, host: string): Promise<AddressInfo> => {
    const listener = await startTlsListener(tlsMaterial(app.config), port, host, {
      app,
      onH2Request,
      onConnect,
      Http2ServerResponse,
      emitToHttp1: emit,
      declined,
      trackSession: (session) => trackSession(session, { origin: 'alpn', notes: [] }),
      // Issue 8: with CAPTURE on, h2 connections are handed over as tapped sockets.
      tapH2: tapping
        ? (socket) => {
            const tap = newTap('tls-alpn');
            const tapped = new TappedSocket(socket, tap);
            return { socket: tapped, tap };
          }
        : undefined,
      onTappedSession: (session, tap, socket) => {
        sessionTaps.set(session, tap);
        exposeSocketInfo(session, socket);
      },
    });
    tlsListeners.push(listener);
    return listener.address;
  });

  app.addHook('preClose', async () => {
    // Connections that have not sent a byte yet are idle: Node's HTTP/1.1 server would close
    // them at once (closeIdleConnections), so do the same.
    for (const socket of sniffing) socket.destroy();
    for (const session of sessions.keys()) session.close();
    const deadline = setTimeout(() => {
      for (const session of sessions.keys()) session.destroy();
    }, CLOSE_GRACE_MS);
    deadline.unref();
  });
  app.addHook('onClose', async () => {
    for (const session of sessions.keys()) session.destroy();
    await Promise.all(tlsListeners.map((l) => l.close()));
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Starts the TLS listener (h2 + http/1.1 by ALPN) on `port` (0 = any) at `host`, with the
     * configured certificate or the development one; it closes with the app.
     */
    listenTls(port: number, host: string): Promise<AddressInfo>;
  }
}

/** The h2c plugin (fastify-plugin: it wraps the server and adds root hooks). */
export default fp(h2cPlugin, { name: 'h2c', fastify: '5.x' });
