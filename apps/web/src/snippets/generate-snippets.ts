import { generateBrowser } from './generate-browser.js';
import { generateCurl } from './generate-curl.js';
import { generateGo } from './generate-go.js';
import { generateNodeWs } from './generate-node-ws.js';
import { generatePython } from './generate-python.js';
import { generateWebsocat } from './generate-websocat.js';
import { generateWscat } from './generate-wscat.js';
import {
  isWebSocketRequest,
  type GeneratedSnippet,
  type SnippetRequest,
} from './snippet-request.js';

/**
 * Every snippet that applies to the request, in tab order: WebSocket-only clients (websocat,
 * wscat, Node `ws`, Python `websockets`) only for an upgrade to WebSocket.
 */
export function generateSnippets(request: SnippetRequest): GeneratedSnippet[] {
  if (!isWebSocketRequest(request)) {
    return [generateCurl(request), generateBrowser(request), generateGo(request)];
  }
  return [
    generateCurl(request),
    generateWebsocat(request),
    generateWscat(request),
    generateBrowser(request),
    generateNodeWs(request),
    generatePython(request),
    generateGo(request),
  ];
}
