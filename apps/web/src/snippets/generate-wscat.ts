import { joinArgs } from './generate-curl.js';
import { shellQuote } from './quote.js';
import {
  extraWebSocketHeaders,
  offeredSubprotocols,
  webSocketUrl,
  type GeneratedSnippet,
  type SnippetRequest,
} from './snippet-request.js';

/** wscat (npm `wscat`): `-c` connects, `-H` adds a header, `-s` offers one subprotocol each. */
export function generateWscat(request: SnippetRequest): GeneratedSnippet {
  const args = ['wscat', '-c', shellQuote(webSocketUrl(request.url))];
  for (const protocol of offeredSubprotocols(request)) args.push('-s', shellQuote(protocol));
  for (const [name, value] of extraWebSocketHeaders(request)) {
    args.push('-H', shellQuote(`${name}: ${value}`));
  }
  return { id: 'wscat', label: 'wscat', language: 'shell', code: joinArgs(args, false) };
}
