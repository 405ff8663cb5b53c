/**
 * Line positions in a raw HTTP/1.x head (RFC 9112 §2.1: start-line, field lines, empty line).
 * Lines end in CRLF; a bare LF is accepted here for display (RFC 9112 §2.2 lets a recipient
 * do so), and the offsets then show exactly where each line was.
 */
import type { HeadOffsets } from './exchange.js';

/** Computes {@link HeadOffsets} for `raw`; `end` is raw.length when no empty line was found. */
export function headOffsets(raw: Uint8Array): HeadOffsets {
  const lines: { start: number; end: number }[] = [];
  let lineStart = 0;
  let end = raw.length;
  let complete = false;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 0x0a) continue;
    const lineEnd = i > lineStart && raw[i - 1] === 0x0d ? i - 1 : i;
    if (lineEnd === lineStart && lines.length > 0) {
      end = i + 1;
      complete = true;
      break;
    }
    lines.push({ start: lineStart, end: lineEnd });
    lineStart = i + 1;
  }
  if (!complete && lineStart < raw.length) {
    lines.push({ start: lineStart, end: raw.length });
  }
  const [startLine, ...headers] = lines;
  return { startLine: startLine ?? { start: 0, end: 0 }, headers, end };
}
