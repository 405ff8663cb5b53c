/** The probe's public shapes: what it is asked to do, what it reports, and what it records. */
import type { ComposedLine, ProtocolFinding } from '@switchyard/protocol';
import type {
  CloseInfo,
  Exchange,
  FrameJson,
  InterimResponse,
  ResponseHead,
  Truncation,
} from '@switchyard/exchange';
import type { ResolvedAddress, Refusal } from './policy.js';
import type { CachingReport, CorsReport } from './inspect.js';

/** One request line to send exactly as given (see protocol's `ComposedLine`). */
export type ProbeHeaderLine = ComposedLine;

/** What to send. Every header line goes on the wire exactly as given: case, order, duplicates. */
export interface ProbeRequest {
  /** `ws`, `wss`, `http` or `https` URL. Its host is resolved and checked by the target policy. */
  url: string;
  /** Default `GET`. */
  method?: string;
  /** Request-target; default the URL's path and query. */
  target?: string;
  /** Default `HTTP/1.1`. */
  version?: string;
  /** A verbatim request line (overrides method, target and version). */
  startLine?: string;
  /**
   * Header lines, sent exactly as given (even invalid ones, via `{ raw }`). When omitted, a
   * well-formed default set for the URL is used (see `defaultHeaders`).
   */
  headers?: readonly ProbeHeaderLine[];
  /** Request content, written after the head as is (no framing is added). */
  body?: Uint8Array | string;
}

/** Timeouts in ms. Every wait of the probe is bounded by one of these. */
export interface ProbeTimeouts {
  /** DNS plus TCP connect plus TLS handshake. Default 10 000. */
  connectMs: number;
  /** From the request being written to the final response head. Default 10 000. */
  headMs: number;
  /** An open WebSocket (or a body being read) with no traffic either way. Default 60 000. */
  idleMs: number;
  /** Waiting for the peer's Close frame and then for TCP to close. Default 3 000. */
  closeMs: number;
  /** The whole probe, whatever happens. Default 300 000. */
  maxDurationMs: number;
}

/** Defaults for {@link ProbeTimeouts}. */
export const DEFAULT_TIMEOUTS: ProbeTimeouts = {
  connectMs: 10_000,
  headMs: 10_000,
  idleMs: 60_000,
  closeMs: 3_000,
  maxDurationMs: 300_000,
};

/** Upper bounds callers cannot exceed (a probe is never unbounded). */
export const MAX_TIMEOUTS: ProbeTimeouts = {
  connectMs: 60_000,
  headMs: 120_000,
  idleMs: 600_000,
  closeMs: 30_000,
  maxDurationMs: 3_600_000,
};

/** A frame or action to send on an open WebSocket. */
export type SendAction =
  | { type: 'text'; text: string }
  | { type: 'binary'; data: Uint8Array }
  | { type: 'ping'; data?: Uint8Array }
  | { type: 'pong'; data?: Uint8Array }
  /** RFC 6455 §5.5.1: a Close frame with an optional code and reason. */
  | { type: 'close'; code?: number; reason?: string }
  /**
   * A frame with every bit chosen (RFC 6455 §5.2). `mask`: `true` (default) masks with a fresh
   * random key, `false` sends unmasked (invalid from a client, §5.1), or a 4-byte key. Frames
   * that violate RFC 6455 are refused unless `allowInvalid` is true.
   */
  | {
      type: 'raw';
      fin?: boolean;
      rsv1?: boolean;
      rsv2?: boolean;
      rsv3?: boolean;
      opcode: number;
      payload?: Uint8Array;
      mask?: boolean | Uint8Array;
      lengthEncoding?: 7 | 16 | 64;
      declaredLength?: number;
      allowInvalid?: boolean;
    };

/** Result of a send: the frame as recorded, or why nothing was sent. */
export type SendResult =
  { ok: true; frame: FrameJson } | { ok: false; reason: string; findings: ProtocolFinding[] };

