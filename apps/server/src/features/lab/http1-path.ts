/**
 * Path 1: the WebSocket opening handshake over HTTP/1.1 (RFC 6455 §4.1): `GET /ws/echo` with
 * `Upgrade: websocket`, answered `101 Switching Protocols` (RFC 9110 §15.2.2, §7.8); after the
 * 101 the WebSocket frames travel on the TCP connection itself. Sent by the probe's HTTP/1.1
 * engine (exact bytes, every frame recorded).
 */
import { startProbe, type CompiledPolicy, type Probe, type ProbeEvent } from '@switchyard/probe';
import { Opcode } from '@switchyard/protocol';
import { captureIdOf, type PathResult } from './path-result.js';

/** Bounds of one run, ms. */
export interface LabTimeouts {
  stepMs: number;
  totalMs: number;
}

/** Waits (bounded) for the server's first text frame on the probe's WebSocket. */
function echoArrived(probe: Probe, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(false), ms);
    const onEvent = (event: ProbeEvent) => {
      if (
        event.type === 'frame' &&
        event.frame.direction === 'server-to-client' &&
        event.frame.opcode === Opcode.Text
      ) {
        finish(true);
      } else if (event.type === 'closed') finish(false);
    };
    function finish(ok: boolean) {
      clearTimeout(timer);
      probe.off('event', onEvent);
      resolve(ok);
    }
    probe.on('event', onEvent);
  });
}

/** Runs path 1 against `ws://{host}:{port}/ws/echo`. */
export async function runHttp1Path(
  host: string,
  port: number,
  message: string,
  policy: CompiledPolicy,
  timeouts: LabTimeouts,
): Promise<PathResult> {
  const started = performance.now();
  const url = `ws://${host.includes(':') ? `[${host}]` : host}:${port}/ws/echo`;
  const probe = await startProbe(
    { url },
    {
      policy,
      timeouts: {
        connectMs: timeouts.stepMs,
        headMs: timeouts.stepMs,
        idleMs: timeouts.stepMs,
        closeMs: timeouts.stepMs,
        maxDurationMs: timeouts.totalMs,
      },
    },
  );
  await probe.ready;
  let error: string | undefined;
  let receivedText: string | undefined;
  if (probe.open) {
    const sent = probe.send({ type: 'text', text: message });
    if (!sent.ok) error = sent.reason;
    else if (!(await echoArrived(probe, timeouts.stepMs))) error = 'no echo arrived in time';
    // RFC 6455 §7.1.2: start the closing handshake with 1000 (normal closure).
    probe.close(1000);
  } else {
    error = probe.snapshot().probe.error ?? `no 101: ${probe.snapshot().probe.outcome}`;
  }
  const { exchange } = await probe.result;
  const ws = exchange.websocket;
  const echo = ws?.frames.find(
    (f) => f.direction === 'server-to-client' && f.opcode === Opcode.Text,
  );
  if (echo !== undefined) receivedText = Buffer.from(echo.payload, 'base64').toString('utf8');
  const close = ws?.close;
  if (error === undefined && close?.clean !== true) error = 'the WebSocket did not close cleanly';
  const response = exchange.response;
  const captureId = captureIdOf(response?.headers);
  const result: PathResult = {
    key: 'http1-upgrade',
    ok: error === undefined && receivedText === message,
    statuses: response ? [response.status] : [],
    captures: captureId ? [{ id: captureId, link: `/x/${captureId}`, what: 'websocket' }] : [],
    http1: { request: exchange.request, ...(response ? { response } : {}) },
    websocket: {
      carriedIn: 'tcp',
      frames: ws?.frames ?? [],
      ...(close ? { close } : {}),
      sentText: message,
      ...(receivedText !== undefined ? { receivedText } : {}),
    },
    wire: wireOf(exchange.request.raw ?? '', response?.raw ?? '', ws?.frames ?? []),
    durationMs: Math.round(performance.now() - started),
  };
  if (error !== undefined) result.error = error;
  else if (receivedText !== message) result.error = 'the echo differs from the message sent';
  return result;
}

/**
 * Byte counts of path 1: the two heads, plus every WebSocket frame (header and payload) in
 * each direction. The base64 holds the heads; the frames are in `websocket.frames`.
 */
function wireOf(
  sentBase64: string,
  receivedBase64: string,
  frames: PathResult['websocket']['frames'],
) {
  let sentBytes = Buffer.from(sentBase64, 'base64').length;
  let receivedBytes = Buffer.from(receivedBase64, 'base64').length;
  for (const f of frames) {
    const n = f.headerLength + f.payloadLength;
    if (f.direction === 'client-to-server') sentBytes += n;
    else receivedBytes += n;
  }
  return { sentBytes, receivedBytes, sentBase64, receivedBase64 };
}
