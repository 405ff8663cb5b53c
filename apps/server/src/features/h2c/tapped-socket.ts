/**
 * A socket whose HTTP/2 bytes are tapped (issue 8, CAPTURE on only). Node's http2 server reads
 * and writes a plain TCP or TLS socket natively (nghttp2 consumes the libuv handle: a 'data'
 * listener or a wrapped `write` on the socket sees nothing), so the bytes can only be seen by
 * handing the server a JS stream instead: this Duplex passes everything through unchanged and
 * shows each chunk to the tap on its way. Node wraps it in its own JS stream socket, whose
 * address getters see no handle; {@link exposeSocketInfo} gives them the real socket's values.
 */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { H2ConnectionTap } from './h2-frame-tap.js';
import { SocketBridge } from './socket-bridge.js';

/** The pass-through Duplex over `socket` (see the file comment). */
export class TappedSocket extends SocketBridge {
  constructor(
    socket: Socket,
    protected override readonly tap: H2ConnectionTap,
  ) {
    super(socket, tap);
  }

  protected incoming(chunk: Buffer): void {
    this.tap.client(chunk);
    this.forward(chunk);
  }

  /** TLS: what the secure server's connection listener looks at to pick HTTP/2. */
  get alpnProtocol(): string | false | null | undefined {
    return (this.socket as TLSSocket).alpnProtocol;
  }
  get encrypted(): boolean | undefined {
    return (this.socket as TLSSocket).encrypted;
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    this.tap.server(chunk);
    this.socket.write(chunk, callback);
  }

  /** Node's JS socket writes a frame batch corked: one socket write for the batch. */
  override _writev(
    chunks: { chunk: Buffer; encoding: BufferEncoding }[],
    callback: (error?: Error | null) => void,
  ): void {
    for (const { chunk } of chunks) this.tap.server(chunk);
    this.socket.write(
      chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((c) => c.chunk)),
      callback,
    );
  }
}

const FORWARDED = [
  'remoteAddress',
  'remotePort',
  'remoteFamily',
  'localAddress',
  'localPort',
  'encrypted',
  'alpnProtocol',
] as const;

/**
 * Makes `session.socket` (Node's JS stream socket around a Duplex) report the addresses, and
 * for TLS `encrypted` / `alpnProtocol`, of `original`, so `request.ip`, the capture's
 * addresses and `request.protocol` stay right. Node keeps that socket under a private symbol
 * whose description is `socket`; when it cannot be found (another Node version), nothing
 * changes.
 */
export function exposeSocketInfo(session: object, original: object): void {
  const key = Object.getOwnPropertySymbols(session).find((s) => s.description === 'socket');
  const inner = key === undefined ? undefined : (session as Record<symbol, unknown>)[key];
  if (inner === null || typeof inner !== 'object' || inner === original) return;
  for (const name of FORWARDED) {
    Object.defineProperty(inner, name, {
      configurable: true,
      get: () => (original as Record<string, unknown>)[name],
    });
  }
}
