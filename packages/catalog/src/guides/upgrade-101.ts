import type { UpgradeGuide } from '../types.js';
import {
  apacheProxyHttpUpgrade,
  apacheWstunnel,
  nginxUpgradeProxy,
  proxyTimeoutNote,
} from './proxy-snippets.js';

/** The RFC 6455 §1.3 sample key and the Sec-WebSocket-Accept it must produce. */
export const sampleWebSocketKey = 'dGhlIHNhbXBsZSBub25jZQ==';
export const sampleWebSocketAccept = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';
/** RFC 6455 §1.3: the GUID appended to the key before hashing. */
export const webSocketGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** How common servers produce a 101, how to proxy it, and how to debug one that does not arrive. */
export const upgradeGuide101: UpgradeGuide = {
  servers: [
    {
      title: 'Node.js: ws with handleUpgrade on an Express (node:http) server',
      language: 'ts',
      code: `import express from 'express';
import { WebSocketServer } from 'ws';

const app = express();
const server = app.listen(8080);
// noServer: ws does not listen itself; we hand it the upgrade requests we want it to take.
const wss = new WebSocketServer({ noServer: true });

// Express never sees upgrade requests: node:http emits them as 'upgrade' on the server.
server.on('upgrade', (req, socket, head) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (pathname !== '/ws') {
    socket.end('HTTP/1.1 404 Not Found\\r\\nConnection: close\\r\\nContent-Length: 0\\r\\n\\r\\n');
    return;
  }
  // ws checks the method, Upgrade, Sec-WebSocket-Key and -Version, then writes the 101
  // (Upgrade: websocket, Connection: Upgrade, Sec-WebSocket-Accept) and calls back.
  wss.handleUpgrade(req, socket, head, (ws) => {
    wss.emit('connection', ws, req);
  });
});

wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});`,
      note: 'With no "upgrade" listener, node:http passes the request to Express as an ordinary GET, so the client gets whatever that route answers (often 404) instead of 101.',
    },
    {
      title: 'FastAPI / Starlette: websocket.accept()',
      language: 'python',
      code: `from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()


@app.websocket("/ws")
async def echo(websocket: WebSocket) -> None:
    # The ASGI server (uvicorn, hypercorn) writes the 101 when the app accepts.
    # accept(subprotocol="chat") would also send Sec-WebSocket-Protocol: chat.
    await websocket.accept()
    try:
        while True:
            await websocket.send_text(await websocket.receive_text())
    except WebSocketDisconnect:
        pass`,
      note: 'Closing before accept() makes uvicorn answer the handshake with HTTP 403 instead of 101.',
    },
    {
      title: 'Django Channels: AsyncWebsocketConsumer and ASGI routing',
      language: 'python',
      code: `# chat/consumers.py
from channels.generic.websocket import AsyncWebsocketConsumer


class EchoConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        # Daphne or uvicorn sends the 101 here; self.close() instead would refuse (403).
        await self.accept()

    async def receive(self, text_data=None, bytes_data=None):
        await self.send(text_data=text_data, bytes_data=bytes_data)


# project/asgi.py
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
django_asgi_app = get_asgi_application()  # before importing consumers/models

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.urls import path  # noqa: E402

from chat.consumers import EchoConsumer  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            URLRouter([path("ws/echo/", EchoConsumer.as_asgi())])
        ),
    }
)`,
      note: 'Run it under an ASGI server (daphne, uvicorn); "manage.py runserver" serves WebSockets only when "daphne" is in INSTALLED_APPS.',
    },
    {
      title: 'Spring WebSocket: WebSocketConfigurer registers a handler',
      language: 'java',
      code: `import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

@Configuration
@EnableWebSocket
public class WebSocketConfig implements WebSocketConfigurer {
  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    // The handshake handler validates the request and the container writes the 101.
    registry.addHandler(new EchoHandler(), "/ws").setAllowedOrigins("https://app.example");
  }
}

class EchoHandler extends TextWebSocketHandler {
  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message)
      throws Exception {
    session.sendMessage(new TextMessage(message.getPayload()));
  }
}`,
      note: 'An Origin not in setAllowedOrigins gets 403 instead of 101 (same-origin only by default).',
    },
    {
      title: 'Go: gorilla/websocket Upgrader.Upgrade',
      language: 'go',
      code: `package main

import (
	"log"
	"net/http"

	"github.com/gorilla/websocket"
)

// The zero Upgrader accepts requests with no Origin or a same-host Origin.
var upgrader = websocket.Upgrader{}

func echo(w http.ResponseWriter, r *http.Request) {
	// Upgrade writes the 101 and hijacks the connection, or writes an HTTP error
	// (400, 403, 405, 426) and returns a non-nil error.
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		log.Println("upgrade:", err)
		return
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
	http.HandleFunc("/ws", echo)
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", nil))
}`,
    },
  ],
  proxies: [nginxUpgradeProxy, apacheProxyHttpUpgrade, apacheWstunnel, proxyTimeoutNote],
  checklist: [
    {
      step: 'Find the handshake in the browser devtools',
      detail:
        'Network panel, type filter for WebSockets ("WS" or "Socket", depending on the browser version); reload so the socket opens while the panel is recording. A working upgrade is one row whose status is 101 Switching Protocols; its Headers show both heads and the Messages tab (Chrome, Edge; Firefox has an equivalent frames view) lists every frame in both directions. A row with any other status, or a failed row with no status at all, means the 101 never arrived.',
    },
    {
      step: 'Send the handshake by hand with curl',
      detail:
        'The 101 must name websocket in Upgrade, carry Connection: Upgrade and the Sec-WebSocket-Accept for the key you sent. -N stops curl buffering; after the 101 curl waits for frames, so stop it with Ctrl-C (or add --max-time 5).',
      snippet: {
        title: 'A WebSocket handshake from curl',
        language: 'bash',
        code: `curl -i -N -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: ${sampleWebSocketKey}' http://localhost:8080/api/status/101`,
        note: `Expect "HTTP/1.1 101 Switching Protocols" and "Sec-WebSocket-Accept: ${sampleWebSocketAccept}".`,
      },
    },
    {
      step: 'Check the Sec-WebSocket-Accept value',
      detail: `RFC 6455 §4.2.2: Accept = base64(SHA-1(key + "${webSocketGuid}")), hashing the key exactly as sent (its base64 text, not the decoded bytes). A client fails the connection on any other value. For the RFC's sample key ${sampleWebSocketKey} the answer is ${sampleWebSocketAccept}.`,
      snippet: {
        title: 'Compute the expected Accept with openssl',
        language: 'bash',
        code: `printf '%s' '${sampleWebSocketKey}${webSocketGuid}' | openssl dgst -sha1 -binary | openssl base64`,
        note: `Prints ${sampleWebSocketAccept}. Replace the key with the Sec-WebSocket-Key of your request.`,
      },
    },
    {
      step: 'Rule out the proxy',
      detail:
        'Repeat the curl handshake against the backend directly, then through each proxy. A 101 direct but 200 through the proxy usually means the proxy served a page (an SPA fallback or index.html); 400 or 426 means the proxy dropped the hop-by-hop Upgrade and Connection fields (RFC 9110 §7.6.1) so the backend saw a plain GET; 502/504 means the proxy could not reach or wait for the backend. Fix the proxy with the settings above.',
    },
    {
      step: 'Check which HTTP version carries the request',
      detail:
        'HTTP/2 has no 101 (RFC 9113 §8.6) and forbids Connection and Upgrade (§8.2.2). Over HTTP/2 a WebSocket opens with an extended CONNECT and the server answers 200, not 101 (RFC 8441 §5), and only if the server sent SETTINGS_ENABLE_CONNECT_PROTOCOL; otherwise the browser opens a separate HTTP/1.1 connection for the socket.',
    },
    {
      step: 'Compare subprotocols and extensions',
      detail:
        'The 101 may name only a Sec-WebSocket-Protocol the client offered and only extensions it offered (RFC 6455 §4.1); otherwise the client fails the connection right after the 101 (the browser reports close code 1006 and an error in the console).',
    },
    {
      step: 'Keep the connection alive past idle timeouts',
      detail:
        'Sockets that close after exactly 60 s (or another round number) of silence are being cut by a proxy or load balancer. Have the server send a ping (RFC 6455 §5.5.2) every 20-30 s; the peer must answer with a pong (§5.5.3). Browsers answer pings automatically but the JavaScript WebSocket API cannot send them, so a browser-side heartbeat has to be an application message.',
      snippet: {
        title: 'Server-side ping with ws (Node)',
        language: 'ts',
        code: `import { WebSocketServer, type WebSocket } from 'ws';

const wss = new WebSocketServer({ port: 8080 });
const alive = new WeakMap<WebSocket, boolean>();

wss.on('connection', (ws) => {
  alive.set(ws, true);
  ws.on('pong', () => alive.set(ws, true));
});

const timer = setInterval(() => {
  for (const ws of wss.clients) {
    if (!alive.get(ws)) {
      ws.terminate(); // no pong since the last ping: the peer or the path is gone
      continue;
    }
    alive.set(ws, false);
    ws.ping();
  }
}, 30_000);
wss.on('close', () => clearInterval(timer));`,
      },
    },
  ],
};
