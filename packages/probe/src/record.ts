/** Turning what a probe sent and received into the Exchange record's JSON shapes. */
import type {
  ComposedLine,
  ComposedRequestHead,
  ResponseHead as ParsedResponse,
} from '@switchyard/protocol';
import { parseRequestHead } from '@switchyard/protocol';
import type { HeaderList, RequestHead, ResponseHead } from '@switchyard/exchange';
import { encodeBase64, headOffsets } from '@switchyard/exchange';

/** `HTTP/1.1` → `1.1`; anything else is kept as sent. */
export function versionOf(text: string): string {
  return text.startsWith('HTTP/') ? text.slice(5) : text;
}

/**
 * The request head as recorded: the exact bytes, and the fields as a recipient parses them
 * (lenient parse: an invalid line the user composed stays in `raw`, and is listed as a field
 * only when a parser would take it as one).
 */
export function recordRequest(composed: ComposedRequestHead, bytes: Uint8Array): RequestHead {
  const parsed = parseRequestHead(bytes, {
    maxHeadBytes: bytes.length + 1,
    maxHeaderCount: 10_000,
  });
  const head =
    parsed.state === 'complete'
      ? parsed.head
      : parsed.state === 'rejected'
        ? parsed.head
        : undefined;
  const method = head?.method ?? composed.method ?? 'GET';
  const target = head?.target ?? composed.target ?? '/';
  const version = head?.version ?? composed.version ?? 'HTTP/1.1';
  let headers: HeaderList;
  if (head !== undefined) headers = head.headers.map(([n, v]) => [n, v]);
  else {
    headers = [];
    for (const line of composed.headers) {
      if (isPair(line)) headers.push([line[0], line[1]]);
      else if (!('raw' in line)) headers.push([line.name, line.value]);
    }
  }
  return {
    method,
    target,
    httpVersion: versionOf(version),
    headers,
    raw: encodeBase64(bytes),
    offsets: headOffsets(bytes),
  };
}

/** A received response head as recorded, with its exact bytes. */
export function recordResponse(head: ParsedResponse, raw: Uint8Array): ResponseHead {
  return {
    status: Number.isNaN(head.status) ? 0 : head.status,
    reason: head.reason,
    httpVersion: versionOf(head.version),
    headers: head.headers.map(([n, v]) => [n, v]),
    raw: encodeBase64(raw),
    offsets: headOffsets(raw),
  };
}

/** True for the `[name, value]` form of a composed line. */
export function isPair(line: ComposedLine): line is readonly [string, string] {
  return Array.isArray(line);
}
