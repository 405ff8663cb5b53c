/**
 * Dissector: turns the two tapped byte streams of a WebSocket connection (after the 101) into
 * frame records for both directions, with one shared sequence number, inflated payloads where
 * permessage-deflate applies, and every violation recorded as a finding without stopping.
 */
import type { ProtocolFinding } from '../shared/problem.js';
import { isValidUtf8 } from '../shared/utf8.js';
import type { Direction, FrameRecord } from './frame-record.js';
import { Opcode } from './frame-record.js';
import { FrameParser } from './frame-parser.js';
import type { DeflateEngine } from './permessage-deflate.js';
import { MessageInflater } from './permessage-deflate.js';
import type { DeflateParams } from './permessage-deflate-params.js';
import { wsFinding } from './findings.js';

export interface DissectorOptions {
  /** Negotiated permessage-deflate parameters (from the handshake) and an engine to inflate. */
  deflate?: { params: DeflateParams; engine?: DeflateEngine };
  /** Bytes of payload kept per frame (larger frames are truncated, with a finding). */
  maxFrameSize?: number;
  /** Bound on a message (compressed and inflated). */
  maxMessageSize?: number;
}

/** A complete message seen by the dissector (payload inflated when it was compressed). */
export interface DissectedMessage {
  type: 'message';
  direction: Direction;
  opcode: number;
  data: Uint8Array;
  compressed: boolean;
  firstSeq: number;
  lastSeq: number;
  findings: ProtocolFinding[];
}

export type DissectorEvent = { type: 'frame'; frame: FrameRecord } | DissectedMessage;

interface Side {
  parser: FrameParser;
  inflater?: MessageInflater;
  firstFrame?: FrameRecord;
  closed: boolean;
}

/** Dissects both directions of one connection. Never throws, never stops on violations. */
export class Dissector {
  private seq = 0;
  private readonly sides: Record<Direction, Side>;

  constructor(private readonly options: DissectorOptions = {}) {
    const make = (direction: Direction): Side => {
      const parser = new FrameParser({
        direction,
        stopOnError: false,
        perMessageDeflate: options.deflate !== undefined,
        maxFrameSize: options.maxFrameSize ?? 16 * 1024 * 1024,
        maxMessageSize: options.maxMessageSize ?? 64 * 1024 * 1024,
        nextSeq: () => this.seq++,
      });
      const side: Side = { parser, closed: false };
      const engine = options.deflate?.engine;
      if (options.deflate && engine) {
        side.inflater = new MessageInflater(
          options.deflate.params,
          direction,
          engine,
          options.maxMessageSize,
        );
      }
      return side;
    };
    this.sides = {
      'client-to-server': make('client-to-server'),
      'server-to-client': make('server-to-client'),
    };
  }

  /** Feeds a chunk of one direction, stamped with the adapter's clock. */
  push(direction: Direction, chunk: Uint8Array, time: number): DissectorEvent[] {
    const side = this.sides[direction];
    const out: DissectorEvent[] = [];
    for (const ev of side.parser.push(chunk, time)) {
      if (ev.type === 'frame') {
        const f = ev.frame;
        if (side.closed) {
          // RFC 6455 §5.5.1: after sending a Close frame the endpoint sends no more frames.
          f.findings.push(
            wsFinding('frame-after-close', 'error', '5.5.1', 'frame sent after a Close frame', {
              offset: f.headerOffset,
            }),
          );
        }
        if (f.opcode === Opcode.Close) side.closed = true;
        if (f.opcode === Opcode.Text || f.opcode === Opcode.Binary) side.firstFrame = f;
        out.push(ev);
      } else if (ev.type === 'message') {
        const findings = [...ev.findings];
        let data = ev.data;
        if (ev.compressed) {
          if (side.inflater) {
            const r = side.inflater.inflate(ev.data);
            if (r.ok) {
              data = r.data;
              if (side.firstFrame) side.firstFrame.inflated = data;
              if (ev.opcode === Opcode.Text && !isValidUtf8(data)) {
                findings.push(
                  wsFinding(
                    'invalid-utf8',
                    'error',
                    '8.1',
                    'inflated text message is not valid UTF-8',
                    { closeCode: 1007 },
                  ),
                );
              }
            } else findings.push(r.finding);
          } else {
            findings.push(
              wsFinding(
                'deflate-not-inflated',
                'info',
                '7.2.2',
                'no inflater available; payload left compressed',
                { rfc: 'RFC 7692' },
              ),
            );
          }
        }
        side.firstFrame = undefined;
        out.push({
          type: 'message',
          direction,
          opcode: ev.opcode,
          data,
          compressed: ev.compressed,
          firstSeq: ev.firstSeq,
          lastSeq: ev.lastSeq,
          findings,
        });
      }
      // Strict-mode errors do not occur: the parser runs with stopOnError false.
    }
    return out;
  }

  /** The direction's stream ended; reports a frame or message cut short. */
  end(direction: Direction): ProtocolFinding[] {
    return this.sides[direction].parser
      .end()
      .flatMap((e) => (e.type === 'error' ? [e.finding] : []));
  }
}
