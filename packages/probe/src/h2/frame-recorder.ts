/**
 * The record of an HTTP/2 connection's frames, both directions in one sequence: each frame as
 * protocol's `H2FrameParser` read it from the bytes, in the Exchange's JSON form, with its
 * field block decoded by HPACK (one decoder per direction: the dynamic table is per direction,
 * RFC 7541 §2.2). The decoded fields go on the HEADERS frame that opened the block, as in a
 * server capture.
 */
import type { Direction, H2Finding, H2FrameRecord } from '@switchyard/protocol';
import { H2FieldBlockDecoder, H2_FRAME_TYPES, h2HasFlag } from '@switchyard/protocol';
import type { HeaderList, Http2FrameJson } from '@switchyard/exchange';
import { h2FindingToJson, h2FrameToJson } from '@switchyard/exchange';

/** Payload bytes kept per frame (DATA, PING, GOAWAY debug data). */
const FRAME_PAYLOAD_KEPT = 4096;

/** A field block completed by a frame: its stream, fields, and END_STREAM of its HEADERS. */
export interface CompletedBlock {
  streamId: number;
  headers: HeaderList;
  endStream: boolean;
}

/** Records frames; see the module comment. */
export class H2FrameRecorder {
  readonly frames: Http2FrameJson[] = [];
  /** Connection-level findings (undecodable field blocks). */
  readonly findings: H2Finding[] = [];
  private seq = 0;
  private readonly decoders = {
    'client-to-server': new H2FieldBlockDecoder(),
    'server-to-client': new H2FieldBlockDecoder(),
  };
  private readonly open: Partial<Record<Direction, { json: Http2FrameJson; endStream: boolean }>> =
    {};

  /** Records one frame; returns the field block it completes, if any. */
  record(frame: H2FrameRecord, direction: Direction, time: number): CompletedBlock | undefined {
    const json = h2FrameToJson(
      { record: frame, seq: this.seq++, direction, time },
      { maxPayloadBytes: FRAME_PAYLOAD_KEPT },
    );
    this.frames.push(json);
    if (frame.type === H2_FRAME_TYPES.HEADERS) {
      this.open[direction] = {
        json,
        endStream: h2HasFlag(frame.type, frame.flags, 'END_STREAM'),
      };
    }
    const block = this.decoders[direction].push(frame);
    const open = this.open[direction];
    if (block === undefined || open === undefined) return undefined;
    this.open[direction] = undefined;
    const headers: HeaderList = block.headers.map(([n, v]) => [n, v]);
    open.json.headers = headers;
    if (block.error !== undefined) {
      // RFC 9113 §4.3: a field block that cannot be decoded is a COMPRESSION_ERROR.
      this.findings.push(block.error);
      open.json.findings.push(h2FindingToJson(block.error));
    }
    return { streamId: block.streamId, headers, endStream: open.endStream };
  }
}
