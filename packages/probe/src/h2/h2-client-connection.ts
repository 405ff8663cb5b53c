/**
 * The client end of one HTTP/2 connection in cleartext (RFC 9113), small and scripted: it
 * writes what its caller asks (preface, SETTINGS, HEADERS, DATA, GOAWAY), keeps the protocol's
 * obligations on its own (SETTINGS ACK §6.5.3, PING ACK §6.7, flow control §5.2 and §6.9), and
 * records every byte both ways with its time. Both directions are read back through protocol's
 * `H2FrameParser` and HPACK decoder, so the record shows the frames as they were on the wire,
 * not as the client meant them. Waits are bounded by the caller's timeouts.
 */
import type { Socket } from 'node:net';
import type { Direction, H2Finding, H2FrameRecord } from '@switchyard/protocol';
import {
  CLIENT_PREFACE,
  H2FrameParser,
  H2_FRAME_TYPES,
  SETTINGS_IDS,
  concatBytes,
  encodeH2Frame,
  encodeHpackLiterals,
  encodeSettingsPayload,
  h2HasFlag,
} from '@switchyard/protocol';
import type { HeaderList, Http2FrameJson, Http2SettingJson } from '@switchyard/exchange';
import { encodeBase64 } from '@switchyard/exchange';
import { H2FrameRecorder } from './frame-recorder.js';
import type { H2StreamRecord } from './h2-types.js';
import { Waiters } from './waiters.js';
import { WireLog } from './wire-log.js';

/** RFC 9113 §6.5.2 / §6.9.2: initial flow-control window and frame size. */
const DEFAULT_WINDOW = 65_535;
const DEFAULT_MAX_FRAME = 16_384;
/** Stream-1 body bytes kept in the record. */
const BODY_PREVIEW = 4096;

/** The client's SETTINGS (RFC 9113 §6.5.2): no server push; the rest stays at the defaults. */
export const CLIENT_SETTINGS: readonly { id: number; value: number }[] = [
  { id: SETTINGS_IDS.ENABLE_PUSH, value: 0 },
];

interface StreamState {
  record: H2StreamRecord;
  sendWindow: number;
  /** Received DATA bytes not yet given back with WINDOW_UPDATE. */
  unacked: number;
  queue: { bytes: Uint8Array; end: boolean }[];
  onData?: (payload: Uint8Array) => void;
  body: Uint8Array[];
  bodyKept: number;
}

/** Options of {@link H2ClientConnection}. */
export interface H2ClientConnectionOptions {
  socket: Socket;
  /** µs since the run's start. */
  now: () => number;
  /** Bytes kept per direction in the record. */
  maxWireBytes: number;
}

/** One client connection; see the module comment. */
export class H2ClientConnection {
  /** Protocol findings about the bytes (preface); frame findings are on the frames. */
  readonly findings: H2Finding[] = [];
  readonly sent: WireLog;
  readonly received: WireLog;
  /** Where HTTP/2 starts in each direction's bytes (after an HTTP/1.1 upgrade, else 0). */
  readonly http2StartsAt = { sent: 0, received: 0 };
  /** Every setting of every non-ACK SETTINGS frame the server sent, in order. */
  readonly serverSettings: Http2SettingJson[] = [];
  serverSettingsFrames = 0;
  settingsAcksReceived = 0;
  closed = false;
  goaway: { by: 'client' | 'server'; errorName: string; lastStreamId: number } | undefined;

  private readonly socket: Socket;
  private readonly now: () => number;
  private readonly inbound = new H2FrameParser();
  private readonly outbound = new H2FrameParser({ expectPreface: true });
  private readonly recorder = new H2FrameRecorder();
  private readonly streams = new Map<number, StreamState>();
  private readonly waiters = new Waiters();
  private http1 = true;
  private http1Sink: ((bytes: Uint8Array) => void) | undefined;
  private sendWindow = DEFAULT_WINDOW;
  private unacked = 0;
  private peerInitialWindow = DEFAULT_WINDOW;
  private peerMaxFrame = DEFAULT_MAX_FRAME;

