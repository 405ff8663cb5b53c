import { stringLiteral } from './quote.js';
import {
  extraWebSocketHeaders,
  httpUrl,
  isWebSocketRequest,
  offeredSubprotocols,
  webSocketUrl,
  type GeneratedSnippet,
  type SnippetRequest,
} from './snippet-request.js';

/**
 * Go: gorilla/websocket's Dialer for an upgrade (it writes the handshake fields itself and
 * refuses them in the extra header), net/http otherwise. Go canonicalises header names
 * (`sec-foo` is sent as `Sec-Foo`) and sends `Host` from `req.Host`.
 */
export function generateGo(request: SnippetRequest): GeneratedSnippet {
  return isWebSocketRequest(request) ? gorilla(request) : netHttp(request);
}

function gorilla(request: SnippetRequest): GeneratedSnippet {
  const protocols = offeredSubprotocols(request);
  const extra = extraWebSocketHeaders(request);
  const lines = [
    'package main',
    '',
    'import (',
    '\t"log"',
    '\t"net/http"',
    '',
    '\t"github.com/gorilla/websocket"',
    ')',
    '',
    'func main() {',
    '\theader := http.Header{}',
    ...extra.map(([n, v]) => `\theader.Add(${stringLiteral(n)}, ${stringLiteral(v)})`),
    protocols.length > 0
      ? `\tdialer := websocket.Dialer{Subprotocols: []string{${protocols.map(stringLiteral).join(', ')}}}`
      : '\tdialer := websocket.Dialer{}',
    `\tconn, resp, err := dialer.Dial(${stringLiteral(webSocketUrl(request.url))}, header)`,
    '\tif err != nil {',
    '\t\tif resp != nil {',
    '\t\t\tlog.Fatalf("handshake failed: %v (status %d)", err, resp.StatusCode)',
    '\t\t}',
    '\t\tlog.Fatal(err)',
    '\t}',
    '\tdefer conn.Close()',
    '\tlog.Printf("%s, subprotocol %q", resp.Status, conn.Subprotocol())',
    '}',
  ];
  return { id: 'go', label: 'Go', language: 'go', code: lines.join('\n') };
}

function netHttp(request: SnippetRequest): GeneratedSnippet {
  const body = request.body ? `strings.NewReader(${stringLiteral(request.body)})` : 'nil';
  const lines = [
    'package main',
    '',
    'import (',
    '\t"fmt"',
    '\t"io"',
    '\t"log"',
    '\t"net/http"',
    ...(request.body ? ['\t"strings"'] : []),
    ')',
    '',
    'func main() {',
    `\treq, err := http.NewRequest(${stringLiteral(request.method)}, ${stringLiteral(httpUrl(request.url))}, ${body})`,
    '\tif err != nil {',
    '\t\tlog.Fatal(err)',
    '\t}',
  ];
  for (const [name, value] of request.headers) {
    if (name.toLowerCase() === 'host') lines.push(`\treq.Host = ${stringLiteral(value)}`);
    else lines.push(`\treq.Header.Add(${stringLiteral(name)}, ${stringLiteral(value)})`);
  }
  lines.push(
    '\tresp, err := http.DefaultClient.Do(req)',
    '\tif err != nil {',
    '\t\tlog.Fatal(err)',
    '\t}',
    '\tdefer resp.Body.Close()',
    '\tcontent, _ := io.ReadAll(resp.Body)',
    '\tfmt.Println(resp.Proto, resp.Status)',
    '\tfmt.Println(resp.Header)',
    '\tfmt.Println(string(content))',
    '}',
  );
  return { id: 'go', label: 'Go', language: 'go', code: lines.join('\n') };
}
