import { shellQuote } from './quote.js';
import {
  httpUrl,
  isWebSocketRequest,
  type GeneratedSnippet,
  type SnippetRequest,
} from './snippet-request.js';

/**
 * curl: sends the header lines in the given order (curl replaces its own Host, Accept, ... when
 * a line names them). For a WebSocket upgrade it forces HTTP/1.1 (RFC 6455 §4.1: the handshake
 * is an HTTP/1.1 GET) and `-N` so the 101 and what follows print as they arrive.
 */
export function generateCurl(request: SnippetRequest): GeneratedSnippet {
  const websocket = isWebSocketRequest(request);
  const args: string[] = ['curl', '-i'];
  if (websocket) args.push('-N', '--http1.1');
  const method = request.method;
  if (method === 'HEAD') {
    args.push('--head');
  } else if (method !== (request.body ? 'POST' : 'GET')) {
    args.push('-X', shellQuote(method));
  }
  for (const [name, value] of request.headers) {
    // `Name;` is curl's syntax for a header with an empty value (`Name:` would remove it).
    args.push('-H', shellQuote(value === '' ? `${name};` : `${name}: ${value}`));
  }
  if (request.body) args.push('--data-binary', shellQuote(request.body));
  args.push(shellQuote(httpUrl(request.url)));
  return { id: 'curl', label: 'curl', language: 'shell', code: joinArgs(args) };
}

/**
 * Joins arguments; a command longer than 100 characters is broken into continued lines, one
 * option (with its value) per line, and the last argument on its own line when it is a
 * positional one (`lastIsPositional`, e.g. curl's URL).
 */
export function joinArgs(args: readonly string[], lastIsPositional = true): string {
  const line = args.join(' ');
  if (line.length <= 100) return line;
  const parts: string[] = [];
  let current = args[0] ?? '';
  const last = lastIsPositional ? args.length - 1 : args.length;
  for (let i = 1; i < last; i += 1) {
    const arg = args[i] ?? '';
    if (arg.startsWith('-')) {
      parts.push(current);
      current = arg;
    } else {
      current += ` ${arg}`;
    }
  }
  parts.push(current);
  if (lastIsPositional) parts.push(args[last] ?? '');
  return parts.join(' \\\n  ');
}
