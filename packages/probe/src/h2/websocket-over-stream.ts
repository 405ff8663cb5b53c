/**
 * The WebSocket client on one HTTP/2 stream (RFC 8441 §5: the stream stands in for the TCP
 * connection of RFC 6455): frames written with protocol's frame writer and masked with a fresh
 * key each (RFC 6455 §5.1, §5.3: clients still mask), sent as DATA; every frame both ways
 * dissected from the bytes, as the HTTP/1.1 engine does.
 */
import type { DissectorEvent, FrameRecord } from '@switchyard/protocol';
import {
  Dissector,
  Opcode,
  decodeUtf8,
  encodeClosePayload,
  encodeUtf8,
  writeFrame,
} from '@switchyard/protocol';
import type { CloseInfo, FrameJson } from '@switchyard/exchange';
import { frameToJson } from '@switchyard/exchange';
import type { H2ClientConnection } from './h2-client-connection.js';

/** The WebSocket client on one stream: masked frames out, every frame dissected both ways. */
export class WebSocketOverStream {
  readonly frames: FrameJson[] = [];
  receivedText: string | undefined;
  serverClose: { code?: number; reason?: string; time: number } | undefined;
  private clientClose: { code?: number; reason?: string; time: number } | undefined;
  private readonly dissector = new Dissector();

  constructor(
    private readonly conn: H2ClientConnection,
    private readonly streamId: number,
    private readonly clock: { now: () => number; random: (n: number) => Uint8Array },
  ) {}

  sendText(text: string): void {
    this.send(Opcode.Text, encodeUtf8(text));
  }

  sendClose(code: number): void {
    this.send(Opcode.Close, encodeClosePayload(code));
  }

  /** DATA payload from the server: WebSocket frames, unmasked (RFC 6455 §5.1). */
  receive(data: Uint8Array): void {
    this.record(this.dissector.push('server-to-client', data, this.clock.now()));
  }

  /** How the WebSocket closed (RFC 6455 §7.1.5), once any Close frame was seen. */
  closeInfo(time: number): CloseInfo | undefined {
    const sent = this.clientClose;
    const got = this.serverClose;
    if (sent === undefined && got === undefined) return undefined;
    const info: CloseInfo = {
      initiator:
        got === undefined || (sent !== undefined && sent.time <= got.time) ? 'client' : 'server',
      code: got === undefined ? 1006 : (got.code ?? 1005),
      reason: got?.reason ?? '',
      clean: sent !== undefined && got !== undefined,
      time,
    };
    if (sent !== undefined) info.client = pickClose(sent);
    if (got !== undefined) info.server = pickClose(got);
    return info;
  }

  private send(opcode: number, payload: Uint8Array): void {
    // RFC 6455 §5.3: a fresh, unpredictable masking key per frame.
    const written = writeFrame({ opcode, payload, mask: this.clock.random(4) }, { role: 'client' });
    if (!written.ok) throw new Error(written.findings[0]?.message ?? 'frame not writable');
    this.conn.sendData(this.streamId, written.bytes);
    this.record(this.dissector.push('client-to-server', written.bytes, this.clock.now()));
  }

  private record(events: DissectorEvent[]): void {
    for (const event of events) {
      if (event.type === 'frame') this.onFrame(event.frame);
      else if (event.direction === 'server-to-client' && event.opcode === Opcode.Text) {
        this.receivedText ??= decodeUtf8(event.data);
      }
    }
    this.conn.settle();
  }

  private onFrame(frame: FrameRecord): void {
    this.frames.push(frameToJson(frame));
    if (frame.opcode !== Opcode.Close) return;
    const entry = { ...(frame.close ?? {}), time: frame.time };
    if (frame.direction === 'client-to-server') this.clientClose ??= entry;
    else this.serverClose ??= entry;
  }
}

function pickClose(c: { code?: number; reason?: string }): { code?: number; reason?: string } {
  const out: { code?: number; reason?: string } = {};
  if (c.code !== undefined) out.code = c.code;
  if (c.reason !== undefined) out.reason = c.reason;
  return out;
}
