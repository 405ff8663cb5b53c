/**
 * permessage-deflate message transforms (RFC 7692 §7.2) over a compression engine the adapter
 * supplies. The core stays free of I/O and of `node:zlib`: Node adapters implement
 * {@link Inflater}/{@link Deflater} with zlib, a browser could use a JavaScript inflater.
 */
import type { ProtocolFinding } from '../shared/problem.js';
import type { Direction } from './frame-record.js';
import type { DeflateParams } from './permessage-deflate-params.js';
import { wsFinding } from './findings.js';

/** Result of inflating one message. */
export type InflateResult =
  | { ok: true; data: Uint8Array }
  /** `too-large`: output would exceed the limit; `corrupt`: not a valid DEFLATE stream. */
  | { ok: false; reason: 'too-large' | 'corrupt'; detail?: string };

/** Raw DEFLATE decompressor that keeps its LZ77 window between messages until `reset`. */
export interface Inflater {
  /**
   * Inflates one message's compressed bytes (the 0x00 0x00 0xff 0xff tail already appended).
   * Must stop once the output would exceed `maxOutput` bytes and report `too-large` instead of
   * allocating more (a deflate bomb must not exhaust memory). Must not throw.
   */
  inflate(data: Uint8Array, maxOutput: number): InflateResult;
  /** Forgets the sliding window (the sender uses no context takeover, RFC 7692 §7.1.1). */
  reset(): void;
}

/** Raw DEFLATE compressor that keeps its LZ77 window between messages until `reset`. */
export interface Deflater {
  /** Compresses one message and ends it with a sync flush (so the output ends 00 00 ff ff). */
  deflate(data: Uint8Array): Uint8Array;
  reset(): void;
}

/** Creates compression engines with a given LZ77 window size (8..15 bits). */
export interface DeflateEngine {
  createInflater(windowBits: number): Inflater;
  createDeflater(windowBits: number): Deflater;
}

/** The empty stored block a sync flush ends with (RFC 7692 §7.2.1). */
export const DEFLATE_TAIL = new Uint8Array([0x00, 0x00, 0xff, 0xff]);

function endsWithTail(data: Uint8Array): boolean {
  const n = data.length;
  return (
    n >= 4 && data[n - 4] === 0 && data[n - 3] === 0 && data[n - 2] === 0xff && data[n - 1] === 0xff
  );
}

/**
 * RFC 7692 §7.2.1: compress with a sync flush, then remove the 4 trailing octets
 * 0x00 0x00 0xff 0xff.
 */
export function stripDeflateTail(compressed: Uint8Array): Uint8Array {
  return endsWithTail(compressed) ? compressed.subarray(0, compressed.length - 4) : compressed;
}

/** RFC 7692 §7.2.2: append 0x00 0x00 0xff 0xff before inflating. */
export function appendDeflateTail(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length + 4);
  out.set(payload);
  out.set(DEFLATE_TAIL, payload.length);
  return out;
}

/**
 * One direction of permessage-deflate: decompresses what the peer sent in `direction`, or
 * compresses what this endpoint sends, applying the negotiated window size and context
 * takeover rules (RFC 7692 §7.1.1, §7.1.2).
 */
export class MessageInflater {
  private readonly inflater: Inflater;
  private readonly noContextTakeover: boolean;

  /**
   * @param direction the direction of the messages being inflated (client-to-server uses the
   *   client_* parameters, RFC 7692 §7.1).
   * @param maxMessageSize inflated-size bound; beyond it {@link inflate} reports 1009.
   */
  constructor(
    params: DeflateParams,
    direction: Direction,
    engine: DeflateEngine,
    private readonly maxMessageSize = 64 * 1024 * 1024,
  ) {
    const client = direction === 'client-to-server';
    this.noContextTakeover = client
      ? params.clientNoContextTakeover
      : params.serverNoContextTakeover;
    // Inflating with the largest window is always safe: a smaller sender window only means
    // shorter back-references.
    this.inflater = engine.createInflater(15);
  }

  /** Inflates one message payload (RSV1 was set). Findings carry 1009 or 1007. */
  inflate(
    payload: Uint8Array,
  ): { ok: true; data: Uint8Array } | { ok: false; finding: ProtocolFinding } {
    const r = this.inflater.inflate(appendDeflateTail(payload), this.maxMessageSize);
    if (this.noContextTakeover) this.inflater.reset();
    if (r.ok) return r;
    if (r.reason === 'too-large') {
      return {
        ok: false,
        finding: wsFinding(
          'inflated-message-too-big',
          'error',
          '7.4.1',
          `inflated message exceeds ${this.maxMessageSize} bytes`,
          {
            closeCode: 1009,
          },
        ),
      };
    }
    return {
      ok: false,
      finding: wsFinding(
        'deflate-data-invalid',
        'error',
        '7.2.2',
        `compressed message does not inflate${r.detail ? `: ${r.detail}` : ''}`,
        {
          closeCode: 1007,
          rfc: 'RFC 7692',
        },
      ),
    };
  }
}

/** Compresses messages this endpoint sends (RFC 7692 §7.2.1). */
export class MessageDeflater {
  private readonly deflater: Deflater;
  private readonly noContextTakeover: boolean;

  /** @param role the sending endpoint: a client compresses with the client_* parameters. */
  constructor(params: DeflateParams, role: 'client' | 'server', engine: DeflateEngine) {
    const client = role === 'client';
    this.noContextTakeover = client
      ? params.clientNoContextTakeover
      : params.serverNoContextTakeover;
    this.deflater = engine.createDeflater(
      client ? params.clientMaxWindowBits : params.serverMaxWindowBits,
    );
  }

  /** Returns the payload to send with RSV1 set on the message's first frame. */
  deflate(data: Uint8Array): Uint8Array {
    const out = stripDeflateTail(this.deflater.deflate(data));
    if (this.noContextTakeover) this.deflater.reset();
    return out;
  }
}
