import { fieldsFrom, type ComposedRequest } from './request-model.js';
import { generateWebSocketKey } from './websocket-key.js';

/** A starting point for the composer: what it sends, what a correct server does with it, and why. */
export interface Preset {
  id: string;
  label: string;
  /** What a correct server answers, with the section that says so. */
  expect: string;
  build(context: PresetContext): ComposedRequest;
}

export interface PresetContext {
  /** The Host header value, e.g. `localhost:8080`. */
  host: string;
  /** Key generator (injected so tests are deterministic). */
  key: (byteLength?: number) => string;
}

const ECHO = '/ws/echo';

function websocketHeaders(context: PresetContext, key = context.key()): [string, string][] {
  // RFC 6455 §4.1: Host, Upgrade: websocket, Connection: Upgrade, a 16-byte key, version 13.
  return [
    ['Host', context.host],
    ['Upgrade', 'websocket'],
    ['Connection', 'Upgrade'],
    ['Sec-WebSocket-Key', key],
    ['Sec-WebSocket-Version', '13'],
  ];
}

function request(target: string, pairs: [string, string][], version = 'HTTP/1.1'): ComposedRequest {
  return { method: 'GET', target, version, headers: fieldsFrom(pairs), body: '' };
}

/** The presets issue 6 asks for, in menu order. */
export const presets: readonly Preset[] = [
  {
    id: 'websocket',
    label: 'WebSocket upgrade',
    expect: '101 Switching Protocols with Sec-WebSocket-Accept (RFC 6455 §4.2.2).',
    build: (context) => request(ECHO, websocketHeaders(context)),
  },
  {
    id: 'websocket-subprotocols-deflate',
    label: 'WebSocket with subprotocols and permessage-deflate',
    expect:
      '101 choosing at most one offered subprotocol (RFC 6455 §4.2.2) and accepting or declining the extension (RFC 7692 §5).',
    build: (context) =>
      request(ECHO, [
        ...websocketHeaders(context),
        ['Sec-WebSocket-Protocol', 'echo.v1, json.v1'],
        ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits'],
      ]),
  },
  {
    id: 'firefox',
    label: 'Firefox-style Connection: keep-alive, Upgrade',
    expect:
      '101: Connection is a token list and only has to contain "upgrade" (RFC 6455 §4.2.1, RFC 9110 §7.6.1).',
    build: (context) =>
      request(ECHO, [
        ['Host', context.host],
        ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0'],
        ['Accept', '*/*'],
        ['Accept-Language', 'en-US,en;q=0.5'],
        ['Accept-Encoding', 'gzip, deflate, br, zstd'],
        ['Sec-WebSocket-Version', '13'],
        ['Origin', `http://${context.host}`],
        ['Sec-WebSocket-Extensions', 'permessage-deflate'],
        ['Sec-WebSocket-Key', context.key()],
        ['Connection', 'keep-alive, Upgrade'],
        ['Sec-Fetch-Dest', 'empty'],
        ['Sec-Fetch-Mode', 'websocket'],
        ['Sec-Fetch-Site', 'same-origin'],
        ['Pragma', 'no-cache'],
        ['Cache-Control', 'no-cache'],
        ['Upgrade', 'websocket'],
      ]),
  },
  {
    id: 'h2c',
    label: 'h2c upgrade (deprecated)',
    expect:
      'A server that supports it answers 101 then speaks HTTP/2; RFC 9113 §3.1 deprecates this upgrade, so most answer without switching.',
    build: (context) =>
      request('/', [
        ['Host', context.host],
        // RFC 7540 §3.2.1: HTTP2-Settings is connection-specific, so it is named in Connection.
        ['Connection', 'Upgrade, HTTP2-Settings'],
        ['Upgrade', 'h2c'],
        // SETTINGS payload, base64url: MAX_CONCURRENT_STREAMS=100, INITIAL_WINDOW_SIZE=2^25, ENABLE_PUSH=0.
        ['HTTP2-Settings', 'AAMAAABkAAQCAAAAAAIAAAAA'],
      ]),
  },
  {
    id: 'http10-upgrade',
    label: 'HTTP/1.0 with Upgrade',
    expect:
      'No 101: a server MUST ignore Upgrade in an HTTP/1.0 request (RFC 9110 §7.8) and sends no 1xx to it (§15.2).',
    build: (context) => request(ECHO, websocketHeaders(context), 'HTTP/1.0'),
  },
  {
    id: 'wrong-version',
    label: 'Wrong Sec-WebSocket-Version',
    expect: '426 Upgrade Required with Sec-WebSocket-Version: 13 (RFC 6455 §4.2.2, §4.4).',
    build: (context) =>
      request(
        ECHO,
        websocketHeaders(context).map(([name, value]): [string, string] =>
          name === 'Sec-WebSocket-Version' ? [name, '8'] : [name, value],
        ),
      ),
  },
  {
    id: 'short-key',
    label: 'Short Sec-WebSocket-Key',
    expect: '400 Bad Request: the key must decode to 16 bytes (RFC 6455 §4.1, §4.2.1).',
    build: (context) => request(ECHO, websocketHeaders(context, context.key(8))),
  },
  {
    id: 'missing-connection',
    label: 'Missing Connection',
    expect: '400 Bad Request: Connection must contain "upgrade" (RFC 6455 §4.2.1, RFC 9110 §7.8).',
    build: (context) =>
      request(
        ECHO,
        websocketHeaders(context).filter(([name]) => name !== 'Connection'),
      ),
  },
];

/** The default context for the browser: this page's host and real random keys. */
export function browserPresetContext(): PresetContext {
  return {
    host: globalThis.location?.host || 'localhost:8080',
    key: (n) => generateWebSocketKey(n),
  };
}
