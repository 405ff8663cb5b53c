/**
 * The frames of one HTTP/2 connection, as they cross the socket (issue 8). Both directions are
 * parsed with the protocol core's frame parser (the client's expects the preface, RFC 9113
 * §3.4) and one HPACK decoder per direction, which sees every field block in order, also of
 * streams nobody captures (RFC 7541 §2.2: the dynamic table is per direction and connection).
 *
 * A captured exchange claims its stream; when the stream is closed on the wire (END_STREAM both
 * ways, or RST_STREAM, RFC 9113 §5.1) or the connection ends, the claim settles and the
 * exchange collects its frames: those of its stream, plus the connection's (stream 0) frames
 * up to then: every SETTINGS frame (the state the exchange ran under) and the other stream-0
 * frames seen since its stream opened. Memory is bounded by the capture caps: past them frames
 * are only counted.
 */
import {
  buildHttp2Capture,
  h2StoredPayload,
  type Http2Capture,
  type Http2CaptureLimits,
  type Http2FrameInput,
  type Http2Mode,
} from '@switchyard/exchange';
import {
  H2_FRAME_TYPES,
  H2FieldBlockDecoder,
  H2FrameParser,
  SETTINGS_IDS,
  h2HasFlag,
  type Direction,
  type H2FrameRecord,
} from '@switchyard/protocol';
import type { Http2Source } from '../../plugins/capture/recorder.js';

/** Frames seen past the caps: counted, not kept. */
interface Dropped {
  clientToServer: number;
  serverToClient: number;
  /** Payload bytes they would have stored. */
  bytes: number;
  firstSeq?: number;
}

interface StreamLog {
  frames: Http2FrameInput[];
  storedBytes: number;
  dropped: Dropped;
  /** Seq of the stream's first frame. */
  firstSeq: number;
  clientEnded: boolean;
  serverEnded: boolean;
  closed: boolean;
  claimed: boolean;
  onClosed?: () => void;
}

/** How long a claim waits for its stream to close on the wire once its exchange finishes. */
const SETTLE_MS = 2_000;
/** Closed streams nobody claimed (yet), kept in case a claim comes late (a cancelled request). */
const RECENTLY_CLOSED = 8;
/**
 * What a stream holds before an exchange claims it (uncaptured routes, the UI's live channel
 * never are): its request's first frames, enough for a captured route's request head and the
 * start of its content; past it frames are counted, payloads cut.
 */
const UNCLAIMED = { maxFrames: 64, maxBytes: 16_384 };

const base64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

const wallUs = () => Math.round((performance.timeOrigin + performance.now()) * 1000);

/** The tap of each tapped HTTP/2 session (for the RFC 8441 handler's claim). */
export const sessionTaps = new WeakMap<object, H2ConnectionTap>();

/** One connection's tap. Feed it with {@link client} and {@link server}. */
export class H2ConnectionTap {
  private readonly parsers: Record<Direction, H2FrameParser>;
  private readonly blocks: Record<Direction, H2FieldBlockDecoder>;
  /** The frame that opened the field block being read, per direction. */
  private readonly openBlock: Partial<Record<Direction, Http2FrameInput>> = {};
  private readonly streams = new Map<number, StreamLog>();
  private readonly recentlyClosed: number[] = [];
  /** SETTINGS frames of the connection (both directions). */
  private readonly settings: Http2FrameInput[] = [];
  /** Other stream-0 frames (pruned to what open streams may still need). */
  private readonly connection: Http2FrameInput[] = [];
  private readonly connectionDropped: Dropped = { clientToServer: 0, serverToClient: 0, bytes: 0 };
  private seq = 0;
  private ended = false;
  private broken = false;
  /** Highest stream id opened, by parity (even: server-initiated). */
  private readonly highest = [0, 0];