  constructor(options: H2ClientConnectionOptions) {
    this.socket = options.socket;
    this.now = options.now;
    this.sent = new WireLog(options.maxWireBytes);
    this.received = new WireLog(options.maxWireBytes);
    this.socket.on('data', (chunk: Buffer) =>
      this.onBytes(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)),
    );
    this.socket.on('close', () => {
      this.closed = true;
      this.settle();
    });
    this.socket.on('error', () => undefined);
  }

  /** Every frame both ways, in wire order (see frame-recorder.ts). */
  get frames(): Http2FrameJson[] {
    return this.recorder.frames;
  }

  /** Findings of the frames' field blocks, and about the bytes (preface). */
  get allFindings(): H2Finding[] {
    return [...this.findings, ...this.recorder.findings];
  }

  /** Streams in the order they were opened. */
  get streamRecords(): H2StreamRecord[] {
    return [...this.streams.values()].map((s) => s.record);
  }

  /** The stream `id`'s record (throws when the stream does not exist: a caller bug). */
  stream(id: number): H2StreamRecord {
    const s = this.streams.get(id);
    if (s === undefined) throw new Error(`no stream ${id}`);
    return s.record;
  }

  /** Before HTTP/2: bytes go out as they are, and bytes read go to `sink` (an HTTP/1.1 head). */
  writeHttp1(bytes: Uint8Array, sink: (bytes: Uint8Array) => void): void {
    this.http1Sink = sink;
    this.write(bytes, false);
  }

  /**
   * Switches to HTTP/2 (right away with prior knowledge, after the 101 for h2c): writes the
   * client connection preface and SETTINGS (RFC 9113 §3.4), then reads `rest` (bytes that
   * followed the 101 head) as HTTP/2.
   */
  startHttp2(rest: Uint8Array = new Uint8Array(0)): void {
    this.http1 = false;
    this.http1Sink = undefined;
    this.http2StartsAt.sent = this.sent.bytes;
    this.http2StartsAt.received = this.received.bytes - rest.length;
    const settings = encodeH2Frame({
      type: H2_FRAME_TYPES.SETTINGS,
      payload: encodeSettingsPayload(CLIENT_SETTINGS),
    });
    const preface = new Uint8Array(CLIENT_PREFACE.length + settings.length);
    preface.set(CLIENT_PREFACE);
    preface.set(settings, CLIENT_PREFACE.length);
    this.write(preface);
    if (rest.length > 0) this.readHttp2(rest);
  }

  /** Adds the implied stream 1 of an h2c upgrade: half-closed (local), RFC 7540 §3.2. */
  adoptUpgradedStream(request: HeaderList): void {
    const state = this.newStream(1, 'upgraded-request', request);
    state.record.endSent = true;
  }

  /**
   * Opens stream `id` with a HEADERS frame (and CONTINUATION frames if the block is larger than
   * the server's SETTINGS_MAX_FRAME_SIZE, §6.10). `onData` receives the DATA payloads.
   */
  openStream(
    id: number,
    role: H2StreamRecord['role'],
    fields: HeaderList,
    onData?: (payload: Uint8Array) => void,
  ): void {
    const state = this.newStream(id, role, fields);
    if (onData !== undefined) state.onData = onData;
    const block = encodeHpackLiterals(fields);
    const frames: Uint8Array[] = [];
    let offset = 0;
    // Bounded: each round takes up to peerMaxFrame bytes of the block.
    do {
      const part = block.subarray(offset, offset + this.peerMaxFrame);
      offset += part.length;
      const first = frames.length === 0;
      frames.push(
        encodeH2Frame({
          type: first ? H2_FRAME_TYPES.HEADERS : H2_FRAME_TYPES.CONTINUATION,
          flags: offset >= block.length ? 0x4 : 0, // END_HEADERS on the block's last frame
          streamId: id,
          payload: part,
        }),
      );
    } while (offset < block.length);
    for (const frame of frames) this.write(frame);
  }

  /**
   * Sends `bytes` as DATA on stream `id` (END_STREAM with `end`), split to the server's maximum
   * frame size and held back while the flow-control windows are exhausted (RFC 9113 §5.2,
   * §6.9.1); queued DATA goes out as WINDOW_UPDATE frames arrive.
   */
  sendData(id: number, bytes: Uint8Array, end = false): void {
    const state = this.streams.get(id);
    if (state === undefined) return;
    state.queue.push({ bytes, end });
    if (end) state.record.endSent = true;
    this.flush(state);
  }

  /** GOAWAY with NO_ERROR (RFC 9113 §6.8): the server opened no stream, so last stream 0. */
  goAway(): void {
    if (this.closed || this.goaway?.by === 'client') return;
    const payload = new Uint8Array(8);
    this.write(encodeH2Frame({ type: H2_FRAME_TYPES.GOAWAY, payload }));
    this.goaway = { by: 'client', errorName: 'NO_ERROR', lastStreamId: 0 };
  }

  /**
   * Ends the connection politely: GOAWAY (RFC 9113 §6.8) if HTTP/2 started, then up to `ms / 2` for the server to
   * close the connection (it answers with its own GOAWAY first), then our side of TCP closed and
   * up to `ms / 2` more before the socket is destroyed.
   */
  async end(ms: number): Promise<void> {
    // Still HTTP/1.1 (no 101 came): no HTTP/2 frame may go out, just close.
    if (!this.closed && !this.http1) {
      this.goAway();
      await this.waitFor(() => this.closed, 'TCP close', ms / 2).catch(() => undefined);
    }
    if (!this.closed) {
      this.socket.end();
      await this.waitFor(() => this.closed, 'TCP close', ms / 2).catch(() => undefined);
    }
    this.destroy();
  }

  /** Drops the connection at once. */
  destroy(): void {
    this.socket.destroy();
  }

  /** Resolves when `check()` holds; rejects after `ms` or when the connection closes first. */
  waitFor(check: () => boolean, what: string, ms: number): Promise<void> {
    return this.waiters.wait(check, what, ms, this.closed);
  }

  private newStream(id: number, role: H2StreamRecord['role'], request: HeaderList): StreamState {
    const state: StreamState = {
      record: { id, role, request, dataBytes: 0, endSent: false, endReceived: false },
      sendWindow: this.peerInitialWindow,
      unacked: 0,
      queue: [],
      body: [],
      bodyKept: 0,
    };
    this.streams.set(id, state);
    return state;
  }

  private flush(state: StreamState): void {
    // Bounded by the queue: each round sends a frame or stops.
    while (state.queue.length > 0 && !this.closed) {
      const head = state.queue[0]!;
      const room = Math.min(this.sendWindow, state.sendWindow, this.peerMaxFrame);
      if (head.bytes.length > 0 && room <= 0) return;
      const part = head.bytes.subarray(0, Math.max(0, room));
      const last = part.length === head.bytes.length;
      this.write(
        encodeH2Frame({
          type: H2_FRAME_TYPES.DATA,
          flags: last && head.end ? 0x1 : 0, // END_STREAM
          streamId: state.record.id,
          payload: part,
        }),
      );
      this.sendWindow -= part.length;
      state.sendWindow -= part.length;
      if (last) state.queue.shift();
      else head.bytes = head.bytes.subarray(part.length);
    }
  }

  private write(bytes: Uint8Array, http2 = true): void {
    if (this.closed || this.socket.destroyed) return;
    this.socket.write(bytes);
    const time = this.now();
    this.sent.add(bytes, time);
    if (!http2) return;
    const result = this.outbound.push(bytes);
    this.findings.push(...result.findings);
    for (const frame of result.frames) this.recordFrame(frame, 'client-to-server', time);
  }

  private onBytes(bytes: Uint8Array): void {
    this.received.add(bytes, this.now());
    if (this.http1) {
      this.http1Sink?.(bytes);
      return;
    }
    this.readHttp2(bytes);
  }

  private readHttp2(bytes: Uint8Array): void {
    const time = this.now();
    const result = this.inbound.push(bytes);
    this.findings.push(...result.findings);
    for (const frame of result.frames) {
      this.recordFrame(frame, 'server-to-client', time);
      this.react(frame);
    }
    this.settle();
  }

  private recordFrame(frame: H2FrameRecord, direction: Direction, time: number): void {
    const block = this.recorder.record(frame, direction, time);
    if (block === undefined || direction !== 'server-to-client') return;
    const state = this.streams.get(block.streamId);
    if (state === undefined) return;
    if (state.record.response === undefined) {
      state.record.response = block.headers;
      const status = block.headers.find(([n]) => n === ':status')?.[1];
      if (status !== undefined) state.record.status = Number(status);
    }
    if (block.endStream) state.record.endReceived = true;
  }

  /** What the client must do about a server frame. */
  private react(frame: H2FrameRecord): void {
    const { type, flags, streamId } = frame;
    switch (type) {
      case H2_FRAME_TYPES.SETTINGS: {
        if (h2HasFlag(type, flags, 'ACK')) {
          this.settingsAcksReceived++;
          return;
        }
        this.serverSettingsFrames++;
        for (const s of frame.details.settings ?? []) {
          this.serverSettings.push({ id: s.id, name: s.name, value: s.value });
          if (s.id === SETTINGS_IDS.INITIAL_WINDOW_SIZE) {
            // §6.9.2: a change applies to every open stream's window by the difference.
            const delta = s.value - this.peerInitialWindow;
            this.peerInitialWindow = s.value;
            for (const st of this.streams.values()) st.sendWindow += delta;
          } else if (s.id === SETTINGS_IDS.MAX_FRAME_SIZE) {
            this.peerMaxFrame = s.value;
          }
        }
        // §6.5.3: the recipient MUST immediately emit a SETTINGS frame with the ACK flag.
        this.write(encodeH2Frame({ type: H2_FRAME_TYPES.SETTINGS, flags: 0x1 }));
        this.flushAll();
        return;
      }
      case H2_FRAME_TYPES.PING:
        // §6.7: a PING without ACK is answered with an identical payload and ACK set.
        if (!h2HasFlag(type, flags, 'ACK')) {
          this.write(encodeH2Frame({ type, flags: 0x1, payload: frame.payload }));
        }
        return;
      case H2_FRAME_TYPES.WINDOW_UPDATE: {
        const increment = frame.details.windowIncrement ?? 0;
        if (streamId === 0) this.sendWindow += increment;
        else {
          const state = this.streams.get(streamId);
          if (state !== undefined) state.sendWindow += increment;
        }
        this.flushAll();
        return;
      }
      case H2_FRAME_TYPES.DATA:
        this.onDataFrame(frame);
        return;
      case H2_FRAME_TYPES.RST_STREAM: {
        const state = this.streams.get(streamId);
        if (state !== undefined) {
          state.record.reset = { by: 'server', errorName: frame.details.errorName ?? 'UNKNOWN' };
        }
        return;
      }
      case H2_FRAME_TYPES.GOAWAY:
        this.goaway = {
          by: 'server',
          errorName: frame.details.errorName ?? 'UNKNOWN',
          lastStreamId: frame.details.lastStreamId ?? 0,
        };
        return;
      default:
        return;
    }
  }

  private onDataFrame(frame: H2FrameRecord): void {
    const state = this.streams.get(frame.streamId);
    // §6.9.1: the whole payload (padding included) counts against flow control.
    this.unacked += frame.length;
    const pad = h2HasFlag(frame.type, frame.flags, 'PADDED') ? (frame.payload[0] ?? 0) : -1;
    const data =
      pad < 0 ? frame.payload : frame.payload.subarray(1, Math.max(1, frame.payload.length - pad));
    if (state !== undefined) {
      state.unacked += frame.length;
      state.record.dataBytes += data.length;
      if (state.bodyKept < BODY_PREVIEW && state.onData === undefined) {
        const part = data.subarray(0, BODY_PREVIEW - state.bodyKept);
        state.body.push(part.slice());
        state.bodyKept += part.length;
        state.record.bodyPreview = encodeBase64(concatBytes(state.body));
      }
      if (h2HasFlag(frame.type, frame.flags, 'END_STREAM')) state.record.endReceived = true;
      state.onData?.(data);
    }
    // §6.9: give the window back once half of it is used, so the server never stalls.
    if (this.unacked >= DEFAULT_WINDOW / 2) {
      this.windowUpdate(0, this.unacked);
      this.unacked = 0;
    }
    if (state !== undefined && !state.record.endReceived && state.unacked >= DEFAULT_WINDOW / 2) {
      this.windowUpdate(state.record.id, state.unacked);
      state.unacked = 0;
    }
  }

  private windowUpdate(streamId: number, increment: number): void {
    const payload = new Uint8Array(4);
    new DataView(payload.buffer).setUint32(0, increment & 0x7fffffff);
    this.write(encodeH2Frame({ type: H2_FRAME_TYPES.WINDOW_UPDATE, streamId, payload }));
  }

  private flushAll(): void {
    for (const state of this.streams.values()) this.flush(state);
  }

  /** Re-checks the waits (after state the caller changed, e.g. a WebSocket frame read). */
  settle(): void {
    this.waiters.settle(this.closed);
  }
}
