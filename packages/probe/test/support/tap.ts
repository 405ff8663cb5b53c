/**
 * A tapping TCP relay on 127.0.0.1: forwards each connection to an upstream loopback port and
 * records every byte in both directions, so tests can compare the probe's record with the wire.
 */
import net from 'node:net';

export interface Tap {
  port: number;
  /** Bytes of the first connection, per direction. */
  clientToServer(): Uint8Array;
  serverToClient(): Uint8Array;
  /** Settles when the first relayed connection has fully closed. */
  closed: Promise<void>;
  close(): Promise<void>;
}

export async function startTap(upstreamPort: number): Promise<Tap> {
  const c2s: Buffer[] = [];
  const s2c: Buffer[] = [];
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const sockets = new Set<net.Socket>();
  let first = true;
  const server = net.createServer((client) => {
    const mine = first;
    first = false;
    const upstream = net.connect({ host: '127.0.0.1', port: upstreamPort });
    sockets.add(client);
    sockets.add(upstream);
    client.on('data', (d) => {
      if (mine) c2s.push(d);
      upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (mine) s2c.push(d);
      client.write(d);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    let open = 2;
    const done = () => {
      if (--open === 0 && mine) markClosed();
    };
    client.on('close', done);
    upstream.on('close', done);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    clientToServer: () => new Uint8Array(Buffer.concat(c2s)),
    serverToClient: () => new Uint8Array(Buffer.concat(s2c)),
    closed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A raw TCP server that records the bytes of each connection and answers with `reply`. */
export async function startRawServer(
  reply: (received: Uint8Array) => Uint8Array | undefined,
): Promise<{ port: number; received: () => Uint8Array; close: () => Promise<void> }> {
  const chunks: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let answered = false;
    socket.on('data', (d) => {
      chunks.push(d);
      const all = new Uint8Array(Buffer.concat(chunks));
      // Answer once the head is complete (an empty line, CRLF or bare LF endings).
      const text = Buffer.from(all).toString('latin1');
      if (!answered && /\r?\n\r?\n/.test(text)) {
        answered = true;
        const out = reply(all);
        if (out === undefined) socket.destroy();
        else socket.end(out);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    received: () => new Uint8Array(Buffer.concat(chunks)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
