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
    | 'rebuilt from parsed fields';
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
  const raw = head.raw ? decodeRaw(head.raw) : undefined;
  // RFC 9112 §4: the reason phrase may be empty, but the SP before it is not optional.
  return (
    raw ?? {
      text: rebuild(`HTTP/${head.httpVersion} ${head.status} ${head.reason}`, head.headers),
      source: 'rebuilt from parsed fields',
    }
  );
}
