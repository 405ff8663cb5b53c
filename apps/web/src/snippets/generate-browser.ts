import { stringLiteral } from './quote.js';
import {
  httpUrl,
  isWebSocketRequest,
  managedWebSocketHeaderNames,
  extraWebSocketHeaders,
  offeredSubprotocols,
  webSocketUrl,
  type GeneratedSnippet,
  type SnippetRequest,
} from './snippet-request.js';

/**
 * Fetch's forbidden request-header names (WHATWG Fetch, "forbidden request-header"): a script's
 * value for these is silently dropped by the browser.
 */
const forbidden = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

function isForbidden(name: string): boolean {
  const lower = name.toLowerCase();
  return forbidden.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-');
}

/**
 * Browser JavaScript: `new WebSocket(url, protocols)` for an upgrade (a page can choose only the
 * URL and the subprotocols: the browser writes every handshake header itself), `fetch` otherwise
 * (minus the forbidden header names). A comment names what the browser will not send as composed.
 */
export function generateBrowser(request: SnippetRequest): GeneratedSnippet {
  if (isWebSocketRequest(request)) {
    const protocols = offeredSubprotocols(request);
    const dropped = [
      ...managedWebSocketHeaderNames(request).filter(
        (name) => name.toLowerCase() !== 'sec-websocket-protocol',
      ),
      ...extraWebSocketHeaders(request).map(([name]) => name),
    ];
    const lines = [
      '// A page cannot set WebSocket handshake headers: the browser writes Host, Origin,',
      '// Connection, Upgrade, Sec-WebSocket-Key/-Version/-Extensions itself; only the',
      '// subprotocols are yours to choose.',
    ];
    if (dropped.length > 0) lines.push(`// Not sent as composed: ${dropped.join(', ')}.`);
    const args = [stringLiteral(webSocketUrl(request.url))];
    if (protocols.length > 0) args.push(`[${protocols.map(stringLiteral).join(', ')}]`);
    lines.push(
      `const socket = new WebSocket(${args.join(', ')});`,
      "socket.addEventListener('open', () => console.log('open, protocol:', socket.protocol));",
      "socket.addEventListener('message', (event) => console.log('message:', event.data));",
      "socket.addEventListener('close', (event) => console.log('close:', event.code, event.reason));",
    );
    return { id: 'browser', label: 'Browser JS', language: 'javascript', code: lines.join('\n') };
  }
  const kept = request.headers.filter(([name]) => !isForbidden(name));
  const dropped = request.headers.filter(([name]) => isForbidden(name)).map(([name]) => name);
  const lines: string[] = [];
  if (dropped.length > 0) {
    lines.push(`// Browsers do not let scripts set: ${dropped.join(', ')} (Fetch forbids them).`);
  }
  const init: string[] = [`  method: ${stringLiteral(request.method)},`];
  if (kept.length > 0) {
    init.push('  headers: [');
    for (const [name, value] of kept) {
      init.push(`    [${stringLiteral(name)}, ${stringLiteral(value)}],`);
    }
    init.push('  ],');
  }
  if (request.body) init.push(`  body: ${stringLiteral(request.body)},`);
  lines.push(
    `const response = await fetch(${stringLiteral(httpUrl(request.url))}, {`,
    ...init,
    '});',
    'console.log(response.status, [...response.headers], await response.text());',
  );
  return { id: 'browser', label: 'Browser JS', language: 'javascript', code: lines.join('\n') };
}