  /**
   * @param mode how the connection came to HTTP/2
   * @param limits the capture caps (per exchange; also the memory bound per stream)
   * @param streamOneOpen h2c upgrade: stream 1 is the HTTP/1.1 request, already half-closed
   *   (remote) from the client's side (RFC 7540 §3.2)
   */
  constructor(
    readonly mode: Http2Mode,
    private readonly limits: Http2CaptureLimits,
    options: { streamOneHalfClosed?: boolean; clientHeaderTableSize?: number } = {},
  ) {
    this.parsers = {
      'client-to-server': new H2FrameParser({ expectPreface: true }),
      'server-to-client': new H2FrameParser(),
    };
    this.blocks = {
      'client-to-server': new H2FieldBlockDecoder(),
      'server-to-client': new H2FieldBlockDecoder(
        options.clientHeaderTableSize === undefined
          ? {}
          : { maxTableSize: Math.max(4096, options.clientHeaderTableSize) },
      ),
    };
    if (options.streamOneHalfClosed) {
      this.stream(1).clientEnded = true;
      this.highest[1] = 1;
    }
  }

  /** Bytes read from the client. */
  client(chunk: Uint8Array): void {
    this.push('client-to-server', chunk);
  }

  /** Bytes written to the client. */
  server(chunk: Uint8Array): void {
    this.push('server-to-client', chunk);
  }

  /** The connection is gone: every claim settles. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const log of this.streams.values()) log.onClosed?.();
  }

  /** A captured exchange's claim on its stream (see the file comment). */
  claim(streamId: number): Http2Source {
    const log = this.stream(streamId);
    log.claimed = true;
    return {
      settled: () =>
        new Promise<void>((resolve) => {
          if (log.closed || this.ended) {
            resolve();
            return;
          }
          const timer = setTimeout(done, SETTLE_MS);
          function done() {
            clearTimeout(timer);
            log.onClosed = undefined;
            resolve();
          }
          log.onClosed = done;
        }),
      collect: (startUs) => this.collect(streamId, startUs),
    };
  }

  private collect(streamId: number, startUs: number): Http2Capture {
    const log = this.stream(streamId);
    const last = this.seq;
    const mine = [
      ...log.frames,
      ...this.settings,
      ...this.connection.filter((f) => f.seq >= log.firstSeq),
    ]
      .filter((f) => f.seq < last)
      .sort((a, b) => a.seq - b.seq)
      .map((f) => ({ ...f, time: f.time - startUs }));
    this.forget(streamId);
    const out = buildHttp2Capture(this.mode, streamId, mine, this.limits, { encode: base64 });
    for (const d of [log.dropped, this.connectionDropped]) {
      const n = d.clientToServer + d.serverToClient;
      if (n === 0) continue;
      // Counted past the frame cap of the tap's own lists: past the exchange's cap as well.
      out.framesSeen.clientToServer += d.clientToServer;
      out.framesSeen.serverToClient += d.serverToClient;
      out.truncation.framesDropped += n;
      out.truncation.bytesDropped += d.bytes;
      const first = out.truncation.firstDroppedSeq;
      if (d.firstSeq !== undefined && (first === undefined || d.firstSeq < first)) {
        out.truncation.firstDroppedSeq = d.firstSeq;
      }
    }
    return out;
  }

  private stream(id: number): StreamLog {
    let log = this.streams.get(id);
    if (!log) {
      log = {
        frames: [],
        storedBytes: 0,
        dropped: { clientToServer: 0, serverToClient: 0, bytes: 0 },
        firstSeq: this.seq,
        clientEnded: false,
        serverEnded: false,
        closed: false,
        claimed: false,
      };
      this.streams.set(id, log);
    }
    return log;
  }

  private push(direction: Direction, chunk: Uint8Array): void {
    if (this.broken) return;
    try {
      const time = wallUs();
      const out = this.parsers[direction].push(chunk);
      for (const record of out.frames) this.frame(direction, record, time);
    } catch {
      // The core never throws on bad input; should a bug throw anyway, the connection carries
      // on untapped rather than failing in a socket's 'data' listener.
      this.broken = true;
    }
  }

