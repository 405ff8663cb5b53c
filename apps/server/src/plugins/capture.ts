/**
 * The capture plugin (issue 4 "Capture"). For routes with `config: { capture: true }` it
 * records each request as an Exchange: the request head as Node received it
 * (`rawHeaders`: names' case, order and duplicates), interim responses and notes the route
 * reports through `request.capture`, the final head exactly as Node wrote it (see
 * `capture/response-head.ts`), body sizes and bounded previews, and µs timings. Every captured
 * response names its share link: `Link: </x/{id}>; rel="capture"` and `X-Switchyard-Capture`.
 * On finish the recorder only hands its record over; `capture/finisher.ts` redacts, lints and
 * queues it to `app.exchangeStore` in a batch after the response (off the request path).
 *
 * Features that own the socket (WebSocket endpoints, faults, the probe) use `app.captures`:
 * `begin()` for a new exchange or `of(request)` for the route's, then `response()`,
 * `upgraded()`, `frame()`, `close()` and `finish()`; `captureHeaders(id)` gives the two share
 * headers to put in a hand-written 101.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Http2ServerResponse } from 'node:http2';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { newShareId, redactExchange, type Exchange, type RandomBytes } from '@switchyard/exchange';
import type { CaptureHandle } from './capture-api.js';
import { BodyTap } from './capture/preview.js';
import {
  ExchangeRecorder,
  type BeginOptions,
  type CaptureLimits,
  type ExchangeCapture,
  type RecorderSink,
} from './capture/recorder.js';
import { ExchangeFinisher } from './capture/finisher.js';
import { REBUILT_HEAD_NOTE, sentResponseHead } from './capture/response-head.js';

export type { BeginOptions, CaptureLimits, ExchangeCapture } from './capture/recorder.js';
export { parseResponseHead } from './capture/response-head.js';

/** The share-link headers of an exchange, for any response including a hand-written 101. */
export function captureHeaders(id: string): [string, string][] {
  return [
    ['Link', `</x/${id}>; rel="capture"`],
    ['X-Switchyard-Capture', id],
  ];
}

/** `app.captures`: the programmatic capture API. */
export interface CaptureService {
  /** False when `CAPTURE=off`: then `begin` returns undefined and routes are not captured. */
  readonly enabled: boolean;
  readonly limits: CaptureLimits;
  /** Starts a new exchange (undefined when capture is off). */
  begin(options: BeginOptions): ExchangeCapture | undefined;
  /** The capture of a request on a captured route. */
  of(request: FastifyRequest): ExchangeCapture | undefined;
  /**
   * An exchange still being captured (redacted) or finished but not yet handed to the store
   * (redacted and linted), else undefined.
   */
  active(id: string): Exchange | undefined;
  /** An exchange by id: in progress or stored. */
  get(id: string): Promise<Exchange | undefined>;
}

export interface CapturePluginOptions {
  /** CSPRNG for share ids (default node:crypto randomBytes). */
  randomBytes?: RandomBytes;
}

/** Exchanges open at once; past it the oldest is ended (with a note) to bound memory. */
export const MAX_ACTIVE = 10_000;

type WithCapture = { [CAPTURE]?: ExchangeRecorder };
const CAPTURE = Symbol('switchyard.capture');

function addressOf(address: string | undefined, port: number | undefined, family?: string) {
  if (address === undefined || port === undefined) return undefined;
  return {
    address,
    port,
    ...(family === 'IPv4' || family === 'IPv6' ? { family: family as 'IPv4' | 'IPv6' } : {}),
  };
}

/**
 * Wraps the request payload so its bytes are counted and previewed as the parser reads them.
 * Lazy: nothing is read from the socket unless the parser reads (a route answering without
 * reading the content, RFC 9110 §10.1.1, keeps that behaviour).
 */
