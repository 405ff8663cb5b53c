/** One-line text forms of the records on the echo-paths page (text only, never HTML). */
import type { FrameJson, HeaderList, Http2FrameJson } from '@switchyard/exchange';
import { opcodeName, payloadPreview } from '../exchange/frame-format.js';
import type { EchoPathKey } from './echo-paths-api.js';

/** Titles and one-line summaries of the paths. */
export const PATH_INFO: Record<EchoPathKey, { title: string; summary: string; expected: string }> =
  {
    'http1-upgrade': {
      title: '1. HTTP/1.1 Upgrade',
      summary: 'GET /ws/echo with Upgrade: websocket, answered 101 Switching Protocols.',
      expected: '101',
    },
    'h2c-upgrade': {
      title: '2. h2c Upgrade, then RFC 8441',
      summary:
        'An HTTP/1.1 request with Upgrade: h2c gets a 101; HTTP/2 follows on the same connection, and an extended CONNECT on a new stream gets 200. Upgrade: h2c is deprecated (RFC 9113 §3.1): it was never widely deployed.',
      expected: '101 → 200',
    },
    'h2-prior-knowledge': {
      title: '3. HTTP/2 prior knowledge + RFC 8441',
      summary:
        'The client starts with the HTTP/2 preface; the extended CONNECT on stream 1 gets 200. No 101, no Sec-WebSocket-Key or Accept.',
      expected: '200',
    },
  };

/** `:name: value` lines of an HTTP/2 field list (pseudo-headers first, as sent). */
export function fieldLines(fields: HeaderList | undefined): string {
  return (fields ?? []).map(([n, v]) => `${n}: ${v}`).join('\n');
}

/** `→ HEADERS stream 3 [END_HEADERS] (6 fields)`: one HTTP/2 frame. */
export function h2FrameLine(frame: Http2FrameJson): string {
  const arrow = frame.direction === 'client-to-server' ? '→' : '←';
  const flags = frame.flagNames.length > 0 ? ` [${frame.flagNames.join(', ')}]` : '';
  let detail = '';
  if (frame.settings !== undefined && frame.settings.length > 0) {
    detail = ` ${frame.settings.map((s) => `${s.name.replace(/^SETTINGS_/, '')}=${s.value}`).join(', ')}`;
  } else if (frame.headers !== undefined) {
    const status = frame.headers.find(([n]) => n === ':status')?.[1];
    detail = status !== undefined ? ` :status ${status}` : ` (${frame.headers.length} fields)`;
  } else if (frame.windowIncrement !== undefined) {
    detail = ` +${frame.windowIncrement}`;
  } else if (frame.errorName !== undefined) {
    detail = ` ${frame.errorName}`;
  } else if (frame.typeName === 'DATA') {
    detail = ` ${frame.length} bytes`;
  }
  return `${arrow} ${frame.typeName} stream ${frame.streamId}${flags}${detail}`;
}

/** `→ text, masked: hello`: one WebSocket frame. */
export function wsFrameLine(frame: FrameJson): string {
  const arrow = frame.direction === 'client-to-server' ? '→' : '←';
  const masked = frame.masked ? ', masked' : ', unmasked';
  return `${arrow} ${opcodeName(frame.opcode)}${masked}: ${payloadPreview(frame, 60)}`;
}
