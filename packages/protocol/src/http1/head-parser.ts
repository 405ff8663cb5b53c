import { decodeLatin1 } from '../shared/bytes.js';
import type { ProtocolFinding } from '../shared/problem.js';
import { parseFieldLines } from './field-lines.js';
import { h1Finding } from './finding.js';
import { HeadScanner } from './head-scanner.js';
import { checkFraming, checkRequestFields } from './message-checks.js';
import { parseRequestLine, parseStatusLine } from './start-line.js';
import type {
  HeadLineSpan,
  HeadParseOptions,
  HeadParseResult,
  HeadRejection,
  RequestHead,
  ResponseHead,
} from './types.js';

const DEFAULTS = { maxHeadBytes: 16384, maxHeaderCount: 100, maxLineLength: 8192 };

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

/**
 * Incremental HTTP/1.x head parser (RFC 9112 §2-§6). Push bytes as they arrive; the result is
 * the same however the input is split. Never throws on any input: problems are findings, and in
 * strict mode the first `error` finding becomes a rejection with the status a strict server
 * answers (400, 414, 431, 505; 502 for a response). After a final result, `push` returns that
 * result again with `rest` set to the new chunk (body or next-protocol bytes pass through).
 */
export class HeadParser<H extends RequestHead | ResponseHead> {
  private readonly scanner: HeadScanner;
  private readonly strict: boolean;
  private final: HeadParseResult<H> | undefined;

  /** @param kind `request` (server side) or `response` (client side). */
  constructor(
    private readonly kind: H['kind'],
    options: HeadParseOptions = {},
  ) {
    this.strict = options.strict === true;
    this.scanner = new HeadScanner({
      maxHeadBytes: positive(options.maxHeadBytes, DEFAULTS.maxHeadBytes),
      maxHeaderCount: positive(options.maxHeaderCount, DEFAULTS.maxHeaderCount),
      maxLineLength: positive(options.maxLineLength, DEFAULTS.maxLineLength),
      startLineStatus: kind === 'request' ? 414 : 431,
    });
  }

  /** Feeds the next bytes; returns `need-more`, `complete` or `rejected`. */
  push(chunk: Uint8Array): HeadParseResult<H> {
    if (this.final !== undefined) {
      return this.final.state === 'complete' ? { ...this.final, rest: chunk } : this.final;
    }
    const scan = this.scanner.push(chunk);
    if (scan.state === 'need-more') return { state: 'need-more', findings: [] };
    if (scan.state === 'rejected') {
      const finding = this.forKind(scan.finding);
      this.final = {
        state: 'rejected',
        rejection: { status: finding.status as HeadRejection['status'], finding },
        findings: [finding],
      };
      return this.final;
    }
    const findings: ProtocolFinding[] = [];
    const head = this.build(scan.headEnd, findings);
    // Stable sort by offset so findings read in byte order; message-level ones (no offset) last.
    const adjusted = findings
      .map((f) => this.forKind(f))
      .sort((a, b) => (a.offset ?? Infinity) - (b.offset ?? Infinity));
    const error = adjusted.find((f) => f.severity === 'error' && f.status !== undefined);
    if (this.strict && error !== undefined) {
      const status = error.status as HeadRejection['status'];
      this.final = {
        state: 'rejected',
        rejection: { status, finding: error },
        findings: adjusted,
        head,
      };
      return this.final;
    }
    const rest = chunk.subarray(scan.restStart);
    this.final = { state: 'complete', head, findings: adjusted, rest };
    return this.final;
  }

  /** RFC 9110 §15.6.3: for a response, what a strict gateway answers is 502. */
  private forKind(finding: ProtocolFinding): ProtocolFinding {
    if (this.kind === 'request' || finding.status === undefined) return finding;
    return { ...finding, status: 502 };
  }

  private build(headEnd: number, findings: ProtocolFinding[]): H {
    const bytes = this.scanner.bytes();
    // Performance: one latin1 decode of the whole head; each line is then a slice of it (offsets
    // in the text equal offsets in the bytes), instead of one decode per line.
    const text = decodeLatin1(bytes, 0, headEnd);
    const scanned = this.scanner.lines;
    const spans: HeadLineSpan[] = new Array<HeadLineSpan>(scanned.length);
    for (let i = 0; i < scanned.length; i++) {
      const l = scanned[i]!;
      spans[i] = {
        start: l.start,
        contentEnd: l.contentEnd,
        end: l.end,
        ending: l.ending,
        kind: 'field',
      };
    }
    let startIndex = 0;
    while (
      startIndex < spans.length &&
      spans[startIndex]!.contentEnd === spans[startIndex]!.start
    ) {
      // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request-line.
      spans[startIndex]!.kind = 'empty-before-start';
      findings.push(
        h1Finding(
          'empty-line-before-start',
          'info',
          'Empty line before the start-line (ignored)',
          'RFC 9112',
          '2.2',
          undefined,
          spans[startIndex]!.start,
        ),
      );
      startIndex++;
    }
    for (const span of spans) {
      if (span.ending === 'lf') {
        // RFC 9112 §2.2: the line terminator is CRLF; a recipient MAY accept a bare LF.
        findings.push(
          h1Finding(
            'bare-lf',
            'error',
            'Line ends with a bare LF instead of CRLF',
            'RFC 9112',
            '2.2',
            400,
            span.contentEnd,
          ),
        );
      }
    }
    const startSpan = spans[startIndex]!;
    startSpan.kind = 'start';
    const endSpan = spans[spans.length - 1]!;
    endSpan.kind = 'end';
    const startText = text.slice(startSpan.start, startSpan.contentEnd);
    const headers: RequestHead['headers'] = [];
    const fieldFindings: ProtocolFinding[] = [];
    const startFindings: ProtocolFinding[] = [];
    parseFieldLines(text, spans.slice(startIndex + 1, spans.length - 1), headers, fieldFindings);
    const common = { headers, lines: spans, consumed: headEnd };
    if (this.kind === 'request') {
      const line = parseRequestLine(startText, startSpan.start, startFindings);
      findings.push(...startFindings, ...fieldFindings);
      checkRequestFields(headers, line.versionNumber, findings);
      const framing = checkFraming(headers, line.versionNumber, true, 0, findings);
      const head: RequestHead = { kind: 'request', ...line, ...common, framing };
      return head as H;
    }
    const line = parseStatusLine(startText, startSpan.start, startFindings);
    findings.push(...startFindings, ...fieldFindings);
    const framing = checkFraming(headers, line.versionNumber, false, line.status, findings);
    const head: ResponseHead = { kind: 'response', ...line, ...common, framing };
    return head as H;
  }
}

/** One-shot request head parse of `bytes` (see {@link HeadParser}). */
export function parseRequestHead(
  bytes: Uint8Array,
  options?: HeadParseOptions,
): HeadParseResult<RequestHead> {
  return new HeadParser<RequestHead>('request', options).push(bytes);
}

/** One-shot response head parse of `bytes` (see {@link HeadParser}). */
export function parseResponseHead(
  bytes: Uint8Array,
  options?: HeadParseOptions,
): HeadParseResult<ResponseHead> {
  return new HeadParser<ResponseHead>('response', options).push(bytes);
}
