/**
 * Records the WebSocket frames of an RFC 8441 stream: the DATA of the stream carries the
 * WebSocket frames unchanged (RFC 8441 §5), so the bytes read from and written to the stream go
 * through the protocol core's frame parser (lenient: violations are recorded, parsing goes on),
 * one per direction sharing one sequence. At the end it works out how the connection closed
 * (RFC 6455 §7.1.4-§7.1.5).
 */
import type { Duplex } from 'node:stream';
import { FrameParser, Opcode, type FrameRecord, type ParseEvent } from '@switchyard/protocol';
import type { ExchangeCapture } from '../../plugins/capture.js';

type CloseFrame = { code?: number; reason?: string };

/** Taps `stream` for `capture` until it closes; the capture is finished then. */
export function tapWebSocketStream(stream: Duplex, capture: ExchangeCapture): void {
  let seq = 0;
  let order = 0;
  let clientClose: { frame: CloseFrame; order: number } | undefined;
  let serverClose: { frame: CloseFrame; order: number } | undefined;
  const parser = (direction: 'client-to-server' | 'server-to-client') =>
    new FrameParser({
      direction,
      stopOnError: false,
      nextSeq: () => seq++,
      // Bytes past the capture's caps are not copied or unmasked (text is still checked).
      payloadLimit: () => capture.payloadBudget(),
    });
  const inbound = parser('client-to-server');
  const outbound = parser('server-to-client');
  const onFrame = (frame: FrameRecord) => {
    if (frame.opcode === Opcode.Close) {
      const entry = { frame: frame.close ?? {}, order: order++ };
      if (frame.direction === 'client-to-server') clientClose ??= entry;
      else serverClose ??= entry;
    }
    capture.frame(frame);
  };
  const emit = (events: ParseEvent[]) => {
    for (const event of events) if (event.type === 'frame') onFrame(event.frame);
  };
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (chunk instanceof Uint8Array) emit(outbound.push(chunk));
    else if (typeof chunk === 'string') emit(outbound.push(Buffer.from(chunk, 'latin1')));
    return write(chunk, ...rest);
  }) as Duplex['write'];
  stream.prependListener('data', (chunk: Buffer) => emit(inbound.push(chunk)));
  stream.once('close', () => {
    inbound.end();
    outbound.end();
    const c = clientClose;
    const s = serverClose;
    const first = c && (!s || c.order < s.order) ? 'client' : s ? 'server' : 'transport';
    const received = first === 'client' ? c : first === 'server' ? s : undefined;
    capture.close({
      initiator: first,
      // RFC 6455 §7.1.5: the code of the first Close frame; 1005 without one in it, 1006 when
      // the stream ended without any.
      code: received ? (received.frame.code ?? 1005) : 1006,
      reason: received?.frame.reason ?? '',
      clean: c !== undefined && s !== undefined,
      ...(c ? { client: c.frame } : {}),
      ...(s ? { server: s.frame } : {}),
    });
    capture.finish();
  });
}
