import type { ProtocolFinding } from '../shared/problem.js';

/** How a line of the head ended (RFC 9112 §2.2: CRLF, or a bare LF a recipient MAY accept). */
export type LineEnding = 'crlf' | 'lf';

/** Where one line of the head sits in the input, so a UI can highlight the exact bytes. */
export interface HeadLineSpan {
  /** Offset of the line's first byte (from the first byte ever fed to the parser). */
  start: number;
  /** Offset just past the line ending (exclusive), i.e. `start` of the next line. */
  end: number;
  /** Offset where the line's content ends and its ending (CR LF or LF) begins. */
  contentEnd: number;
  ending: LineEnding;
  /**
   * What the line is: `empty-before-start` (ignored per RFC 9112 §2.2), `start`, `field`,
   * `obs-fold` (a continuation, RFC 9112 §5.2), `ignored` (skipped, with a finding), or `end`
   * (the empty line that ends the head).
   */
  kind: 'empty-before-start' | 'start' | 'field' | 'obs-fold' | 'ignored' | 'end';
  /** For `field` lines: index into `headers`. */
  headerIndex?: number;
}

/** A field line as received: name in its original case, value with OWS trimmed (RFC 9112 §5). */
export type HeaderPair = [name: string, value: string];

/** How the message body is delimited (RFC 9112 §6.3), as far as the head alone can tell. */
export type BodyFraming =
  | { kind: 'none' }
  | { kind: 'content-length'; length: number }
  | { kind: 'chunked' }
  | { kind: 'until-close' }
  | { kind: 'invalid' };

interface HeadCommon {
  /** e.g. `HTTP/1.1`, exactly as received. */
  version: string;
  /** Major and minor version digits, when the version is well formed (RFC 9112 §2.3). */
  versionNumber?: { major: number; minor: number };
  /** Field lines in received order, original case, duplicates kept. */
  headers: HeaderPair[];
  lines: HeadLineSpan[];
  /** Bytes taken by the head, including the final empty line; the rest is body or next protocol. */
  consumed: number;
  framing: BodyFraming;
}

/** A parsed request head (RFC 9112 §3). */
export interface RequestHead extends HeadCommon {
  kind: 'request';
  method: string;
  target: string;
}

/** A parsed response head (RFC 9112 §4). */
export interface ResponseHead extends HeadCommon {
  kind: 'response';
  /** Three-digit status, or NaN when the status-line is unusable. */
  status: number;
  reason: string;
}

/** What a strict recipient does instead of processing the message. */
export interface HeadRejection {
  /**
   * The status a strict server answers with: 400, 414 (request-line too long, RFC 9112 §3),
   * 431 (RFC 6585 §5), 505 (RFC 9110 §15.6.6). For a response being parsed, 502: what a strict
   * gateway answers with on an invalid response (RFC 9110 §15.6.3).
   */
  status: 400 | 414 | 431 | 502 | 505;
  finding: ProtocolFinding;
}

/** Result of feeding bytes to a head parser. */
export type HeadParseResult<H> =
  | { state: 'need-more'; findings: ProtocolFinding[] }
  | {
      state: 'complete';
      head: H;
      findings: ProtocolFinding[];
      /** Bytes after the head from the latest `push` (body or next protocol); may be empty. */
      rest: Uint8Array;
    }
  | { state: 'rejected'; rejection: HeadRejection; findings: ProtocolFinding[]; head?: H };

/** Parser options. Defaults follow common servers (Node: 16 KiB heads). */
export interface HeadParseOptions {
  /**
   * `false` (default): parse leniently and report findings. `true`: the first finding of
   * severity `error` turns the result into a rejection, as a strict server would answer.
   */
  strict?: boolean;
  /** Max bytes of the whole head incl. the final empty line. Default 16384. Beyond: 431. */
  maxHeadBytes?: number;
  /** Max field lines. Default 100. Beyond: 431 (RFC 6585 §5). */
  maxHeaderCount?: number;
  /**
   * Max bytes of one line, excluding its ending. Default 8192. Beyond: 431 for a field line
   * (RFC 6585 §5), 414 for a request-line (RFC 9112 §3). RFC 9112 §3 recommends supporting at
   * least 8000 octets of request-line.
   */
  maxLineLength?: number;
}
