import { joinArgs } from './generate-curl.js';
import { shellQuote } from './quote.js';
import {
  extraWebSocketHeaders,
  offeredSubprotocols,
  webSocketUrl,
  type GeneratedSnippet,
  type SnippetRequest,
} from './snippet-request.js';

/**
 * websocat: `-H` adds a header line, `--protocol` offers subprotocols (it writes
 * `Sec-WebSocket-Protocol` itself), `-v` logs the handshake. WebSocket only.
 */
export function generateWebsocat(request: SnippetRequest): GeneratedSnippet {
  const args = ['websocat', '-v'];
  const protocols = offeredSubprotocols(request);
  if (protocols.length > 0) args.push('--protocol', shellQuote(protocols.join(', ')));
  for (const [name, value] of extraWebSocketHeaders(request)) {
    args.push('-H', shellQuote(`${name}: ${value}`));
  }
  args.push(shellQuote(webSocketUrl(request.url)));
  return { id: 'websocat', label: 'websocat', language: 'shell', code: joinArgs(args) };
}
