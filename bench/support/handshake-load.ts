/**
 * Handshake load: `concurrency` loops, each repeatedly opening a connection (TCP connect,
 * opening handshake, 101), then closing it (close frame, server's close frame, TCP close by
 * the server per RFC 6455 §7.1.1) for `seconds`. Counts completed connect-upgrade-close cycles.
 */
import { closeSocket, openSocket } from './raw-client.js';

export interface HandshakeLoadOptions {
  port: number;
  path: string;
  concurrency: number;
  seconds: number;
  /** CPU time of the server process so far, µs (to report its CPU cost per handshake). */
  cpu?: () => Promise<number>;
}

export interface HandshakeFigures {
  perSecond: number;
  /** Server CPU time per connect-upgrade-close cycle, µs (NaN without `cpu`). */
  cpuMicrosPerHandshake: number;
}

/** Runs one timed handshake load against one server. */
export async function handshakeLoad(options: HandshakeLoadOptions): Promise<HandshakeFigures> {
  const cpuStart = (await options.cpu?.()) ?? Number.NaN;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + options.seconds * 1000;
  let completed = 0;
  const loop = async () => {
    // Bounded by time; each step is bounded by the client's own timeouts.
    while (Date.now() < deadline) {
      const { socket } = await openSocket(options.port, options.path);
      await closeSocket(socket, 5_000);
      completed++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuEnd = (await options.cpu?.()) ?? Number.NaN;
  return {
    perSecond: completed / elapsed,
    cpuMicrosPerHandshake: (cpuEnd - cpuStart) / completed,
  };
}
