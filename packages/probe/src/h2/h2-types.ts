/** Shapes of the probe's HTTP/2 client record (issue 8): what went out and came back. */
import type { H2Finding } from '@switchyard/protocol';
import type {
  CloseInfo,
  EchoPathStream,
  FrameJson,
  Http2FrameJson,
  Http2SettingJson,
  RequestHead,
  ResponseHead,
} from '@switchyard/exchange';

/** How the client starts HTTP/2 in cleartext. */
export type H2StartMode =
  /** HTTP/1.1 `Upgrade: h2c` and a 101 (RFC 7540 §3.2; deprecated by RFC 9113 §3.1). */
  | 'h2c-upgrade'
  /** The client connection preface at once (RFC 9113 §3.3). */
  | 'prior-knowledge';

/** Timeouts (ms) of an HTTP/2 echo run; every wait is bounded by one of them. */
export interface H2Timeouts {
  /** TCP connect. Default 5 000. */
  connectMs: number;
  /** Each wait for the peer (101, SETTINGS, a response, the echo, a Close). Default 5 000. */
  stepMs: number;
  /** The whole run, whatever happens. Default 20 000. */
  totalMs: number;
}

/** Defaults for {@link H2Timeouts}. */
export const DEFAULT_H2_TIMEOUTS: H2Timeouts = { connectMs: 5_000, stepMs: 5_000, totalMs: 20_000 };

/** One socket read or write: when, where in its direction's byte stream, how long. */
export interface WireChunk {
  /** µs since the run's start. */
  time: number;
  offset: number;
  length: number;
}

/** The bytes of one direction, exactly as written to or read from the socket. */
export interface WireDirection {
  chunks: WireChunk[];
  /** Total bytes (including any not kept). */
  bytes: number;
  /** The bytes kept (the first `maxWireBytes`), base64. */
  base64: string;
  truncated: boolean;
  /** Offset where HTTP/2 starts (after the HTTP/1.1 upgrade and 101 heads; 0 otherwise). */
  http2StartsAt?: number;
}

/**
 * One HTTP/2 stream the client used: request and response fields, DATA bytes, END_STREAM and
 * resets. The lab's JSON carries it as is, so its shape is defined with that JSON.
 */
export type H2StreamRecord = EchoPathStream;

/** How the run ended. */
export type H2EchoOutcome = 'echoed' | 'failed';

/** µs since `startedAt` of each milestone reached. */
export interface H2Timings {
  connect?: number;
  /** HTTP/1.1 upgrade request written; 101 head received. */
  upgradeSent?: number;
  upgrade?: number;
  /** Client connection preface + SETTINGS written (RFC 9113 §3.4). */
  preface?: number;
  /** The server's first SETTINGS received. */
  serverSettings?: number;
  /** Extended CONNECT written; its response HEADERS received. */
  connectSent?: number;
  connectResponse?: number;
  /** The echoed message received. */
  echo?: number;
  /** The WebSocket closing handshake done (both Close frames). */
  closed?: number;
  end?: number;
}

/** What one run of the HTTP/2 WebSocket echo recorded. */
export interface H2EchoRecord {
  mode: H2StartMode;
  /** ISO 8601 time the run started; every `time` is µs since then. */
  startedAt: string;
  address: string;
  port: number;
  /** `:authority` and `Host` sent. */
  authority: string;
  path: string;
  outcome: H2EchoOutcome;
  error?: string;
  timings: H2Timings;
  /** The HTTP/1.1 upgrade request and the 101 (h2c-upgrade only), exact bytes in `raw`. */
  upgrade?: { request: RequestHead; response?: ResponseHead };
  settings: {
    sent: Http2SettingJson[];
    /** The server's SETTINGS (every non-ACK SETTINGS frame, in order, merged). */
    received: Http2SettingJson[];
    /** RFC 8441 §3: SETTINGS_ENABLE_CONNECT_PROTOCOL as the server sent it, if it did. */
    enableConnectProtocol?: number;
  };
  streams: H2StreamRecord[];
  /** Every HTTP/2 frame both ways, in wire order, decoded from the bytes on the socket. */
  frames: Http2FrameJson[];
  /** The WebSocket frames carried in DATA on the extended CONNECT stream (RFC 8441 §5). */
  websocket: {
    frames: FrameJson[];
    close?: CloseInfo;
    sentText: string;
    receivedText?: string;
  };
  wire: { sent: WireDirection; received: WireDirection };
  /** Connection-level findings (bad frames, HPACK errors, GOAWAY). */
  findings: H2Finding[];
}
