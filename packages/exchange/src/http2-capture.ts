/**
 * The HTTP/2 part of an exchange (issue 8): the frames seen on an HTTP/2 connection (RFC 9113
 * §4.1), decoded from the bytes actually on the socket, with header blocks decoded by HPACK
 * (RFC 7541). Present on exchanges served over HTTP/2: an h2c upgrade (after the 101), prior
 * knowledge, TLS with ALPN "h2", and RFC 8441 extended CONNECT.
 */
import type { Direction } from '@switchyard/protocol';
import type { FrameFinding, HeaderList, Truncation } from './exchange.js';

/** How the connection came to speak HTTP/2. */
export type Http2Mode =
  /** `Upgrade: h2c` and a 101 (RFC 7540 §3.2; deprecated by RFC 9113 §3.1). */
  | 'h2c-upgrade'
  /** Cleartext, opened with the client connection preface (RFC 9113 §3.3). */
  | 'prior-knowledge'
  /** TLS with ALPN `h2` (RFC 9113 §3.2). */
  | 'tls-alpn';

/** One setting of a SETTINGS frame (RFC 9113 §6.5.1). */
export interface Http2SettingJson {
  id: number;
  /** `SETTINGS_HEADER_TABLE_SIZE`, ..., `SETTINGS_ENABLE_CONNECT_PROTOCOL` (RFC 8441 §3), or `UNKNOWN(0x..)`. */
  name: string;
  value: number;
}

/** One HTTP/2 frame (RFC 9113 §4.1) in JSON form. */
export interface Http2FrameJson {
  /** Order on the connection, both directions together, from 0. */
  seq: number;
  direction: Direction;
  /**
   * µs since the exchange's `timings.start`; negative for frames seen before the exchange began
   * (the connection's SETTINGS, the request's own HEADERS, which arrive before the request is
   * handed to the server).
   */
  time: number;
  /** Frame type code and its name (`DATA`, `HEADERS`, ... or `UNKNOWN(0x..)`). */
  type: number;
  typeName: string;
  flags: number;
  /** Names of the defined flags that are set (`END_STREAM`, `END_HEADERS`, `ACK`, ...). */
  flagNames: string[];
  streamId: number;
  /** Payload length from the frame header. */
  length: number;
  /** Decoded field block (HEADERS, PUSH_PROMISE, with CONTINUATION folded in), in order. */
  headers?: HeaderList;
  /** SETTINGS parameters in order. */
  settings?: Http2SettingJson[];
  /** RST_STREAM and GOAWAY error code (RFC 9113 §7) and its name. */
  errorCode?: number;
  errorName?: string;
  /** GOAWAY last stream id. */
  lastStreamId?: number;
  /** WINDOW_UPDATE increment. */
  windowIncrement?: number;
  /** Payload bytes (DATA, PING, GOAWAY debug data, unknown types), base64, possibly cut short. */
  payload?: string;
  payloadTruncated?: boolean;
  findings: FrameFinding[];
}

/** The HTTP/2 frames of an exchange. */
export interface Http2Capture {
  mode: Http2Mode;
  /** The stream this exchange is (1 after an h2c upgrade; the CONNECT stream for RFC 8441). */
  streamId: number;
  /**
   * In `seq` order: the frames of `streamId`, and the connection's (stream 0) up to the end of
   * the stream: every SETTINGS frame, and the others seen since the stream opened.
   */
  frames: Http2FrameJson[];
  /** Frames seen in each direction (including dropped ones). */
  framesSeen: { clientToServer: number; serverToClient: number };
  truncation: Truncation;
}
