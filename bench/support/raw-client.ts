/**
 * A deliberately cheap WebSocket client for load generation: raw TCP to 127.0.0.1, one
 * handshake per connection, then pre-masked frames written from a ready buffer and the
 * server's frames counted by a minimal header parser that skips payloads. It spends far less
 * CPU per message than a full client, so the server under test, not the client, is what
 * limits the figures. It offers no extension, so every server answers without
 * permessage-deflate and the bytes on the wire are the same for all peers.
 */
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';

/** RFC 6455 §1.3: the GUID appended to the key before hashing. */
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_HEAD = 16_384;

/** Longest wait for one TCP connect + 101, ms. */
export const HANDSHAKE_TIMEOUT_MS = 10_000;

/**
 * Encodes one client frame: FIN set, `opcode`, masked with a random key (RFC 6455 §5.3: every
 * client frame is masked), payload length in the shortest form (§5.2).
 */
export function maskedFrame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const lengthBytes = n < 126 ? 0 : n < 65_536 ? 2 : 8;
  const header = Buffer.alloc(2 + lengthBytes + 4);
  header[0] = 0x80 | opcode;
  if (lengthBytes === 0) header[1] = 0x80 | n;
  else if (lengthBytes === 2) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(n, 2);
  } else {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(n), 2);
  }
  const key = randomBytes(4);
  key.copy(header, 2 + lengthBytes);
  const body = Buffer.alloc(n);
  for (let i = 0; i < n; i++) body[i] = payload[i]! ^ key[i & 3]!;
  return Buffer.concat([header, body]);
}

/** Length of the unmasked server frame (§5.2: servers do not mask) carrying `payloadLength`. */
export function serverFrameLength(payloadLength: number): number {
  return 2 + (payloadLength < 126 ? 0 : payloadLength < 65_536 ? 2 : 8) + payloadLength;
}

/** A close frame with status 1000 (§5.5.1, §7.4.1). */
export function closeFrame(): Buffer {
  const body = Buffer.alloc(2);
  body.writeUInt16BE(1000, 0);
  return maskedFrame(0x8, body);
}

/** An open connection after a 101; `rest` holds bytes that arrived after the head. */
export interface OpenSocket {
  socket: net.Socket;
  rest: Buffer;
}

/**
 * Connects to 127.0.0.1:`port`, sends the opening handshake for `path` (RFC 6455 §4.1) and
 * resolves once a 101 with the right Sec-WebSocket-Accept (§4.2.2 item 5.4, checked by the
 * client per §4.1) has arrived. Rejects on anything else, or after HANDSHAKE_TIMEOUT_MS.
 */
export function openSocket(port: number, path: string): Promise<OpenSocket> {
  const key = randomBytes(16).toString('base64');
  const accept = createHash('sha1')
    .update(key + GUID)
    .digest('base64');
  return new Promise<OpenSocket>((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.setNoDelay(true);
    let head: Buffer = Buffer.alloc(0);
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error('handshake timed out')), HANDSHAKE_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
      const end = head.indexOf(HEAD_END);
      if (end < 0) {
        if (head.length > MAX_HEAD) fail(new Error('response head too large'));
        return;
      }
      const text = head.subarray(0, end).toString('latin1');
      if (!text.startsWith('HTTP/1.1 101 ')) {
        fail(new Error(`expected 101, got ${text.split('\r\n')[0]}`));
        return;
      }
      const line = text.split('\r\n').find((l) => /^sec-websocket-accept:/i.test(l));
      if (line?.slice(line.indexOf(':') + 1).trim() !== accept) {
        fail(new Error('wrong or missing Sec-WebSocket-Accept'));
        return;
      }
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', fail);
      socket.off('close', onEarlyClose);
      resolve({ socket, rest: head.subarray(end + 4) });
    };
    const onEarlyClose = () => fail(new Error('closed before the 101'));
    socket.on('data', onData);
    socket.once('error', fail);
    socket.once('close', onEarlyClose);
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n` +
        `Connection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
}

/**
 * Counts whole server frames in a byte stream without copying payloads. Only unfragmented,
 * unmasked binary frames with RSV bits clear are expected (what an echo of a binary message
 * is); anything else (a close frame, a compressed frame) is reported as an error.
 */
export class FrameCounter {
  /** Whole frames seen. */
  frames = 0;
  /** Payload bytes of whole frames. */
  payloadBytes = 0;
  /** First unexpected thing seen, if any. */
  error: string | undefined;
  private header = Buffer.alloc(14);
  private headerHave = 0;
  private payloadLeft = -1;
  private payloadLength = 0;

  /** Feeds received bytes. */
  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length && this.error === undefined) {
      if (this.payloadLeft >= 0) {
        const take = Math.min(this.payloadLeft, chunk.length - offset);
        this.payloadLeft -= take;
        offset += take;
        if (this.payloadLeft === 0) this.finishFrame();
        continue;
      }
      this.header[this.headerHave++] = chunk[offset++]!;
      if (this.headerHave < 2) continue;
      const b0 = this.header[0]!;
      const b1 = this.header[1]!;
      if (b0 !== 0x82 || (b1 & 0x80) !== 0) {
        this.error = `unexpected frame header 0x${b0.toString(16)} 0x${b1.toString(16)}`;
        return;
      }
      const short = b1 & 0x7f;
      const need = short < 126 ? 2 : short === 126 ? 4 : 10;
      if (this.headerHave < need) continue;
      this.payloadLength =
        short < 126
          ? short
          : short === 126
            ? this.header.readUInt16BE(2)
            : Number(this.header.readBigUInt64BE(2));
      this.payloadLeft = this.payloadLength;
      if (this.payloadLeft === 0) this.finishFrame();
    }
  }

  private finishFrame(): void {
    this.frames++;
    this.payloadBytes += this.payloadLength;
    this.payloadLeft = -1;
    this.headerHave = 0;
  }
}

/** Sends a close frame and waits (bounded) for the server to close the TCP connection. */
export function closeSocket(socket: net.Socket, timeoutMs = 2_000): Promise<void> {
  return new Promise<void>((resolve) => {
    if (socket.destroyed) {
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      socket.destroy();
      resolve();
    }, timeoutMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.on('error', () => socket.destroy());
    // §7.1.1: the server closes the TCP connection first once the close handshake is done.
    socket.write(closeFrame());
    socket.resume();
  });
}
