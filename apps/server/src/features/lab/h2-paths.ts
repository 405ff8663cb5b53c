/**
 * Paths 2 and 3: WebSocket over HTTP/2 (RFC 8441) with the probe's HTTP/2 client.
 * - Path 2 starts HTTP/2 with `Upgrade: h2c` on an HTTP/1.1 request (RFC 7540 §3.2; deprecated
 *   by RFC 9113 §3.1, which says it "was never widely deployed"): 101, then stream 1 answers the
 *   upgraded request, then an extended CONNECT on stream 3 is answered 200.
 * - Path 3 starts with prior knowledge (RFC 9113 §3.3): the client preface at once, the
 *   extended CONNECT on stream 1, answered 200. No 101 anywhere, no Sec-WebSocket-Key/Accept.
 */
import { runH2Echo, type H2EchoRecord, type H2StartMode } from '@switchyard/probe';
import { captureIdOf, type PathCapture, type PathResult } from './path-result.js';
import type { LabTimeouts } from './http1-path.js';

/** Stream 1's request on path 2: a status with no content, so stream 1 is one HEADERS frame. */
export const UPGRADE_TARGET = '/api/status/204';

function toResult(key: PathResult['key'], record: H2EchoRecord, durationMs: number): PathResult {
  const captures: PathCapture[] = [];
  const statuses: number[] = [];
  if (record.upgrade?.response) statuses.push(record.upgrade.response.status);
  const connect = record.streams.find((s) => s.role === 'extended-connect');
  for (const stream of record.streams) {
    const id = captureIdOf(stream.response);
    if (id !== undefined) {
      captures.push({
        id,
        link: `/x/${id}`,
        what: stream.role === 'extended-connect' ? 'websocket' : 'upgraded-request',
      });
    }
  }
  if (connect?.status !== undefined) statuses.push(connect.status);
  const result: PathResult = {
    key,
    ok: record.outcome === 'echoed' && record.websocket.receivedText === record.websocket.sentText,
    statuses,
    captures,
    h2: {
      settingsSent: record.settings.sent,
      settingsReceived: record.settings.received,
      ...(record.settings.enableConnectProtocol !== undefined
        ? { enableConnectProtocol: record.settings.enableConnectProtocol }
        : {}),
      streams: record.streams,
      frames: record.frames,
    },
    websocket: {
      carriedIn: 'http2-data',
      ...(connect ? { streamId: connect.id } : {}),
      frames: record.websocket.frames,
      ...(record.websocket.close ? { close: record.websocket.close } : {}),
      sentText: record.websocket.sentText,
      ...(record.websocket.receivedText !== undefined
        ? { receivedText: record.websocket.receivedText }
        : {}),
    },
    wire: {
      sentBytes: record.wire.sent.bytes,
      receivedBytes: record.wire.received.bytes,
      sentBase64: record.wire.sent.base64,
      receivedBase64: record.wire.received.base64,
    },
    durationMs,
  };
  if (record.upgrade) result.http1 = record.upgrade;
  if (record.error !== undefined) result.error = record.error;
  else if (!result.ok) result.error = 'the echo differs from the message sent';
  return result;
}

/** Runs path 2 (`h2c-upgrade`) or 3 (`prior-knowledge`) against this server. */
export async function runH2Path(
  mode: H2StartMode,
  address: string,
  port: number,
  message: string,
  timeouts: LabTimeouts,
): Promise<PathResult> {
  const started = performance.now();
  const record = await runH2Echo({
    address,
    port,
    mode,
    path: '/ws/echo',
    upgradeTarget: UPGRADE_TARGET,
    message,
    timeouts: { connectMs: timeouts.stepMs, stepMs: timeouts.stepMs, totalMs: timeouts.totalMs },
    maxWireBytes: 65_536,
  });
  const key = mode === 'h2c-upgrade' ? 'h2c-upgrade' : 'h2-prior-knowledge';
  return toResult(key, record, Math.round(performance.now() - started));
}
