import type { UpgradeGuide } from '../types.js';
import {
  apacheProxyHttpUpgrade,
  apacheWstunnel,
  nginxUpgradeProxy,
  proxyTimeoutNote,
} from './proxy-snippets.js';

/**
 * How common servers refuse a request that did not upgrade, and how to send a correct 426.
 * RFC 9110 §15.5.22: a 426 MUST carry Upgrade naming the required protocol(s); §7.8: whoever
 * sends Upgrade also sends Connection: upgrade.
 *
 * Behaviour below was read from each library's handshake code, not assumed: most of them answer
 * a bad WebSocket handshake with 400, and only some use 426.
 */
export const upgradeGuide426: UpgradeGuide = {
  servers: [
    {
      title: 'Node.js (ws): answer plain HTTP on a WebSocket path with a correct 426',
      language: 'ts',
      code: `import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ noServer: true });

// Requests without an upgrade reach the ordinary request handler.
const server = createServer((req, res) => {
  // RFC 9110 §15.5.22: say which protocol is required; §7.8: Connection: upgrade goes with it.
  res.writeHead(426, {
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Content-Type': 'text/plain; charset=utf-8',
  });
  res.end('This endpoint speaks WebSocket only: open it with a WebSocket client.\\n');
});

server.on('upgrade', (req, socket, head) => {
  // ws refuses bad handshakes itself: 405 for a method other than GET, 400 for a wrong
  // Upgrade, Sec-WebSocket-Key or Sec-WebSocket-Version (the last with
  // "Sec-WebSocket-Version: 13, 8"). It never answers 426 from handleUpgrade.
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

server.listen(8080);`,
      note: 'new WebSocketServer({ port }) answers every non-upgrade request with 426 but sends no Upgrade field, which RFC 9110 §15.5.22 requires; attach ws to your own server as above to control that response.',
    },
    {
      title: 'Go: gorilla/websocket, what Upgrader.Upgrade refuses with',
      language: 'go',
      code: `// Current gorilla/websocket (v1.5) checks, in this order:
//   no "upgrade" token in Connection       -> 400
//   no "websocket" token in Upgrade        -> 426 with "Upgrade: websocket"
//   method is not GET                      -> 405
//   Sec-WebSocket-Version is not 13        -> 400
//   CheckOrigin returns false              -> 403
//   Sec-WebSocket-Key not 16 base64 bytes  -> 400
// Its default error responses also carry "Sec-Websocket-Version: 13".
// A browser navigating to the endpoint sends no Connection: upgrade, so it gets 400;
// the handler below checks first and gives such plain requests a proper 426.
package main

import (
	"log"
	"net/http"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{}

func handler(w http.ResponseWriter, r *http.Request) {
	if !websocket.IsWebSocketUpgrade(r) {
		w.Header().Set("Upgrade", "websocket")
		w.Header().Set("Connection", "Upgrade")
		http.Error(w, "this endpoint speaks WebSocket only", http.StatusUpgradeRequired)
		return
	}
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has already written the error response
	}
	defer conn.Close()
	for {
		kind, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		if err := conn.WriteMessage(kind, msg); err != nil {
			return
		}
	}
}

func main() {
	http.HandleFunc("/ws", handler)
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", nil))
}`,
      note: 'Older gorilla releases answered a missing Upgrade token with 400 as well.',
    },
    {
      title: 'Spring WebSocket: a version mismatch is the 426 case',
      language: 'java',
      code: `// AbstractHandshakeHandler (behind registry.addHandler(...)) refuses a handshake with:
//   method other than GET              -> 405 with "Allow: GET"
//   Upgrade is not "WebSocket"         -> 400 (body: Can "Upgrade" only to "WebSocket".)
//   Connection lacks "upgrade"         -> 400
//   unsupported Sec-WebSocket-Version  -> 426 with Sec-WebSocket-Version listing the
//                                         versions the container supports (13)
//   Origin not allowed                 -> 403
//   Sec-WebSocket-Key missing          -> 400
// The 426 carries no Upgrade field; this handler adds it (RFC 9110 §15.5.22).
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

public class StrictHandshakeHandler extends DefaultHandshakeHandler {
  @Override
  protected void handleWebSocketVersionNotSupported(
      ServerHttpRequest request, ServerHttpResponse response) {
    super.handleWebSocketVersionNotSupported(request, response); // 426 + supported versions
    response.getHeaders().set(HttpHeaders.UPGRADE, "websocket");
    response.getHeaders().set(HttpHeaders.CONNECTION, "Upgrade");
  }
}

// In registerWebSocketHandlers:
//   registry.addHandler(handler, "/ws").setHandshakeHandler(new StrictHandshakeHandler());`,
      note: 'The Spring 426 tells the client which WebSocket versions to retry with; Upgrade: websocket says which protocol.',
    },
    {
      title: 'FastAPI / Starlette: refuse before accept(), or route plain HTTP to a 426',
      language: 'python',
      code: `from fastapi import FastAPI, Response, WebSocket

app = FastAPI()


@app.websocket("/ws")
async def ws_endpoint(websocket: WebSocket) -> None:
    if websocket.headers.get("sec-websocket-protocol") != "chat":
        # Closing before accept(): uvicorn answers the handshake with HTTP 403.
        await websocket.close(code=1008)
        return
    await websocket.accept(subprotocol="chat")
    # ...


# A plain GET on the same path is an "http" scope and would otherwise get 404.
@app.get("/ws")
async def ws_over_plain_http() -> Response:
    return Response(
        "This endpoint speaks WebSocket only.\\n",
        status_code=426,
        headers={"Upgrade": "websocket", "Connection": "Upgrade"},
    )`,
    },
    {
      title: 'Django Channels: refusing in connect()',
      language: 'python',
      code: `from channels.generic.websocket import AsyncWebsocketConsumer


class GuardedConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        if self.scope["user"].is_anonymous:
            # Closing before accept(): Daphne answers the handshake with HTTP 403.
            await self.close()
            return
        await self.accept()

# A plain HTTP request to the path never reaches the consumer: ProtocolTypeRouter sends
# it to the "http" application (Django), which answers 404 unless a view answers 426.`,
      note: 'self.scope["user"] is set by AuthMiddlewareStack in the ASGI routing.',
    },
    {
      title: 'python-websockets (the interop peer): 426 done right',
      language: 'text',
      code: `A request without "Connection: upgrade" or without "Upgrade: websocket" gets
  HTTP/1.1 426 Upgrade Required
  Upgrade: websocket
and a text body saying a WebSocket client is needed.
A wrong Sec-WebSocket-Version (anything but 13) or a bad key gets 400 Bad Request.`,
    },
  ],
  proxies: [
    {
      title: 'A 426 that the proxy caused',
      language: 'text',
      code: `client --(Upgrade: websocket)--> proxy --(plain GET)--> backend --426 or 400--> client

Upgrade and Connection are hop-by-hop (RFC 9110 §7.6.1): a proxy that is not
configured for upgrades drops them, and the backend rightly refuses a request
that no longer asks to upgrade. Fix the proxy (below) rather than the backend.`,
    },
    nginxUpgradeProxy,
    apacheProxyHttpUpgrade,
    apacheWstunnel,
    proxyTimeoutNote,
  ],
  checklist: [
    {
      step: 'Read the Upgrade field of the 426',
      detail:
        'It names the protocol(s) the server requires (RFC 9110 §15.5.22). "websocket" means the endpoint only speaks WebSocket. A 426 with no Upgrade field is itself non-conforming (ws standalone servers and Spring version errors send one).',
    },
    {
      step: 'Check what the client actually sent',
      detail:
        'An upgrade request needs GET over HTTP/1.1, Connection containing "upgrade", Upgrade: websocket, Sec-WebSocket-Version: 13 and a 16-byte base64 Sec-WebSocket-Key (RFC 6455 §4.1). fetch(), XMLHttpRequest and a browser address bar cannot send these; use new WebSocket(url).',
      snippet: {
        title: 'Compare a plain request with an upgrade request',
        language: 'bash',
        code: `curl -i http://localhost:8080/api/status/426
curl -i -N --max-time 5 -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' http://localhost:8080/api/status/101`,
      },
    },
    {
      step: 'Check the WebSocket version',
      detail:
        'Servers that answer an unsupported Sec-WebSocket-Version with 426 (Spring) or 400 (ws, gorilla, python-websockets) list the versions they accept in Sec-WebSocket-Version (RFC 6455 §4.4). Every current client sends 13.',
    },
    {
      step: 'Rule out the proxy',
      detail:
        'Send the same upgrade request straight to the backend: a 101 there and a 426 or 400 through the proxy means the proxy dropped Upgrade/Connection or spoke HTTP/1.0 upstream (nginx without proxy_http_version 1.1).',
    },
    {
      step: 'Do not treat 426 as a transport-security redirect',
      detail:
        'Upgrading an http:// connection to TLS with "Upgrade: TLS/1.0" (RFC 2817) is not implemented by browsers. To require HTTPS, redirect to https:// (301/308) and send Strict-Transport-Security over HTTPS.',
    },
  ],
};
