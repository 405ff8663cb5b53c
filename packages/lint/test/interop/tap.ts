/**
 * A loopback TCP tap: forwards a connection to a target port and records every chunk, in arrival
 * order, with its direction. Listens on 127.0.0.1, port 0.
 */
import net from 'node:net';

export interface TapChunk {
  from: 'client' | 'server';
  bytes: Uint8Array;
}

export interface Tap {
  port: number;
  chunks: TapChunk[];
  /** Resolves when both sides of the first connection have closed. */
  closed: Promise<void>;
  close(): Promise<void>;
}

export async function startTap(targetPort: number): Promise<Tap> {
  const chunks: TapChunk[] = [];
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    let ends = 0;
    const ended = () => {
      ends++;
      if (ends === 2) resolveClosed();
    };
    client.on('data', (d) => {
      chunks.push({ from: 'client', bytes: new Uint8Array(d) });
      upstream.write(d);
    });
    upstream.on('data', (d) => {
      chunks.push({ from: 'server', bytes: new Uint8Array(d) });
      client.write(d);
    });
    client.on('close', () => {
      upstream.end();
      ended();
    });
    upstream.on('close', () => {
      client.end();
      ended();
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    chunks,
    closed,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
