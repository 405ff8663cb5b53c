/**
 * What each fault writes, built with the protocol core's byte-exact writers: the response head
 * (`serializeResponseHead`, any status and any fields) and the frames (`writeFrame` with
 * `allowInvalid: true`). Pure: bytes out, no socket.
 */
import {
  Opcode,
  encodeClosePayload,
  encodeUtf8,
  serializeResponseHead,
  writeFrame,
  type FrameSpec,
} from '@switchyard/protocol';

/** What a fault's server does after reading a valid handshake. */
export interface FaultPlan {
  /** Wait this long before writing anything (slow-handshake), ms. */
  delayMs: number;
  /** The response head, byte for byte. */
  head: Uint8Array;
  /** Content after a non-101 head (the connection ends after it). */
  body?: Uint8Array;
  /** Frames written right after a 101. */
  frames: Uint8Array[];
  /** Answer Pings with Pongs (RFC 6455 §5.5.2); false for no-pong. */
  answerPing: boolean;
  /** Answer the client's Close and end the connection (§5.5.1); false for no-close-reply. */
  answerClose: boolean;
}

export interface PlanInput {
  /** The correct Sec-WebSocket-Accept for the request's key (§4.2.2 item 5.4). */
  accept: string;
  /** Extra fields for the head (the capture's share link). */
  extraHeaders: [string, string][];
  /** Delay of slow-handshake, already bounded, ms. */
  slowMs: number;
}

/** A server frame, deliberately invalid when the spec says so. */
export function serverFrame(spec: FrameSpec): Uint8Array {
  const written = writeFrame(spec, { role: 'server', allowInvalid: true });
  if (!written.ok) throw new Error(`unwritable frame: ${written.findings[0]?.message ?? ''}`);
  return written.bytes;
}

function head101(fields: [string, string][], extra: [string, string][]): Uint8Array {
  return serializeResponseHead({
    status: 101,
    reason: 'Switching Protocols',
    headers: [...fields, ...extra],
  });
}

const text = (s: string) => encodeUtf8(s);

/** The plan of a fault id (known ids only; see catalog.ts). */
export function planFor(id: string, input: PlanInput): FaultPlan | undefined {
  const { accept, extraHeaders } = input;
  const valid: [string, string][] = [
    ['Upgrade', 'websocket'],
    ['Connection', 'Upgrade'],
    ['Sec-WebSocket-Accept', accept],
  ];
  const plan = (over: Partial<FaultPlan>): FaultPlan => ({
    delayMs: 0,
    head: head101(valid, extraHeaders),
    frames: [],
    answerPing: true,
    answerClose: true,
    ...over,
  });
  const without = (name: string) => valid.filter(([n]) => n !== name);
  switch (id) {
    case 'bad-accept': {
      // The accept of another key: well-formed base64 of 20 bytes, but wrong (§4.1 item 4).
      const wrong = accept.startsWith('A') ? `B${accept.slice(1)}` : `A${accept.slice(1)}`;
      return plan({
        head: head101(
          [...without('Sec-WebSocket-Accept'), ['Sec-WebSocket-Accept', wrong]],
          extraHeaders,
        ),
      });
    }
    case 'no-upgrade-header':
      return plan({ head: head101(without('Upgrade'), extraHeaders) });
    case 'no-connection-header':
      return plan({ head: head101(without('Connection'), extraHeaders) });
    case 'status-200': {
      const body = text('<!doctype html><title>Welcome</title><p>Hello from a proxy.</p>\n');
      return plan({
        head: serializeResponseHead({
          status: 200,
          reason: 'OK',
          headers: [
            ['Content-Type', 'text/html; charset=utf-8'],
            ['Content-Length', String(body.length)],
            ['Connection', 'close'],
            ...extraHeaders,
          ],
        }),
        body,
      });
    }
    case 'unoffered-subprotocol':
      return plan({
        head: head101([...valid, ['Sec-WebSocket-Protocol', 'x-never-offered']], extraHeaders),
      });
    case 'unoffered-extension':
      return plan({
        head: head101([...valid, ['Sec-WebSocket-Extensions', 'x-never-offered']], extraHeaders),
      });
    case 'slow-handshake':
      return plan({
        delayMs: input.slowMs,
        frames: [
          serverFrame({
            opcode: Opcode.Close,
            payload: encodeClosePayload(1000, 'slow handshake done'),
          }),
        ],
      });
    case 'masked-server-frame':
      // §5.1: "A server MUST NOT mask any frames that it sends to the client."
      return plan({
        frames: [
          serverFrame({
            opcode: Opcode.Text,
            payload: text('masked'),
            mask: new Uint8Array([0x37, 0xfa, 0x21, 0x3d]),
          }),
        ],
      });
    case 'invalid-utf8':
      // §8.1: 0xC3 0x28 is a two-byte lead followed by a non-continuation byte.
      return plan({
        frames: [serverFrame({ opcode: Opcode.Text, payload: new Uint8Array([0xc3, 0x28]) })],
      });
    case 'reserved-opcode':
      return plan({ frames: [serverFrame({ opcode: 0x3, payload: text('reserved') })] });
    case 'rsv-bits':
      return plan({
        frames: [serverFrame({ opcode: Opcode.Text, rsv2: true, payload: text('rsv2') })],
      });
    case 'oversized-control-frame':
      return plan({
        frames: [serverFrame({ opcode: Opcode.Ping, payload: new Uint8Array(126).fill(0x61) })],
      });
    case 'fragmented-control-frame':
      return plan({
        frames: [serverFrame({ opcode: Opcode.Ping, fin: false, payload: text('frag') })],
      });
    case 'close-1005-on-wire':
      // §7.4.1: 1005 "MUST NOT be set as a status code in a Close control frame".
      return plan({
        frames: [serverFrame({ opcode: Opcode.Close, payload: encodeClosePayload(1005, '') })],
      });
    case 'no-close-reply':
      return plan({ answerClose: false });
    case 'no-pong':
      return plan({ answerPing: false });
    default:
      return undefined;
  }
}
