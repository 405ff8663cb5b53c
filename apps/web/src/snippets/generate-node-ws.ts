import { stringLiteral } from './quote.js';
import {
  extraWebSocketHeaders,
  offeredSubprotocols,
  webSocketUrl,
  type GeneratedSnippet,
  type SnippetRequest,
} from './snippet-request.js';

/**
 * Node with the `ws` package: subprotocols as the second argument, extra header lines in
 * `options.headers` (an object: a repeated name keeps its last value, noted in a comment).
 */
export function generateNodeWs(request: SnippetRequest): GeneratedSnippet {
  const protocols = offeredSubprotocols(request);
  const extra = extraWebSocketHeaders(request);
  const names = extra.map(([name]) => name.toLowerCase());
  const repeated = names.some((name, index) => names.indexOf(name) !== index);
  const lines = ["import WebSocket from 'ws';", ''];
  if (repeated)
    lines.push('// A headers object holds one value per name: repeated lines collapse.');
  const protocolArg = `[${protocols.map(stringLiteral).join(', ')}]`;
  if (extra.length > 0) {
    lines.push(
      `const socket = new WebSocket(${stringLiteral(webSocketUrl(request.url))}, ${protocolArg}, {`,
    );
    lines.push('  headers: {');
    for (const [name, value] of extra)
      lines.push(`    ${stringLiteral(name)}: ${stringLiteral(value)},`);
    lines.push('  },', '});');
  } else if (protocols.length > 0) {
    lines.push(
      `const socket = new WebSocket(${stringLiteral(webSocketUrl(request.url))}, ${protocolArg});`,
    );
  } else {
    lines.push(`const socket = new WebSocket(${stringLiteral(webSocketUrl(request.url))});`);
  }
  lines.push(
    "socket.on('upgrade', (response) => console.log(response.statusCode, response.rawHeaders));",
    "socket.on('open', () => console.log('open, protocol:', socket.protocol));",
    "socket.on('message', (data, isBinary) => console.log(isBinary ? data : data.toString()));",
    "socket.on('unexpected-response', (_req, response) => console.log('not a 101:', response.statusCode));",
    "socket.on('close', (code, reason) => console.log('close', code, reason.toString()));",
  );
  return { id: 'node-ws', label: 'Node ws', language: 'javascript', code: lines.join('\n') };
}
