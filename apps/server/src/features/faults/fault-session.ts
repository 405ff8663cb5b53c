/**
 * Runs one fault on a socket taken over from the upgrade event: writes the plan's bytes, then
 * behaves as a minimal server (the protocol core's strict frame parser on what the client
 * sends): answers Pings and the client's Close unless the fault says otherwise, and ends the
 * connection after a bounded hold time, or as soon as the client ends or drops the TCP
 * connection, whatever the fault (nothing more can be exchanged then).
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

/** Bytes a client may send before the (delayed) 101 that are kept for the parser. */
const EARLY_BYTES_MAX = 64 * 1024;

export interface FaultSessionOptions {
  /** Longest time the connection is kept, ms, after which it is destroyed. */
  holdMs: number;
  /** Called once the socket is ready for an observer's 'data' listener (the capture tap). */
  onReading?: () => void;
  /**
   * Called when the client ended its side of the TCP connection (FIN) before the server ended
   * its own; the session then ends the server's side at once instead of holding.
   */
  onClientEnd?: () => void;
}

/** Plays `plan` on `socket` (and `head`, bytes that came with the request). */
export function runFault(
  socket: Duplex,
  head: Buffer,
  plan: FaultPlan,
  options: FaultSessionOptions,
) {
  let closed = false;
  /** The client ended its side (FIN): no fault is played or held after that. */
  let clientEnded = false;
  /** The server ended (or began ending) its side. */
  let serverEnding = false;
  const hold = setTimeout(() => socket.destroy(), options.holdMs + plan.delayMs);
  let delay: NodeJS.Timeout | undefined;
  const endServerSide = () => {
    serverEnding = true;
    socket.end();
  };
  socket.on('error', () => socket.destroy());
  socket.once('close', () => {
    closed = true;
    clearTimeout(hold);
    if (delay) clearTimeout(delay);
  });
  // The upgraded socket is half-open capable (node:http servers allow half-open sockets), so a
  // client's FIN alone would leave the connection up until the hold expired, and the capture
  // would date the end (and the close) seconds late. The client has closed the TCP connection
  // (RFC 6455 §7.1.1: the client closes it after the server, or after a timeout when the
  // server does not; §7.1.7: when it fails the connection): nothing more can be received, so
  // the server closes its side now and the close is recorded as it happened (clean only if
  // both Close frames were exchanged, §7.1.4; 1006 when no Close frame came, §7.1.5). A
  // Close *frame* from the client does not end the hold: whether it is answered is the
  // fault's (no-close-reply answers none).
  socket.once('end', () => {
    clientEnded = true;
    if (delay) clearTimeout(delay);
    if (closed || serverEnding) return;
    options.onClientEnd?.();
    endServerSide();
  });

  const parser = new FrameParser({ direction: 'client-to-server' });
  let closeSent = false;
  const onEvents = (events: ParseEvent[]) => {
    // Once the server's side is ending, nothing more is written (§5.5.1: no data after Close).
    if (serverEnding) return;
    for (const event of events) {
      if (event.type === 'error') {
        // §7.1.7: fail the connection with the close code the violation calls for.
        if (!closeSent) socket.write(closeFrame(event.finding.closeCode ?? 1002));
        closeSent = true;
        endServerSide();
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
        endServerSide();
        return;
      }
    }
  };

  // While a slow fault waits, the socket is read too (or a client's FIN would go unseen until
  // the hold expired); bytes a client sends before the 101 (RFC 6455 §4.1: it must wait for
  // the response first) are kept, bounded, for the parser.
  const early: Buffer[] = [];
  let earlyBytes = 0;
  const onEarly = (chunk: Buffer) => {
    earlyBytes += chunk.length;
    if (earlyBytes > EARLY_BYTES_MAX) socket.destroy();
    else early.push(chunk);
  };

  const start = () => {
    delay = undefined;
    socket.removeListener('data', onEarly);
    if (closed || clientEnded) return;
    socket.write(plan.head);
    if (plan.body) {
      serverEnding = true;
      socket.end(plan.body);
      // Read (and discard) what follows, so the client's FIN is seen and the socket closes.
      socket.resume();
      return;
    }
    for (const frame of plan.frames) socket.write(frame);
    if (plan.frames.some((f) => ((f[0] ?? 0) & 0x0f) === Opcode.Close)) closeSent = true;
    socket.on('data', (chunk: Buffer) => onEvents(parser.push(chunk)));
    options.onReading?.();
    if (head.length > 0) onEvents(parser.push(head));
    for (const chunk of early.splice(0)) onEvents(parser.push(chunk));
  };
  if (plan.delayMs > 0) {
    socket.on('data', onEarly);
    delay = setTimeout(start, plan.delayMs);
  } else start();
}

function closeFrame(code: number | undefined): Uint8Array {
  return serverFrame({ opcode: Opcode.Close, payload: encodeClosePayload(code) });
}