/** TLS facts of a `wss`/`https` connection. */
export interface TlsInfo {
  /** e.g. `TLSv1.3`. */
  protocol: string | null;
  /** ALPN protocol selected by the server (RFC 7301), null when none. */
  alpn: string | null;
  cipher: string | null;
  /** SNI sent (RFC 6066 §3: never an IP literal). */
  servername: string | null;
  /** The peer certificate verified against the trusted CAs. */
  authorized: boolean;
  authorizationError?: string;
}

/** Probe timings in µs since the exchange's `timings.start`. */
export interface ProbeTimings {
  /** Name resolved (absent for an IP literal). */
  dns?: number;
  /** TCP connected. */
  connect?: number;
  /** TLS handshake done. */
  tls?: number;
  /** Request head (and body) written. */
  sent?: number;
  firstByte?: number;
  /** 101 head received. */
  upgrade?: number;
  end?: number;
}

/** How one connection ended. */
export type ProbeOutcome =
  | 'upgraded'
  | 'handshake-failed'
  | 'response'
  | 'invalid-response'
  | 'closed-before-response'
  | 'timeout'
  | 'error';

/** What the probe saw beyond the Exchange record (kept beside it as `exchange.probe`). */
export interface ProbeDetails {
  url: string;
  hostname: string;
  port: number;
  /** Every address the name resolved to, and the one connected to (the checked one). */
  resolved: ResolvedAddress[];
  address: ResolvedAddress;
  /** Addresses of the name that the policy refused (another one was used). */
  refused: Refusal[];
  timings: ProbeTimings;
  tls?: TlsInfo;
  /** Every byte written before any upgrade (head and body), base64. */
  sentBase64: string;
  /** Bytes received up to the end of the final head (bounded), base64. */
  receivedBase64: string;
  outcome: ProbeOutcome;
  error?: string;
  /** RFC 6455 §4.1 validation of a 101 to an opening handshake. */
  handshake?: { ok: boolean; findings: ProtocolFinding[]; expectedAccept: string };
  /** Caching headers of a final response (HTTP inspection mode). */
  cache?: CachingReport;
  /** A redirect this hop answered with. */
  redirect?: { status: number; location: string; next?: string; stopped?: string };
}

/** An Exchange as recorded by the probe, with the probe's extra facts. */
export type ProbeExchange = Exchange & { probe: ProbeDetails };

/** What a finished probe returns. */
export interface ProbeResult {
  /** The exchange of the URL asked for (the first hop). */
  exchange: ProbeExchange;
  /** Later redirect hops, in order (HTTP inspection mode with redirects followed). */
  hops: ProbeExchange[];
  /** The CORS preflight exchange and its verdict, when an Origin was given. */
  cors?: { exchange?: ProbeExchange; report: CorsReport };
}

/** Events a running probe emits on `'event'`, in order, for live display. */
export type ProbeEvent =
  | { type: 'connected'; hop: number; address: ResolvedAddress; tls?: TlsInfo }
  | { type: 'sent'; hop: number; bytesBase64: string }
  | { type: 'interim'; hop: number; interim: InterimResponse }
  | { type: 'response'; hop: number; response: ResponseHead }
  | { type: 'handshake'; hop: number; ok: boolean; findings: ProtocolFinding[] }
  | { type: 'frame'; hop: number; frame: FrameJson }
  /**
   * The capture's caps dropped or cut frames (running totals, after the frames of the same
   * read): frames past the cap are counted, not stored, so they have no `frame` event.
   */
  | { type: 'truncated'; hop: number; truncation: Truncation }
  | { type: 'closed'; hop: number; close?: CloseInfo; outcome: ProbeOutcome }
  | { type: 'refused'; hop: number; refusals: Refusal[] }
  | { type: 'error'; hop: number; message: string }
  | { type: 'end'; result: ProbeResult };
