/**
 * One WebSocket echo over HTTP/2 (RFC 8441), from a fresh cleartext connection to a loopback
 * target, recorded byte for byte:
 * 1. HTTP/2 starts with prior knowledge (RFC 9113 §3.3) or with an h2c upgrade (RFC 7540 §3.2,
 *    deprecated by RFC 9113 §3.1), whose stream 1 answer is read first;
 * 2. the server's SETTINGS must carry SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 before an extended
 *    CONNECT may be sent (RFC 8441 §3);
 * 3. extended CONNECT: `:method CONNECT`, `:protocol websocket`, `:scheme`, `:path`,
 *    `:authority` (§4), `sec-websocket-version: 13` (§5); success is a 2xx, not a 101, with no
 *    Sec-WebSocket-Key or Accept (§5);
 * 4. one masked text frame in DATA (RFC 6455 §5.1: clients still mask), the echo read back,
 *    a Close 1000 both ways (§7.1.2), END_STREAM both ways (RFC 8441 §5: the orderly TCP close
 *    of RFC 6455 maps to END_STREAM), then GOAWAY (RFC 9113 §6.8) and the TCP close.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { SETTINGS_IDS, settingName } from '@switchyard/protocol';
import type { HeaderList } from '@switchyard/exchange';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import type { ConnectFn } from '../connect.js';
import { defaultConnect, openSocket } from '../connect.js';
import { ProbeInputError, ProbeRefusedError } from '../errors.js';
import { parseIp } from '../ip-address.js';
import { specialRangeOf } from '../policy.js';
import { CLIENT_SETTINGS, H2ClientConnection } from './h2-client-connection.js';
import { h2cUpgradeHead, sendUpgrade, streamOneFields } from './h2c-upgrade-step.js';
import { WebSocketOverStream } from './websocket-over-stream.js';
import type { H2EchoRecord, H2StartMode, H2Timeouts } from './h2-types.js';
import { DEFAULT_H2_TIMEOUTS } from './h2-types.js';

/** What to run. */
export interface H2EchoOptions {
  /** An IP literal on loopback (127.0.0.0/8 or ::1): the only targets this client accepts. */
  address: string;
  port: number;
  mode: H2StartMode;
  /** The WebSocket's `:path`. Default `/ws/echo`. */
  path?: string;
  /** The h2c upgrade request's target (answered on stream 1). Default `/`. */
  upgradeTarget?: string;
  /** Text message to send. Default `hello`. */
  message?: string;
  timeouts?: Partial<H2Timeouts>;
  /** Bytes kept per direction in the record. Default 1 MiB. */
  maxWireBytes?: number;
  randomBytes?: (n: number) => Uint8Array;
  clock?: Clock;
  /** Socket factory (tests tap it). Default node:net. */
  connect?: ConnectFn;
}

/** Throws ProbeRefusedError unless `address` is a loopback IP literal. */
function checkLoopback(address: string): 4 | 6 {
  const ip = parseIp(address);
  if (ip === undefined) {
    throw new ProbeInputError(`${address} is not an IP address`, 'address');
  }
  if (specialRangeOf(ip)?.kind !== 'loopback') {
    throw new ProbeRefusedError(address, [
      {
        address,
        reason: `${address} is not a loopback address; this client only talks to loopback`,
        range: '127.0.0.0/8, ::1/128',
        // Everything outside loopback is on this client's deny list.
        kind: 'deny-list',
      },
    ]);
  }
  return ip.family;
}

/**
 * Runs the echo and resolves with the record; a failure on the way is recorded in it
 * (`outcome: 'failed'`, `error`), not thrown. Throws only before any socket exists: a target
 * that is not a loopback IP literal (ProbeRefusedError, ProbeInputError).
 */
export async function runH2Echo(options: H2EchoOptions): Promise<H2EchoRecord> {
  const family = checkLoopback(options.address);
  const timeouts = { ...DEFAULT_H2_TIMEOUTS, ...options.timeouts };
  const clock = options.clock ?? systemClock;
  const random = options.randomBytes ?? ((n: number) => new Uint8Array(nodeRandomBytes(n)));
  const path = options.path ?? '/ws/echo';
  const message = options.message ?? 'hello';
  const host = family === 6 ? `[${options.address}]` : options.address;
  const authority = `${host}:${options.port}`;
  const startWall = clock.wallMicros();
  const startMono = clock.monoMicros();
  const now = () => clock.monoMicros() - startMono;

  const record: H2EchoRecord = {
    mode: options.mode,
    startedAt: new Date(startWall / 1000).toISOString(),
    address: options.address,
    port: options.port,
    authority,
    path,
    outcome: 'failed',
    timings: {},
    settings: {
      sent: CLIENT_SETTINGS.map((s) => ({ ...s, name: settingName(s.id) })),
      received: [],
    },
    streams: [],
    frames: [],
    websocket: { frames: [], sentText: message },
    wire: {
      sent: { chunks: [], bytes: 0, base64: '', truncated: false },
      received: { chunks: [], bytes: 0, base64: '', truncated: false },
    },
    findings: [],
  };

  let conn: H2ClientConnection | undefined;
  const deadline = setTimeout(() => conn?.destroy(), timeouts.totalMs);
  try {
    const open = await openSocket(
      options.connect ?? defaultConnect,
      { address: options.address, family, port: options.port },
      timeouts.connectMs,
      now,
    );
    record.timings.connect = open.connectedAt;
    try {
      conn = new H2ClientConnection({
        socket: open.socket,
        now,
        maxWireBytes: options.maxWireBytes ?? 1_048_576,
      });
    } catch (error) {
      open.socket.destroy();
      throw error;
    }
    await converse(conn, record, {
      mode: options.mode,
      path,
      authority,
      upgradeTarget: options.upgradeTarget ?? '/',
      message,
      stepMs: timeouts.stepMs,
      random,
      now,
    });
    record.outcome = 'echoed';
  } catch (error) {
    record.error = error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(deadline);
    if (conn !== undefined) {
      await conn.end(timeouts.stepMs);
      record.streams = conn.streamRecords;
      record.frames = conn.frames;
      record.findings = conn.allFindings;
      record.settings.received = conn.serverSettings;
      const enable = conn.serverSettings.filter(
        (s) => s.id === SETTINGS_IDS.ENABLE_CONNECT_PROTOCOL,
      );
      if (enable.length > 0) record.settings.enableConnectProtocol = enable.at(-1)!.value;
      record.wire = {
        sent: { ...conn.sent.toJson(), http2StartsAt: conn.http2StartsAt.sent },
        received: { ...conn.received.toJson(), http2StartsAt: conn.http2StartsAt.received },
      };
    }
    record.timings.end = now();
  }
  return record;
}

