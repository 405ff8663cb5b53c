/**
 * The echo behaviour of `/ws/echo` (and of `/api/status/101` once switched). `ws` answers
 * pings with pongs (RFC 6455 §5.5.2-§5.5.3), completes the close handshake (§5.5.1) and closes
 * with 1009 past the maximum message size (§7.4.1); this adds the echo itself.
 *
 * Subprotocols (§1.9): `echo.v1` (and none) echo every message as is; `json.v1` echoes text
 * messages that parse as JSON inside `{"echo": ...}`, answers `{"error": ...}` to text that is
 * not JSON, and closes with 1003 on a binary message (§7.4.1: data it cannot accept).
 */
import type { WebSocket } from 'ws';

/** Subprotocols `/ws/echo` supports; `ws` picks the first the client offered. */
export const ECHO_PROTOCOLS = ['echo.v1', 'json.v1'] as const;

/** Wires the echo onto an open connection. */
export function runEcho(socket: WebSocket): void {
  socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
    const bytes = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(data);
    if (socket.protocol !== 'json.v1') {
      socket.send(bytes, { binary: isBinary });
      return;
    }
    if (isBinary) {
      socket.close(1003, 'json.v1 carries text messages only');
      return;
    }
    let reply: string;
    try {
      reply = JSON.stringify({ echo: JSON.parse(bytes.toString('utf8')) as unknown });
    } catch (error) {
      reply = JSON.stringify({ error: `not JSON: ${(error as Error).message}` });
    }
    socket.send(reply);
  });
}