  private frame(direction: Direction, record: H2FrameRecord, time: number): void {
    const input: Http2FrameInput = { record, seq: this.seq++, direction, time };
    const { type, flags, streamId } = record;
    // Every field block goes through the direction's decoder, stored or not.
    if (type === H2_FRAME_TYPES.HEADERS || type === H2_FRAME_TYPES.PUSH_PROMISE) {
      this.openBlock[direction] = input;
    }
    const block = this.blocks[direction].push(record);
    if (block) {
      const opener = this.openBlock[direction] ?? input;
      opener.headers = block.headers;
      if (block.error) opener.headerError = block.error;
      this.openBlock[direction] = undefined;
    }
    if (type === H2_FRAME_TYPES.SETTINGS && !h2HasFlag(type, flags, 'ACK')) {
      // SETTINGS_HEADER_TABLE_SIZE bounds the other side's encoder (RFC 7541 §4.2).
      const size = record.details.settings?.find((s) => s.id === SETTINGS_IDS.HEADER_TABLE_SIZE);
      const other = direction === 'client-to-server' ? 'server-to-client' : 'client-to-server';
      if (size) this.blocks[other].hpack.setMaxTableSize(size.value);
    }
    if (streamId === 0) {
      this.keepConnectionFrame(input);
      return;
    }
    let log = this.streams.get(streamId);
    if (!log) {
      // RFC 9113 §5.1.1: a stream opens with HEADERS on a new, higher id; frames on an id
      // already used are late frames of a stream this tap has let go of.
      const parity = streamId % 2;
      if (type !== H2_FRAME_TYPES.HEADERS || streamId <= this.highest[parity]!) return;
      this.highest[parity] = streamId;
      log = this.stream(streamId);
      log.firstSeq = input.seq;
    }
    this.keep(log.frames, log, input, log.claimed ? this.limits : UNCLAIMED);
    if (type === H2_FRAME_TYPES.RST_STREAM) log.closed = true;
    if (h2HasFlag(type, flags, 'END_STREAM')) {
      if (direction === 'client-to-server') log.clientEnded = true;
      else log.serverEnded = true;
    }
    if (log.clientEnded && log.serverEnded) log.closed = true;
    if (log.closed) {
      if (log.onClosed) log.onClosed();
      else if (!log.claimed) this.parkClosed(streamId);
    }
  }

  /** Keeps a frame within the caps (frames, then payload bytes), else counts it. */
  private keep(
    list: Http2FrameInput[],
    log: Pick<StreamLog, 'storedBytes' | 'dropped'>,
    input: Http2FrameInput,
    limits: Http2CaptureLimits = this.limits,
  ): void {
    const bytes = h2StoredPayload(input.record)?.length ?? 0;
    if (list.length >= limits.maxFrames) {
      const d = log.dropped;
      if (input.direction === 'client-to-server') d.clientToServer++;
      else d.serverToClient++;
      d.bytes += bytes;
      d.firstSeq ??= input.seq;
      return;
    }
    if (log.storedBytes >= Math.min(limits.maxBytes, this.limits.maxBytes) && bytes > 0) {
      // Past the byte cap the payload is cut anyway: do not hold it. The frame stays.
      input.record = { ...input.record, payload: new Uint8Array(0) };
      input.payloadCut = bytes;
    } else {
      log.storedBytes += bytes;
    }
    list.push(input);
  }

  /** Caps of the connection-level lists (SETTINGS and the rest together). */
  private readonly connectionLog = { storedBytes: 0, dropped: this.connectionDropped };

  private keepConnectionFrame(input: Http2FrameInput): void {
    if (input.record.type === H2_FRAME_TYPES.SETTINGS) {
      this.keep(this.settings, this.connectionLog, input);
      return;
    }
    this.keep(this.connection, this.connectionLog, input);
  }

  private parkClosed(streamId: number): void {
    this.recentlyClosed.push(streamId);
    if (this.recentlyClosed.length > RECENTLY_CLOSED) {
      const id = this.recentlyClosed.shift()!;
      if (this.streams.get(id)?.claimed !== true) this.forget(id);
    }
  }

  /** Drops a stream's frames, and the stream-0 frames no open stream needs any more. */
  private forget(streamId: number): void {
    const log = this.streams.get(streamId);
    if (!log) return;
    this.streams.delete(streamId);
    let oldest = this.seq;
    for (const s of this.streams.values()) oldest = Math.min(oldest, s.firstSeq);
    let cut = 0;
    while (cut < this.connection.length && this.connection[cut]!.seq < oldest) {
      this.connectionLog.storedBytes -= h2StoredPayload(this.connection[cut]!.record)?.length ?? 0;
      cut++;
    }
    if (cut > 0) this.connection.splice(0, cut);
  }
}