interface Plan {
  mode: H2StartMode;
  path: string;
  authority: string;
  upgradeTarget: string;
  message: string;
  stepMs: number;
  random: (n: number) => Uint8Array;
  now: () => number;
}

/** The conversation itself; throws (with a sentence) at the first step that fails. */
async function converse(conn: H2ClientConnection, record: H2EchoRecord, plan: Plan) {
  const { stepMs, now } = plan;
  let streamId = 1;
  if (plan.mode === 'h2c-upgrade') {
    record.timings.upgradeSent = now();
    const step = await sendUpgrade(
      conn,
      h2cUpgradeHead(plan.upgradeTarget, plan.authority),
      stepMs,
    );
    record.upgrade = { request: step.request };
    if (step.response !== undefined) record.upgrade.response = step.response;
    record.timings.upgrade = now();
    if (step.response?.status !== 101) {
      // RFC 7540 §3.2: a server that does not switch answers over HTTP/1.1.
      throw new Error(`the server answered ${step.response?.status ?? 'nothing'} instead of 101`);
    }
    // RFC 7540 §3.2: the upgraded request becomes stream 1, half-closed (local) for the client.
    conn.adoptUpgradedStream(streamOneFields(plan.upgradeTarget, plan.authority));
    conn.startHttp2(step.rest);
    streamId = 3;
  } else {
    conn.startHttp2();
  }
  record.timings.preface = now();
  await conn.waitFor(() => conn.serverSettingsFrames > 0, "the server's SETTINGS", stepMs);
  record.timings.serverSettings = now();
  if (plan.mode === 'h2c-upgrade') {
    const one = conn.stream(1);
    await conn.waitFor(
      () => one.endReceived || one.reset !== undefined,
      'complete response on stream 1',
      stepMs,
    );
  }
  // RFC 8441 §3: no extended CONNECT before SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 arrived.
  const enabled = conn.serverSettings
    .filter((s) => s.id === SETTINGS_IDS.ENABLE_CONNECT_PROTOCOL)
    .at(-1);
  if (enabled?.value !== 1) {
    throw new Error(
      'the server did not send SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 (RFC 8441 §3), so an extended CONNECT may not be sent',
    );
  }

  const ws = new WebSocketOverStream(conn, streamId, plan);
  const fields: HeaderList = [
    [':method', 'CONNECT'],
    [':protocol', 'websocket'],
    [':scheme', 'http'],
    [':path', plan.path],
    [':authority', plan.authority],
    ['sec-websocket-version', '13'],
  ];
  record.timings.connectSent = now();
  conn.openStream(streamId, 'extended-connect', fields, (data) => ws.receive(data));
  const stream = conn.stream(streamId);
  await conn.waitFor(
    () => stream.status !== undefined || stream.reset !== undefined,
    'response to the extended CONNECT',
    stepMs,
  );
  record.timings.connectResponse = now();
  const status = stream.status ?? 0;
  // RFC 8441 §5: any 2xx is success; everything else means no WebSocket.
  if (status < 200 || status > 299) {
    throw new Error(
      stream.reset
        ? `the server reset the CONNECT stream (${stream.reset.errorName})`
        : `the extended CONNECT was answered ${status}, not 2xx`,
    );
  }
  try {
    ws.sendText(plan.message);
    await conn.waitFor(() => ws.receivedText !== undefined, 'echo of the message', stepMs);
    record.websocket.receivedText = ws.receivedText;
    record.timings.echo = now();
    ws.sendClose(1000);
    await conn.waitFor(() => ws.serverClose !== undefined, "server's Close frame", stepMs);
    record.timings.closed = now();
    // RFC 8441 §5: the orderly close of the underlying "connection" is END_STREAM.
    conn.sendData(streamId, new Uint8Array(0), true);
    await conn.waitFor(
      () => stream.endReceived || stream.reset !== undefined,
      'END_STREAM from the server',
      stepMs,
    );
  } finally {
    record.websocket.frames = ws.frames;
    const close = ws.closeInfo(now());
    if (close !== undefined) record.websocket.close = close;
  }
}
