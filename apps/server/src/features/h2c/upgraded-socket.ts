/**
 * The socket of an h2c upgrade as Node's http2 server should see it. After the 101 the client
 * sends the connection preface (RFC 9113 §3.4) and HTTP/2 frames, but two things it never sends
 * have to reach the server first (RFC 7540 §3.2, §3.2.1):
 * - the settings of its `HTTP2-Settings` field, which apply from the switch on: written here as
 *   a SETTINGS frame right after the preface; the server's ACK of that frame is removed from
 *   the output, since "a 101 response serves as implicit acknowledgement" (§3.2.1) and a client
 *   receiving an ACK it did not ask for may treat it as a protocol error;
 * - the upgraded request itself as stream 1 (see stream-one.ts).
 * Everything else passes through unchanged, both ways.
 */
import type { Socket } from 'node:net';
import { CLIENT_PREFACE, H2_FRAME_TYPES, detectPreface, encodeH2Frame } from '@switchyard/protocol';
import type { H2ConnectionTap } from './h2-frame-tap.js';
import { SocketBridge } from './socket-bridge.js';

/** Bytes this bridge inserts after the client's preface. */
export interface UpgradeInjection {
  /** The decoded HTTP2-Settings payload (a SETTINGS frame payload). */
  settingsPayload: Uint8Array;
  /** HEADERS (+ CONTINUATION) frames of stream 1. */
  streamOne: Uint8Array[];
}

/** Removes the first SETTINGS frame with the ACK flag from a stream of HTTP/2 frames (chunks may split frames anywhere). */
export class FirstSettingsAckFilter {
  private done = false;
  private header = Buffer.alloc(0);
  /** Payload bytes of the current frame still to pass (or to drop when `dropping`). */
  private remaining = 0;
  private dropping = false;

  push(chunk: Buffer): Buffer[] {
    if (this.done) return [chunk];
    const out: Buffer[] = [];
    let at = 0;
    while (at < chunk.length && !this.done) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - at);
        if (!this.dropping) out.push(chunk.subarray(at, at + n));
        this.remaining -= n;
        at += n;
        if (this.remaining === 0 && this.dropping) this.done = true;
        continue;
      }
      const need = 9 - this.header.length;
      this.header = Buffer.concat([this.header, chunk.subarray(at, at + need)]);
      at += Math.min(need, chunk.length - at);
      if (this.header.length < 9) break;
      const length = this.header.readUIntBE(0, 3);
      const isAck = this.header[3] === H2_FRAME_TYPES.SETTINGS && (this.header[4]! & 0x1) !== 0;
      this.dropping = isAck;
      if (!isAck) out.push(this.header);
      this.header = Buffer.alloc(0);
      this.remaining = length;
      if (length === 0 && isAck) this.done = true;
    }
    if (at < chunk.length) out.push(chunk.subarray(at));
    return out;
  }
}

/**
 * A Duplex over the upgraded socket for `http2Server.emit('connection', bridge)`. Reads insert
 * the HTTP2-Settings frame and stream 1 after the client's preface; writes drop the server's
 * first SETTINGS ACK. Socket address getters are forwarded so `request.ip` keeps working.
 */
export class UpgradedSocket extends SocketBridge {
  private prefaceBuffer: Buffer | undefined = Buffer.alloc(0);
  private readonly ackFilter = new FirstSettingsAckFilter();

  /**
   * @param tap when capturing (issue 8): sees the bytes actually on the socket after the 101,
   *   the client's before anything is inserted, the server's after the ACK is removed
   */
  constructor(
    socket: Socket,
    private readonly injection: UpgradeInjection,
    head: Buffer,
    tap?: H2ConnectionTap,
  ) {
    super(socket, tap);
    if (head.length > 0) this.incoming(head);
  }

  /** Inserts the HTTP2-Settings frame and stream 1 after the client's preface. */
  protected incoming(chunk: Buffer): void {
    this.tap?.client(chunk);
    let out = chunk;
    if (this.prefaceBuffer !== undefined) {
      const seen = Buffer.concat([this.prefaceBuffer, chunk]);
      const match = detectPreface(seen);
      if (match.kind === 'maybe') {
        this.prefaceBuffer = seen;
        return;
      }
      this.prefaceBuffer = undefined;
      if (match.kind === 'mismatch') {
        // Not HTTP/2: pass it on, the server answers with GOAWAY PROTOCOL_ERROR (§3.4).
        out = seen;
      } else {
        const settings = encodeH2Frame({
          type: H2_FRAME_TYPES.SETTINGS,
          payload: this.injection.settingsPayload,
        });
        out = Buffer.concat([
          CLIENT_PREFACE,
          settings,
          ...this.injection.streamOne,
          seen.subarray(CLIENT_PREFACE.length),
        ]);
      }
    }
    this.forward(out);
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    const parts = this.ackFilter.push(chunk);
    if (parts.length === 0) {
      callback();
      return;
    }
    const last = parts.length - 1;
    parts.forEach((part, i) => {
      this.tap?.server(part);
      if (i === last) this.socket.write(part, callback);
      else this.socket.write(part);
    });
  }
}