function tapPayload(source: Readable, onChunk: (chunk: Buffer) => void): Readable {
  let started = false;
  const out: Readable & { receivedEncodedLength?: number } = new Readable({
    read() {
      if (started) {
        source.resume();
        return;
      }
      started = true;
      source.on('data', (chunk: Buffer) => {
        onChunk(chunk);
        // Fastify compares this with Content-Length when a preParsing hook replaced the stream.
        out.receivedEncodedLength = (out.receivedEncodedLength ?? 0) + chunk.length;
        if (!out.push(chunk)) source.pause();
      });
      source.once('end', () => out.push(null));
      source.once('error', (error) => out.destroy(error));
    },
    destroy(error, callback) {
      if (error) source.destroy(error);
      callback(error);
    },
  });
  return out;
}

function toBytes(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (typeof chunk === 'string') {
    return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  }
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
  return undefined;
}

/**
 * node:crypto randomBytes drawn from a pool refilled 4 KiB at a time: one CSPRNG call per ~227
 * share ids instead of one per request (the bytes are never reused).
 */
function pooledRandomBytes(poolSize = 4096): RandomBytes {
  let pool = nodeRandomBytes(poolSize);
  let offset = 0;
  return (n) => {
    if (n > poolSize) return new Uint8Array(nodeRandomBytes(n));
    if (offset + n > poolSize) {
      pool = nodeRandomBytes(poolSize);
      offset = 0;
    }
    const bytes = pool.subarray(offset, offset + n);
    offset += n;
    return bytes;
  };
}

/**
 * What the capture hooks keep on a response. The wrappers and listeners below are shared
 * functions that find it here, rather than closures made per request (a closure keeps its whole
 * scope alive, and a WebSocket request's response lives as long as the connection).
 */
interface ResponseTap {
  recorder: ExchangeRecorder;
  socket: IncomingMessage['socket'] | null;
  writeHead: (...args: unknown[]) => ServerResponse;
  write: (...args: unknown[]) => boolean;
  end: (...args: unknown[]) => ServerResponse;
}
const RESPONSE_TAP = Symbol('switchyard.capture.response');
type TappedResponse = ServerResponse & { [RESPONSE_TAP]?: ResponseTap };

/** The response each captured route's exchange is written to (for an early end, at shutdown). */
const responseOf = new WeakMap<ExchangeRecorder, ServerResponse>();

/** False for responses Node sends without content (HEAD, 204, 304). */
function hasBody(res: ServerResponse): boolean {
  return (res as unknown as { _hasBody?: boolean })._hasBody !== false;
}

function tappedWriteHead(this: TappedResponse, ...args: unknown[]): ServerResponse {
  const tap = this[RESPONSE_TAP]!;
  tap.recorder.markFirstByte();
  return tap.writeHead.apply(this, args);
}

function tappedWrite(this: TappedResponse, chunk: unknown, ...rest: unknown[]): boolean {
  const tap = this[RESPONSE_TAP]!;
  const result = tap.write.call(this, chunk, ...rest);
  const bytes = hasBody(this) ? toBytes(chunk, rest[0]) : undefined;
  if (bytes) tap.recorder.responseBody(bytes);
  return result;
}

function tappedEnd(this: TappedResponse, chunk?: unknown, ...rest: unknown[]): ServerResponse {
  const tap = this[RESPONSE_TAP]!;
  const result = tap.end.call(this, chunk, ...rest);
  const bytes = typeof chunk === 'function' || !hasBody(this) ? undefined : toBytes(chunk, rest[0]);
  if (bytes) tap.recorder.responseBody(bytes);
  return result;
}

/** Observes what Node writes: the head's time and the body's bytes (none for HEAD/204/304). */
function tapResponse(
  res: ServerResponse,
  recorder: ExchangeRecorder,
  socket: IncomingMessage['socket'] | null,
): void {
  const tapped = res as TappedResponse;
  tapped[RESPONSE_TAP] = {
    recorder,
    socket,
    writeHead: res.writeHead as ResponseTap['writeHead'],
    write: res.write as ResponseTap['write'],
    end: res.end as ResponseTap['end'],
  };
  responseOf.set(recorder, res);
  res.writeHead = tappedWriteHead as typeof res.writeHead;
  res.write = tappedWrite as typeof res.write;
  res.end = tappedEnd as typeof res.end;
  // Plain listeners (each removes both when called): `once` would add wrappers per request.
  res.on('finish', onResponseDone);
  res.on('close', onResponseDone);
}

