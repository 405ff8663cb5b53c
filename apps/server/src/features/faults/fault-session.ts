/**
 * Runs one fault on a socket taken over from the upgrade event: writes the plan's bytes, then
 * behaves as a minimal server (the protocol core's strict frame parser on what the client
 * sends): answers Pings and the client's Close unless the fault says otherwise, and ends the
 * connection after a bounded hold time whatever the client does.
 */
import type { Duplex } from 'node:stream';
import {
  FrameParser,
  Opcode,
  encodeClosePayload,
  isValidWireCloseCode,
  type ParseEvent,
} from '@switchyard/protocol';
import type { FaultPlan } from './plans.js';
import { serverFrame } from './plans.js';

export interface FaultSessionOptions {
  /** Longest time the connection is kept, ms, after which it is destroyed. */
  holdMs: number;
  /** Called once the socket is ready for an observer's 'data' listener (the capture tap). */
  onReading?: () => void;
}

/** Plays `plan` on `socket` (and `head`, bytes that came with the request). */
export function runFault(
  socket: Duplex,
  head: Buffer,
  plan: FaultPlan,
  options: FaultSessionOptions,
) {
  let closed = false;
  const hold = setTimeout(() => socket.destroy(), options.holdMs + plan.delayMs);
  let delay: NodeJS.Timeout | undefined;
  socket.on('error', () => socket.destroy());
  socket.once('close', () => {
    closed = true;
    clearTimeout(hold);
    if (delay) clearTimeout(delay);
  });

  const parser = new FrameParser({ direction: 'client-to-server' });
  let closeSent = false;
  const onEvents = (events: ParseEvent[]) => {
    for (const event of events) {
      if (event.type === 'error') {
        // §7.1.7: fail the connection with the close code the violation calls for.
        if (!closeSent) socket.write(closeFrame(event.finding.closeCode ?? 1002));
        closeSent = true;
        socket.end();
        return;
      }
      if (event.type !== 'frame') continue;
      const frame = event.frame;
      if (frame.opcode === Opcode.Ping && plan.answerPing) {
        // §5.5.3: a Pong carries the Ping's application data.
        socket.write(serverFrame({ opcode: Opcode.Pong, payload: frame.payload }));
      } else if (frame.opcode === Opcode.Close && plan.answerClose) {
        // §5.5.1: answer a Close with a Close (echoing its code), then close TCP.
        if (!closeSent) {
          const code = frame.close?.code;
          socket.write(
            closeFrame(code !== undefined && isValidWireCloseCode(code) ? code : undefined),
          );
        }
        closeSent = true;
        socket.end();
        return;
      }
    }
  };

  const start = () => {
    if (closed) return;
    socket.write(plan.head);
    if (plan.body) {
      socket.end(plan.body);
      return;
    }
    for (const frame of plan.frames) socket.write(frame);
    if (plan.frames.some((f) => ((f[0] ?? 0) & 0x0f) === Opcode.Close)) closeSent = true;
    socket.on('data', (chunk: Buffer) => onEvents(parser.push(chunk)));
    options.onReading?.();
    if (head.length > 0) onEvents(parser.push(head));
  };
  if (plan.delayMs > 0) delay = setTimeout(start, plan.delayMs);
  else start();
}

function closeFrame(code: number | undefined): Uint8Array {
  return serverFrame({ opcode: Opcode.Close, payload: encodeClosePayload(code) });
}
