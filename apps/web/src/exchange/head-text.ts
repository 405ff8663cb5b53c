import {
  decodeBase64,
  type HeaderList,
  type RequestHead,
  type ResponseHead,
} from '@switchyard/exchange';

/** A head as text, and whether it is the captured bytes or rebuilt from the parsed fields. */
export interface HeadText {
  text: string;
  source:
    | 'captured bytes'
    | 'captured bytes (not UTF-8; bytes 0x80-0xFF shown as Latin-1)'
    | 'rebuilt from parsed fields'
    | typeof HTTP2_SOURCE;
  /**
   * True for an HTTP/2 head: a HEADERS field block, HPACK-compressed on the wire (RFC 7541), so
   * the text is its decoded fields one per line, with no start line and no CRLF (RFC 9113 §8.3).
   */
  http2?: boolean;
}

const HTTP2_SOURCE = 'HTTP/2 HEADERS, decoded (HPACK on the wire, RFC 7541: no text form)';

/** True for the HTTP version of an HTTP/2 message, as recorded (`2` or Node's `2.0`). */
export function isHttp2Version(httpVersion: string): boolean {
  return httpVersion === '2' || httpVersion.startsWith('2.');
}

/**
 * An HTTP/2 field block as lines: the pseudo-fields first (RFC 9113 §8.3), added from the
 * recorded start when the fields lack them, then the fields in recorded order.
 */
export function http2FieldLines(pseudo: HeaderList, headers: HeaderList): string {
  const missing = pseudo.filter(([name]) => !headers.some(([n]) => n === name));
  return [...missing, ...headers].map(([name, value]) => `${name}: ${value}`).join('\n');
}

/** Decodes captured raw bytes: UTF-8 when valid, else one character per byte (Latin-1). */
function decodeRaw(raw: string): HeadText | undefined {
  const bytes = decodeBase64(raw);
  if (!bytes) return undefined;
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(bytes),
      source: 'captured bytes',
    };
  } catch {
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return { text, source: 'captured bytes (not UTF-8; bytes 0x80-0xFF shown as Latin-1)' };
  }
}

function rebuild(startLine: string, headers: HeaderList): string {
  // RFC 9112 §2.1: start-line CRLF *( field-line CRLF ) CRLF.
  return (
    [startLine, ...headers.map(([name, value]) => `${name}: ${value}`)].join('\r\n') + '\r\n\r\n'
  );
}

/** The request head: its captured bytes when the endpoint kept them, else rebuilt in order. */
export function requestHeadText(head: RequestHead): HeadText {
  if (isHttp2Version(head.httpVersion) && !head.raw) {
    const pseudo: HeaderList = [
      [':method', head.method],
      [':path', head.target],
    ];
    return { text: http2FieldLines(pseudo, head.headers), source: HTTP2_SOURCE, http2: true };
  }
  const raw = head.raw ? decodeRaw(head.raw) : undefined;
  return (
    raw ?? {
      text: rebuild(`${head.method} ${head.target} HTTP/${head.httpVersion}`, head.headers),
      source: 'rebuilt from parsed fields',
    }
  );
}

/** The response head: its captured bytes when known, else rebuilt in order. */
export function responseHeadText(head: ResponseHead): HeadText {
  if (isHttp2Version(head.httpVersion) && !head.raw) {
    const pseudo: HeaderList = [[':status', String(head.status)]];
    return { text: http2FieldLines(pseudo, head.headers), source: HTTP2_SOURCE, http2: true };
  }
  const raw = head.raw ? decodeRaw(head.raw) : undefined;
  // RFC 9112 §4: the reason phrase may be empty, but the SP before it is not optional.
  return (
    raw ?? {
      text: rebuild(`HTTP/${head.httpVersion} ${head.status} ${head.reason}`, head.headers),
      source: 'rebuilt from parsed fields',
    }
  );
}