function finishOnClose(this: { [RESPONSE_TAP]?: ExchangeRecorder }): void {
  this[RESPONSE_TAP]?.finish();
}

/** The response finished or its connection closed: the exchange ends (unless it switched). */
function onResponseDone(this: TappedResponse): void {
  responseDone(this);
}

/** Records the final head Node sent on `res`, unless one is recorded already. */
function recordSentHead(recorder: ExchangeRecorder, res: ServerResponse): void {
  if (recorder.hasResponse) return;
  const { head, exact } = sentResponseHead(res);
  if (head) recorder.setResponse(head);
  if (head && !exact) recorder.note(REBUILT_HEAD_NOTE);
}

/**
 * Records now the final head Node already wrote for a captured request, rather than when the
 * response ends: for a response that streams for as long as the client stays (`/sse`), so the
 * exchange in progress (`GET /api/exchanges/{id}`, `/api/live`'s `response` event) shows it.
 * Does nothing when the request is not captured, the head is not written yet, or one is
 * recorded already.
 */
export function recordResponseHeadNow(request: FastifyRequest): void {
  const recorder = (request as unknown as WithCapture)[CAPTURE];
  const res = recorder && responseOf.get(recorder);
  if (!recorder || !res || recorder.finished || !res.headersSent) return;
  recordSentHead(recorder, res);
}

function responseDone(res: TappedResponse): void {
  res.removeListener('finish', onResponseDone);
  res.removeListener('close', onResponseDone);
  const tap = res[RESPONSE_TAP];
  if (!tap) return;
  const { recorder, socket } = tap;
  if (recorder.finished) return;
  recordSentHead(recorder, res);
  // RFC 8441 over HTTP/2: the stream is the WebSocket, and the feature that took it ends the
  // exchange when it closes (features/h2c/h2-websocket-tap.ts); the connection goes on.
  if (recorder.isUpgraded && res instanceof Http2ServerResponse) return;
  if (recorder.isUpgraded && socket && !socket.destroyed) {
    // The connection switched: the protocol's feature ends the exchange, or the socket's close.
    (socket as typeof socket & { [RESPONSE_TAP]?: ExchangeRecorder })[RESPONSE_TAP] = recorder;
    socket.once('close', finishOnClose);
    return;
  }
  if (!res.writableFinished && !recorder.isUpgraded) {
    recorder.note('connection closed before the response was complete');
  }
  recorder.finish();
}

