/**
 * Frame-parse throughput: our incremental FrameParser (emitting full FrameRecords and assembled
 * messages) versus ws's own Receiver, on the same byte stream of masked client frames, in the
 * same run. Reported in MB/s of wire bytes, with the ratio ours / ws (goal ≥ 1.0).
 *
 * Both parsers get the stream in 64 KiB chunks, as a socket would deliver it. ws unmasks in
 * place (mutating its input), ours copies before unmasking; payloads are binary so neither
 * side spends time on UTF-8 validation.
 */
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import * as wsModule from 'ws';
import { FrameParser, writeFrame } from '@switchyard/protocol';

/** ws's Receiver (exported at run time as `Receiver`; @types/ws does not declare it). */
const { Receiver } = wsModule as unknown as {
  Receiver: new (options: {
    isServer: boolean;
    maxPayload: number;
    binaryType: string;
  }) => Writable;
};

const CHUNK = 64 * 1024;
const STREAM_BYTES = 24 * 1024 * 1024;
const ROUNDS = 5;

/** A stream of masked binary frames with `payload`-byte payloads, cut into socket-sized chunks. */
function buildStream(payload: number): { chunks: Uint8Array[]; frames: number; bytes: number } {
  const body = randomBytes(payload);
  const mask = randomBytes(4);
  const r = writeFrame({ opcode: 2, payload: body, mask }, { role: 'client' });
  if (!r.ok) throw new Error('cannot build frame');
  const frames = Math.max(1, Math.floor(STREAM_BYTES / r.bytes.length));
  const all = Buffer.alloc(frames * r.bytes.length);
  for (let i = 0; i < frames; i++) all.set(r.bytes, i * r.bytes.length);
  const chunks: Uint8Array[] = [];
  for (let o = 0; o < all.length; o += CHUNK) chunks.push(all.subarray(o, o + CHUNK));
  return { chunks, frames, bytes: all.length };
}

function runOurs(chunks: Uint8Array[]): number {
  const parser = new FrameParser({ direction: 'client-to-server', maxFrameSize: 1 << 30 });
  let messages = 0;
  for (const c of chunks) {
    for (const ev of parser.push(c)) if (ev.type === 'message') messages++;
  }
  return messages;
}

function runWs(chunks: Uint8Array[]): number {
  const receiver = new Receiver({ isServer: true, maxPayload: 1 << 30, binaryType: 'nodebuffer' });
  let messages = 0;
  receiver.on('message', () => messages++);
  receiver.on('error', (err: Error) => {
    throw err;
  });
  for (const c of chunks) receiver.write(c);
  return messages;
}

function time(fn: () => number, expected: number): number {
  const start = process.hrtime.bigint();
  const n = fn();
  const ns = Number(process.hrtime.bigint() - start);
  if (n !== expected) throw new Error(`parsed ${n} messages, expected ${expected}`);
  return ns;
}

/** Runs the comparison for small and large frames and prints MB/s and the ratio. */
export async function run(): Promise<void> {
  for (const [label, size] of [
    ['64 B frames', 64],
    ['64 KiB frames', 64 * 1024],
  ] as const) {
    const { chunks, frames, bytes } = buildStream(size);
    // ws unmasks in place: give each side its own copy of the stream.
    const wsChunks = chunks.map((c) => Buffer.from(c));
    // Warm up both (JIT), then alternate timed rounds and keep the best of each.
    time(() => runOurs(chunks), frames);
    time(() => runWs(wsChunks), frames);
    let ours = Infinity;
    let theirs = Infinity;
    for (let i = 0; i < ROUNDS; i++) {
      ours = Math.min(
        ours,
        time(() => runOurs(chunks), frames),
      );
      theirs = Math.min(
        theirs,
        time(() => runWs(wsChunks), frames),
      );
      await new Promise((r) => setTimeout(r, 0));
    }
    const mbps = (ns: number) => bytes / 1e6 / (ns / 1e9);
    console.log(
      `${label.padEnd(14)} ${frames} frames, ${(bytes / 1e6).toFixed(1)} MB: ` +
        `ours ${mbps(ours).toFixed(0)} MB/s, ws Receiver ${mbps(theirs).toFixed(0)} MB/s, ` +
        `ratio ${(theirs / ours).toFixed(2)}`,
    );
  }
}
