/**
 * The faulty servers, documented as data (issue 4, "Faulty servers"): what each one does on
 * the wire, what a correct client must do, the RFC section that says so, and what the two
 * independent clients this project tests against (`ws`, python-websockets) report.
 */

export interface FaultDoc {
  /** Stable id, the `{fault}` of `/ws/faulty/{fault}`. */
  id: string;
  title: string;
  /** What the server does. */
  behaviour: string;
  /** What a correct client must do. */
  clientMust: string;
  cite: { rfc: string; section: string };
  /** Phase the fault is in: the opening handshake or the frames after it. */
  phase: 'handshake' | 'frames' | 'closing';
  /** WebSocket close code a client fails the connection with, when frames are involved. */
  closeCode?: number;
}

const rfc6455 = (section: string) => ({ rfc: 'RFC 6455', section });

export const FAULTS: readonly FaultDoc[] = [
  {
    id: 'bad-accept',
    title: 'Wrong Sec-WebSocket-Accept',
    behaviour:
      '101 whose Sec-WebSocket-Accept is not base64(SHA-1(key + GUID)) of the request key.',
    clientMust:
      'Fail the WebSocket connection: the accept value does not prove the server read the key.',
    cite: rfc6455('4.1'),
    phase: 'handshake',
  },
  {
    id: 'no-upgrade-header',
    title: '101 without Upgrade',
    behaviour: '101 Switching Protocols with no Upgrade field (RFC 9110 §15.2.2 requires one).',
    clientMust: 'Fail the connection: the 101 must carry Upgrade: websocket.',
    cite: rfc6455('4.1'),
    phase: 'handshake',
  },
  {
    id: 'no-connection-header',
    title: '101 without Connection: Upgrade',
    behaviour: '101 with Upgrade: websocket but no Connection field.',
    clientMust: 'Fail the connection: the 101 must carry Connection: Upgrade.',
    cite: rfc6455('4.1'),
    phase: 'handshake',
  },
  {
    id: 'status-200',
    title: 'A 200 instead of the 101',
    behaviour: 'HTTP/1.1 200 OK with an HTML body, as a proxy or a misrouted server answers.',
    clientMust: 'Treat any status other than 101 as a failed handshake.',
    cite: rfc6455('4.1'),
    phase: 'handshake',
  },
  {
    id: 'unoffered-subprotocol',
    title: 'A subprotocol the client did not offer',
    behaviour: '101 with Sec-WebSocket-Protocol: x-never-offered.',
    clientMust: 'Fail the connection: the server may only choose one of the offered subprotocols.',
    cite: rfc6455('4.1'),
    phase: 'handshake',
  },
  {
    id: 'unoffered-extension',
    title: 'An extension the client did not offer',
    behaviour: '101 with Sec-WebSocket-Extensions: x-never-offered.',
    clientMust:
      'Fail the connection: an extension not requested by the client is a protocol error.',
    cite: rfc6455('4.1'),
    phase: 'handshake',
  },
  {
    id: 'slow-handshake',
    title: 'Slow 101',
    behaviour:
      'Waits before the 101 (default the configured FAULT_SLOW_MS, or ?delay=ms up to it), then completes the handshake and closes with 1000.',
    clientMust: 'Bound the opening handshake with a timeout and give up when it passes.',
    cite: rfc6455('4.1'),
    phase: 'handshake',
  },
  {
    id: 'masked-server-frame',
    title: 'A masked frame from the server',
    behaviour: 'After a valid 101, sends a text frame with the MASK bit set.',
    clientMust: 'Close the connection on a masked frame from the server (close code 1002).',
    cite: rfc6455('5.1'),
    phase: 'frames',
    closeCode: 1002,
  },
  {
    id: 'invalid-utf8',
    title: 'A text message that is not UTF-8',
    behaviour: 'After a valid 101, sends a text frame with the bytes 0xC3 0x28 (invalid UTF-8).',
    clientMust: 'Fail the connection with 1007 (RFC 6455 §8.1).',
    cite: rfc6455('8.1'),
    phase: 'frames',
    closeCode: 1007,
  },
  {
    id: 'reserved-opcode',
    title: 'A reserved opcode',
    behaviour: 'After a valid 101, sends a frame with opcode 0x3 (reserved for data frames).',
    clientMust: 'Fail the connection with 1002 on an unknown opcode.',
    cite: rfc6455('5.2'),
    phase: 'frames',
    closeCode: 1002,
  },
  {
    id: 'rsv-bits',
    title: 'RSV bits without an extension',
    behaviour: 'After a valid 101 that negotiated no extension, sends a text frame with RSV2 set.',
    clientMust: 'Fail the connection with 1002: RSV bits are 0 unless an extension defines them.',
    cite: rfc6455('5.2'),
    phase: 'frames',
    closeCode: 1002,
  },
  {
    id: 'oversized-control-frame',
    title: 'A control frame over 125 bytes',
    behaviour: 'After a valid 101, sends a Ping with a 126-byte payload.',
    clientMust: 'Fail the connection with 1002: control frames carry at most 125 bytes.',
    cite: rfc6455('5.5'),
    phase: 'frames',
    closeCode: 1002,
  },
  {
    id: 'fragmented-control-frame',
    title: 'A fragmented control frame',
    behaviour: 'After a valid 101, sends a Ping with FIN clear.',
    clientMust: 'Fail the connection with 1002: control frames must not be fragmented.',
    cite: rfc6455('5.5'),
    phase: 'frames',
    closeCode: 1002,
  },
  {
    id: 'close-1005-on-wire',
    title: 'Close code 1005 on the wire',
    behaviour: 'After a valid 101, sends a Close frame carrying status code 1005.',
    clientMust:
      'Fail the connection with 1002: 1005 is reserved for "no status code was present" and must not be sent (RFC 6455 §7.4.1).',
    cite: rfc6455('7.4.1'),
    phase: 'closing',
    closeCode: 1002,
  },
  {
    id: 'no-close-reply',
    title: 'No answer to a Close',
    behaviour:
      'After a valid 101, never answers the client\u2019s Close frame; drops the TCP connection after the hold time (?hold=ms), or as soon as the client closes it.',
    clientMust:
      'Not wait forever: close the TCP connection itself after a timeout; the connection close is then abnormal (1006).',
    cite: rfc6455('7.1.1'),
    phase: 'closing',
    closeCode: 1006,
  },
  {
    id: 'no-pong',
    title: 'No Pong to a Ping',
    behaviour: 'After a valid 101, ignores Ping frames (a server must answer each with a Pong).',
    clientMust:
      'Not assume the peer is alive: a client that pings for liveness closes the connection when no Pong arrives in time.',
    cite: rfc6455('5.5.2'),
    phase: 'frames',
  },
];

/** A fault by id. */
export function faultById(id: string): FaultDoc | undefined {
  return FAULTS.find((f) => f.id === id);
}