async function capturePlugin(app: FastifyInstance, options: CapturePluginOptions): Promise<void> {
  const config = app.config;
  const randomBytes = options.randomBytes ?? pooledRandomBytes();
  const limits: CaptureLimits = {
    maxFrames: config.captureMaxFrames,
    maxBytes: config.captureMaxBytes,
    previewBytes: config.capturePreviewBytes,
  };
  const active = new Map<string, ExchangeRecorder>();
  const finisher = new ExchangeFinisher(
    (exchange) => {
      app.exchangeStore
        .put(exchange)
        .catch((error: unknown) => app.log.error({ err: error, id: exchange.id }, 'store failed'));
    },
    (error, id) => app.log.error({ err: error, id }, 'completing a captured exchange failed'),
  );
  const sink: RecorderSink = {
    bus: app.hasDecorator('bus') ? app.bus : undefined,
    finished: (exchange) => {
      active.delete(exchange.id);
      finisher.add(exchange);
    },
  };

  const begin = (begin: BeginOptions): ExchangeRecorder | undefined => {
    if (!config.capture) return undefined;
    if (active.size >= MAX_ACTIVE) {
      // Bound memory if a feature never finishes its exchanges: end the oldest (Map order).
      const oldest = active.values().next().value;
      oldest?.note('ended early: too many exchanges open at once');
      oldest?.finish();
    }
    const id = newShareId(randomBytes);
    const recorder = new ExchangeRecorder(id, begin, limits, sink, (n) => new BodyTap(n));
    active.set(id, recorder);
    return recorder;
  };

  const service: CaptureService = {
    enabled: config.capture,
    limits,
    begin,
    of: (request) => (request as unknown as WithCapture)[CAPTURE],
    active: (id) => {
      const recorder = active.get(id);
      return recorder ? redactExchange(recorder.snapshot()) : finisher.peek(id);
    },
    get: async (id) => service.active(id) ?? (await app.exchangeStore.get(id)),
  };
  app.decorate('captures', service);

  // CAPTURE=off: no per-request hooks at all (they would only return; two promise-based hooks
  // on every request cost ~4% of the simulator's CPU in a profile). The flag is fixed at start.
  if (config.capture) installCaptureHooks(app, begin);

  // Before the store closes (its onClose hook): end what is still open so nothing is lost.
  const endAll = () => {
    for (const recorder of [...active.values()]) {
      if (!recorder.finished) {
        // A response whose head went out but that is not finished (e.g. an HTTP/2 response
        // only finishes when its stream closes) keeps its head.
        const res = responseOf.get(recorder);
        if (res?.headersSent) recordSentHead(recorder, res);
        recorder.note('server shutting down: exchange ended early');
        recorder.finish();
      }
      // An HTTP/2 exchange waits for its stream to close on the wire (up to 2 s), which may
      // come after the store has closed: it is handed over now with the frames seen so far.
      recorder.stopWaiting('server shutting down: HTTP/2 frames after this point not captured');
    }
    finisher.drain();
  };
  app.addHook('preClose', async () => endAll());
  // Again once the listeners are closed (HTTP/2 sessions get a grace period after preClose, and
  // their exchanges finish during it); onClose hooks run in reverse order of registration, so
  // this runs before the store's.
  app.addHook('onClose', async () => endAll());
}

/** The per-request hooks that begin an exchange on routes marked `config: { capture: true }`. */
function installCaptureHooks(
  app: FastifyInstance,
  begin: (options: BeginOptions) => ExchangeRecorder | undefined,
): void {
  // Callback-style hooks: no promise per request (they run on every request of the app).
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
    if (request.routeOptions.config?.capture === true) beginRequest(request, reply);
    done();
  });

  app.addHook('preParsing', (request: FastifyRequest, _reply, payload, done) => {
    const recorder = (request as unknown as WithCapture)[CAPTURE];
    const headers = request.raw.headers;
    // RFC 9112 §6.3: a request has content only with Content-Length or Transfer-Encoding; a
    // request without either (every WebSocket handshake) gets no tap, which would otherwise
    // live as long as the connection.
    if (
      !recorder ||
      (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined)
    ) {
      done(null, payload);
      return;
    }
    done(
      null,
      tapPayload(payload as Readable, (chunk) => recorder.requestBody(chunk)),
    );
  });

  function beginRequest(request: FastifyRequest, reply: FastifyReply): void {
    const raw: IncomingMessage = request.raw;
    const socket = raw.socket as IncomingMessage['socket'] | null;
    const recorder = begin({
      kind: 'http',
      endpoint: request.routeOptions.url ?? request.url.split('?')[0] ?? '',
      method: raw.method ?? request.method,
      target: raw.url ?? request.url,
      httpVersion: raw.httpVersion,
      headers: raw.rawHeaders,
      client: addressOf(socket?.remoteAddress, socket?.remotePort, socket?.remoteFamily),
      server: addressOf(socket?.localAddress, socket?.localPort, socket?.remoteFamily),
    });
    if (!recorder) return;
    // Node hands the request over only once the whole head is parsed.
    recorder.markRequestHead();
    (request as unknown as WithCapture)[CAPTURE] = recorder;
    request.capture = recorder satisfies CaptureHandle;
    for (const [name, value] of captureHeaders(recorder.id)) reply.header(name, value);

    tapResponse(reply.raw, recorder, socket);
  }
}

export default fp(capturePlugin, {
  name: 'switchyard-capture',
  fastify: '5.x',
  decorators: { fastify: ['config', 'exchangeStore'] },
  dependencies: ['switchyard-storage'],
});

declare module 'fastify' {
  interface FastifyInstance {
    /** Capture API for features that own the socket (see plugins/capture). */
    captures: CaptureService;
  }
}
