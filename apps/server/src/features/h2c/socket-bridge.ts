/**
 * A Duplex in front of a real socket, handed to Node's http2 server instead of the socket
 * (an h2c-upgraded connection, or a tapped one). It forwards the socket's address getters (so
 * `request.ip` keeps working), its back-pressure, end, errors and close; each subclass decides
 * what a chunk read from the client becomes (`incoming`) and how writes go out (`_write`).
 */
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import type { H2ConnectionTap } from './h2-frame-tap.js';

export abstract class SocketBridge extends Duplex {
  /**
   * @param tap when capturing (issue 8): told the bytes actually on the socket both ways, and
   *   the end of the connection
   */
  constructor(
    protected readonly socket: Socket,
    protected readonly tap?: H2ConnectionTap,
  ) {
    super({ allowHalfOpen: false });
    socket.on('data', (chunk: Buffer) => this.incoming(chunk));
    socket.on('end', () => this.push(null));
    socket.on('error', (err) => this.destroy(err));
    socket.on('close', () => {
      tap?.end();
      this.destroy();
    });
  }

  /** Called with every chunk read from the client. */
  protected abstract incoming(chunk: Buffer): void;

  /** Passes bytes on to the server, pausing the socket while the server is not reading. */
  protected forward(bytes: Buffer): void {
    if (!this.push(bytes)) this.socket.pause();
  }

  get remoteAddress(): string | undefined {
    return this.socket.remoteAddress;
  }
  get remotePort(): number | undefined {
    return this.socket.remotePort;
  }
  get remoteFamily(): string | undefined {
    return this.socket.remoteFamily;
  }
  get localAddress(): string | undefined {
    return this.socket.localAddress;
  }
  get localPort(): number | undefined {
    return this.socket.localPort;
  }

  override _read(): void {
    this.socket.resume();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}
