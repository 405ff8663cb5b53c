/**
 * The steps of the 101 lab: each is a prepared request (sent exactly, through the probe) and
 * what its capture must show. Expected finding ids are lint rule ids (see `/rules`).
 */

export interface LabExpectation {
  /** The final status the capture must show. */
  status?: number;
  /** A status the capture must NOT show (e.g. not 101 when the upgrade must be ignored). */
  statusNot?: number;
  /** Rule ids that must appear among the capture's findings. */
  findings: readonly string[];
  /** When true, no finding of severity `error` may appear. */
  noErrors?: boolean;
}

export interface LabStep {
  id: string;
  title: string;
  /** What to do and why, in a sentence or two. */
  goal: string;
  /** The RFC text this step demonstrates, e.g. `RFC 6455 §4.2.1`. */
  cite: { label: string; url: string };
  /** Request-target on this server, e.g. `/ws/echo`. */
  path: string;
  /** Request-line version, e.g. `HTTP/1.1`. */
  version: string;
  /** Header lines after Host, in order. */
  headers: readonly (readonly [string, string])[];
  expect: LabExpectation;
}

// RFC 6455 §1.3's sample nonce: a valid 16-byte base64 key.
const key = 'dGhlIHNhbXBsZSBub25jZQ==';

/** The lab, in order: make a 101, then break it the common ways. */
export const labSteps: readonly LabStep[] = [
  {
    id: 'make-101',
    title: 'Make a 101',
    goal: 'Send a correct WebSocket opening handshake to the echo endpoint. The server answers 101 Switching Protocols with the matching Sec-WebSocket-Accept, and the connection now speaks WebSocket.',
    cite: { label: 'RFC 6455 §4.1', url: 'https://www.rfc-editor.org/rfc/rfc6455#section-4.1' },
    path: '/ws/echo',
    version: 'HTTP/1.1',
    headers: [
      ['Upgrade', 'websocket'],
      ['Connection', 'Upgrade'],
      ['Sec-WebSocket-Key', key],
      ['Sec-WebSocket-Version', '13'],
    ],
    expect: { status: 101, findings: [], noErrors: true },
  },
  {
    id: 'missing-connection',
    title: 'Forget Connection: Upgrade',
    goal: 'The same handshake without the Connection field. A WebSocket handshake must list "upgrade" in Connection (the sender of Upgrade must, RFC 9110 §7.8), so the server refuses to switch.',
    cite: {
      label: 'RFC 6455 §4.2.1',
      url: 'https://www.rfc-editor.org/rfc/rfc6455#section-4.2.1',
    },
    path: '/api/status/101',
    version: 'HTTP/1.1',
    headers: [
      ['Upgrade', 'websocket'],
      ['Sec-WebSocket-Key', key],
      ['Sec-WebSocket-Version', '13'],
    ],
    expect: { statusNot: 101, findings: ['ws-handshake/connection-missing-upgrade'] },
  },
  {
    id: 'wrong-version',
    title: 'Ask for the wrong WebSocket version',
    goal: 'Send Sec-WebSocket-Version: 12. A server that speaks only version 13 answers 426 Upgrade Required and lists the versions it supports.',
    // §4.2.2 names 426 for a version the server does not speak; §4.4 makes it list its versions.
    cite: {
      label: 'RFC 6455 §4.2.2, §4.4',
      url: 'https://www.rfc-editor.org/rfc/rfc6455#section-4.2.2',
    },
    path: '/api/status/101',
    version: 'HTTP/1.1',
    headers: [
      ['Upgrade', 'websocket'],
      ['Connection', 'Upgrade'],
      ['Sec-WebSocket-Key', key],
      ['Sec-WebSocket-Version', '12'],
    ],
    expect: { status: 426, findings: ['ws-handshake/version-not-13'] },
  },
  {
    id: 'short-key',
    title: 'Send a short key',
    goal: 'Sec-WebSocket-Key must be 16 random bytes, base64-encoded (24 characters). "c2hvcnQ=" decodes to 5 bytes, so the server answers 400 Bad Request.',
    cite: {
      label: 'RFC 6455 §4.2.1',
      url: 'https://www.rfc-editor.org/rfc/rfc6455#section-4.2.1',
    },
    path: '/api/status/101',
    version: 'HTTP/1.1',
    headers: [
      ['Upgrade', 'websocket'],
      ['Connection', 'Upgrade'],
      ['Sec-WebSocket-Key', 'c2hvcnQ='],
      ['Sec-WebSocket-Version', '13'],
    ],
    expect: { status: 400, findings: ['ws-handshake/invalid-key'] },
  },
  {
    id: 'http-1-0',
    title: 'Upgrade over HTTP/1.0',
    goal: 'A server must ignore Upgrade in an HTTP/1.0 request, and the WebSocket handshake needs HTTP/1.1 or later: no 101 comes back.',
    cite: { label: 'RFC 9110 §7.8', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-7.8' },
    path: '/api/status/101',
    version: 'HTTP/1.0',
    headers: [
      ['Upgrade', 'websocket'],
      ['Connection', 'Upgrade'],
      ['Sec-WebSocket-Key', key],
      ['Sec-WebSocket-Version', '13'],
    ],
    expect: { statusNot: 101, findings: ['ws-handshake/http-version'] },
  },
  {
    id: 'proxy-200',
    title: "Meet a proxy's 200",
    goal: 'A correct handshake to an endpoint that behaves like a misconfigured proxy: it answers 200 OK instead of 101. Only a 101 opens a WebSocket: the client handles any other status as plain HTTP, and the WebSocket connection fails.',
    cite: { label: 'RFC 6455 §4.1', url: 'https://www.rfc-editor.org/rfc/rfc6455#section-4.1' },
    path: '/ws/faulty/status-200',
    version: 'HTTP/1.1',
    headers: [
      ['Upgrade', 'websocket'],
      ['Connection', 'Upgrade'],
      ['Sec-WebSocket-Key', key],
      ['Sec-WebSocket-Version', '13'],
    ],
    expect: { status: 200, findings: ['upgrade/200-to-upgrade-request'] },
  },
];
