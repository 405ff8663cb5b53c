/**
 * Echo load: `connections` WebSocket connections, each keeping `window` binary messages of
 * `size` bytes in flight (a new one is sent for every echo received) for `seconds`. Counts
 * only echoes received between the start and the end of the timed window.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSocket,
  FrameCounter,
  maskedFrame,
  openSocket,
  type OpenSocket,
} from './raw-client.js';

export interface EchoLoadOptions {
  port: number;
  path: string;
  connections: number;
  /** Messages in flight per connection. */
  window: number;
  /** Payload bytes per message. */
  size: number;
  seconds: number;
  /** CPU time of the server process so far, µs (to report its CPU cost per message). */
  cpu?: () => Promise<number>;
}

export interface EchoFigures {
  messagesPerSecond: number;
  /** Payload megabytes (10^6 bytes) echoed per second. */
  megabytesPerSecond: number;
  /**
   * Server CPU time per echoed message, µs (NaN without `cpu`). Less sensitive than the rates
   * to other load on a shared machine: it does not depend on the share of CPU the server got.
   */
  cpuMicrosPerMessage: number;
}

const OPEN_CONCURRENCY = 25;

/** Opens `count` connections, at most OPEN_CONCURRENCY handshakes at a time. */
export async function openMany(port: number, path: string, count: number): Promise<OpenSocket[]> {
  const open: OpenSocket[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      open.push(await openSocket(port, path));
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(OPEN_CONCURRENCY, count) }, worker));
  } catch (error) {
    for (const o of open) o.socket.destroy();
    throw error;
  }
  return open;
}

/** Runs one timed echo load against one server. */
export async function echoLoad(options: EchoLoadOptions): Promise<EchoFigures> {
  const { connections, window, size, seconds } = options;
  // A few distinct masks, cycled, so that the server does not see one key over and over.
  const frames = Array.from({ length: 8 }, () => maskedFrame(0x2, randomBytes(size)));
  const burst = Buffer.concat(Array.from({ length: window }, (_, i) => frames[i % frames.length]!));
  const frameLength = frames[0]!.length;
  const open = await openMany(options.port, options.path, connections);
  const counters = open.map(() => new FrameCounter());
  let running = true;
  let failure: string | undefined;
  open.forEach(({ socket, rest }, i) => {
    const counter = counters[i]!;
    socket.on('error', (error) => {
      if (running) failure ??= `connection ${i}: ${error.message}`;
    });
    socket.on('close', () => {
      if (running) failure ??= `connection ${i} closed by the server`;
    });
    socket.on('data', (chunk: Buffer) => {
      // After the window the close handshake's frames arrive: they are not counted.
      if (!running) return;
      const before = counter.frames;
      counter.push(chunk);
      if (counter.error !== undefined) {
        failure ??= `connection ${i}: ${counter.error}`;
        socket.destroy();
        return;
      }
      // One new message per echo received keeps `window` in flight; one write per chunk.
      const due = Math.min(counter.frames - before, window);
      if (due > 0) socket.write(burst.subarray(0, due * frameLength));
    });
    if (rest.length > 0) counter.push(rest);
    socket.write(burst);
  });
  const cpuStart = (await options.cpu?.()) ?? Number.NaN;
  const startFrames = counters.reduce((a, c) => a + c.frames, 0);
  const started = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const endFrames = counters.reduce((a, c) => a + c.frames, 0);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuEnd = (await options.cpu?.()) ?? Number.NaN;
  running = false;
  await Promise.all(open.map(({ socket }) => closeSocket(socket)));
  if (failure !== undefined) throw new Error(failure);
  const messages = endFrames - startFrames;
  return {
    messagesPerSecond: messages / elapsed,
    megabytesPerSecond: (messages * size) / elapsed / 1e6,
    cpuMicrosPerMessage: (cpuEnd - cpuStart) / messages,
  };
}
