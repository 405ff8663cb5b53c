/**
 * Independent HTTP/2 peers for the h2 client's tests, on 127.0.0.1 port 0: Node's `http2`
 * server (nghttp2 inside) with RFC 8441 enabled, whose extended CONNECT streams are served by
 * `ws`'s own frame Receiver and Sender (server role: it rejects unmasked client frames).
 */
import http2 from 'node:http2';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex, Writable } from 'node:stream';
import * as wsModule from 'ws';

/** `ws`'s frame Receiver and Sender: exported by `ws` at run time, not declared by @types/ws. */
type WsReceiver = Writable & {
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): WsReceiver;
  on(event: 'conclude', listener: (code: number, reason: Buffer) => void): WsReceiver;
};
interface WsSender {
  send(
    data: Buffer,
    options: { binary: boolean; fin: boolean; mask: boolean; compress: boolean },
    cb: () => void,
  ): void;
  close(code: number, data: Buffer, mask: boolean, cb: () => void): void;
}
const { Receiver, Sender } = wsModule as unknown as {
  Receiver: new (options: { isServer: boolean; maxPayload: number }) => WsReceiver;
  Sender: new (socket: Duplex) => WsSender;
};

/** What the peer saw of one extended CONNECT. */
export interface SeenConnect {
  headers: http2.IncomingHttpHeaders;
  messages: string[];
  closeCode?: number;
}

export interface H2Peer {
  port: number;
  seen: SeenConnect[];
  close(): Promise<void>;
}

/**
 * Starts the peer. `enableConnectProtocol` false leaves RFC 8441 off (no SETTINGS 0x8 = 1);
 * `connectStatus` answers every CONNECT with that status instead of opening a WebSocket.
 */
export async function startH2EchoPeer(
  options: { enableConnectProtocol?: boolean; connectStatus?: number } = {},
): Promise<H2Peer> {
  const seen: SeenConnect[] = [];
  const server = http2.createServer({
    settings: { enableConnectProtocol: options.enableConnectProtocol ?? true },
  });
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
    s.on('error', () => undefined);
  });
  server.on('stream', (stream, headers) => {
    stream.on('error', () => undefined);
    if (headers[':method'] !== 'CONNECT' || headers[':protocol'] !== 'websocket') {
      stream.respond({ ':status': 404 });
      stream.end();
      return;
    }
    const entry: SeenConnect = { headers, messages: [] };
    seen.push(entry);
    if (options.connectStatus !== undefined) {
      stream.respond({ ':status': options.connectStatus }, { endStream: true });
      return;
    }
    stream.respond({ ':status': 200 });
    const receiver = new Receiver({ isServer: true, maxPayload: 16 * 1024 * 1024 });
    const sender = new Sender(stream);
    receiver.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) entry.messages.push(data.toString('utf8'));
      sender.send(data, { binary: isBinary, fin: true, mask: false, compress: false }, () => {});
    });
    receiver.on('conclude', (code: number) => {
      entry.closeCode = code;
      // RFC 6455 §5.5.1: answer the Close, then end the stream (RFC 8441 §5: END_STREAM).
      sender.close(code, Buffer.alloc(0), false, () => stream.end());
    });
    receiver.on('error', () => stream.close(http2.constants.NGHTTP2_PROTOCOL_ERROR));
    stream.pipe(receiver);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sessions) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A plain HTTP/1.1 server that ignores `Upgrade` and answers 200 (a server that will not switch). */
export async function startPlainHttp(): Promise<{
  port: number;
  requests: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}> {
  const requests: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.headers);
    res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
    res.end('not switching');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
