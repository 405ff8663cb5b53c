/**
 * Prior-knowledge h2c (RFC 9113 §3.3): a cleartext connection whose first octets are the
 * client connection preface (§3.4) is HTTP/2; anything else is HTTP/1.1. The first bytes are
 * read, looked at, and put back (`unshift`) before the connection goes to either server.
 */
import type { Socket } from 'node:net';
import { detectPreface } from '@switchyard/protocol';

/** Where a new connection goes. */
export type ConnectionKind = 'h2' | 'http1';

/**
 * Reads until the preface matches or cannot match (one byte is enough for every HTTP/1.1
 * method but `PRI`), then calls `route` once with the bytes put back. Gives up after
 * `timeoutMs` (or on end/close) and routes to HTTP/1.1, whose own timeouts then apply.
 */
export function sniffConnection(
  socket: Socket,
  timeoutMs: number,
  route: (kind: ConnectionKind) => void,
): void {
  let seen: Buffer = Buffer.alloc(0);
  let done = false;
  const finish = (kind: ConnectionKind) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    socket.removeListener('data', onData);
    socket.removeListener('end', onEnd);
    socket.removeListener('error', onEnd);
    socket.pause();
    if (seen.length > 0) socket.unshift(seen);
    route(kind);
    // The new owner has attached its listeners; let the put-back bytes flow to it.
    if (kind === 'http1') socket.resume();
  };
  const onData = (chunk: Buffer) => {
    seen = seen.length === 0 ? chunk : Buffer.concat([seen, chunk]);
    const match = detectPreface(seen);
    if (match.kind === 'match') finish('h2');
    else if (match.kind === 'mismatch') finish('http1');
  };
  const onEnd = () => finish('http1');
  const timer = setTimeout(() => finish('http1'), timeoutMs);
  timer.unref();
  socket.on('data', onData);
  socket.once('end', onEnd);
  socket.once('error', onEnd);
}
