/**
 * What differs between the three ways to reach the echo, worked out from the records (not
 * typed in): one row per aspect, one value per path, and the RFC sections that decide it.
 */
import type { HeaderList } from '@switchyard/exchange';
import type { EchoPath, EchoPathKey, EchoPathStream } from './echo-paths-api.js';

/** An RFC section and its link. */
export interface RfcCite {
  label: string;
  url: string;
}

/** One row of the comparison table. */
export interface CompareRow {
  id: string;
  aspect: string;
  /** One value per path, in {@link PATH_ORDER}. */
  values: string[];
  cites: RfcCite[];
}

/** The order of the columns. */
export const PATH_ORDER: readonly EchoPathKey[] = [
  'http1-upgrade',
  'h2c-upgrade',
  'h2-prior-knowledge',
];

/** `RFC 8441 §5` linked to its section on rfc-editor.org. */
export function rfc(num: number, section: string): RfcCite {
  return {
    label: `RFC ${num} §${section}`,
    url: `https://www.rfc-editor.org/rfc/rfc${num}#section-${section}`,
  };
}

function values(headers: HeaderList | undefined, name: string): string[] {
  const lower = name.toLowerCase();
  return (headers ?? []).filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
}

function field(headers: HeaderList | undefined, name: string): string | undefined {
  const found = values(headers, name);
  return found.length > 0 ? found.join(', ') : undefined;
}

function connectStream(path: EchoPath | undefined): EchoPathStream | undefined {
  return path?.h2?.streams.find((s) => s.role === 'extended-connect');
}

const NOT_RUN = '(no record)';

function statusCell(path: EchoPath | undefined): string {
  if (path === undefined) return NOT_RUN;
  const parts: string[] = [];
  const head = path.http1?.response;
  if (head !== undefined) {
    const upgrade = field(head.headers, 'upgrade');
    parts.push(`${head.status} ${head.reason}${upgrade ? ` (Upgrade: ${upgrade})` : ''}`.trim());
  }
  const connect = connectStream(path);
  if (connect?.status !== undefined) {
    parts.push(`:status ${connect.status} on stream ${connect.id}`);
  }
  return parts.length > 0 ? parts.join(', then ') : 'no answer';
}

function upgradeFieldsCell(path: EchoPath | undefined): string {
  if (path === undefined) return NOT_RUN;
  const parts: string[] = [];
  const request = path.http1?.request.headers;
  if (request !== undefined) {
    parts.push(
      `HTTP/1.1 request: Upgrade: ${field(request, 'upgrade') ?? '(none)'}; Connection: ${field(request, 'connection') ?? '(none)'}`,
    );
  }
  const connect = connectStream(path);
  if (connect !== undefined) {
    const present = ['upgrade', 'connection'].filter(
      (n) => field(connect.request, n) !== undefined,
    );
    parts.push(
      present.length === 0
        ? 'HTTP/2 CONNECT: neither (connection-specific fields are malformed in HTTP/2)'
        : `HTTP/2 CONNECT: ${present.join(', ')} present`,
    );
  }
  return parts.join('. ') || 'none';
}

function keyAcceptCell(path: EchoPath | undefined): string {
  if (path === undefined) return NOT_RUN;
  const key =
    field(path.http1?.request.headers, 'sec-websocket-key') ??
    field(connectStream(path)?.request, 'sec-websocket-key');
  const accept =
    field(path.http1?.response?.headers, 'sec-websocket-accept') ??
    field(connectStream(path)?.response, 'sec-websocket-accept');
  if (key === undefined && accept === undefined)
    return 'neither: no Key is sent, no Accept comes back';
  return `Key ${key ?? '(not sent)'} → Accept ${accept ?? '(none)'}`;
}

function protocolCell(path: EchoPath | undefined): string {
  if (path === undefined) return NOT_RUN;
  const connect = connectStream(path);
  if (connect === undefined) return '— (HTTP/1.1 has no pseudo-header fields)';
  return `:protocol ${field(connect.request, ':protocol') ?? '(not sent)'}, :method ${field(connect.request, ':method') ?? '?'}`;
}

function settingCell(path: EchoPath | undefined): string {
  if (path === undefined) return NOT_RUN;
  if (path.h2 === undefined) return '— (no SETTINGS in HTTP/1.1)';
  const value = path.h2.enableConnectProtocol;
  return value === undefined ? 'not sent by the server' : `${value}, sent by the server`;
}

function startCell(key: EchoPathKey): string {
  switch (key) {
    case 'http1-upgrade':
      return 'no HTTP/2: HTTP/1.1 until the 101, then WebSocket on the same connection';
    case 'h2c-upgrade':
      return 'Upgrade: h2c with HTTP2-Settings, 101, then the client preface (deprecated way)';
    case 'h2-prior-knowledge':
      return 'the client preface as the first bytes (prior knowledge)';
  }
}

function maskingCell(path: EchoPath | undefined): string {
  if (path === undefined) return NOT_RUN;
  const frames = path.websocket.frames;
  const client = frames.filter((f) => f.direction === 'client-to-server');
  const server = frames.filter((f) => f.direction === 'server-to-client');
  const masked = (list: typeof frames) => list.filter((f) => f.masked).length;
  return `client frames masked: ${masked(client)} of ${client.length}; server frames masked: ${masked(server)} of ${server.length}`;
}

function carriedCell(path: EchoPath | undefined): string {
  if (path === undefined) return NOT_RUN;
  if (path.websocket.carriedIn === 'tcp') {
    return 'WebSocket frames straight on the TCP connection, after the 101';
  }
  const id = path.websocket.streamId;
  const data = (path.h2?.frames ?? []).filter((f) => f.typeName === 'DATA' && f.streamId === id);
  return `WebSocket frames inside ${data.length} DATA frames on stream ${id ?? '?'}`;
}

function closeCell(path: EchoPath | undefined): string {
  if (path === undefined) return NOT_RUN;
  const close = path.websocket.close;
  const frames = close
    ? `Close ${close.client?.code ?? '—'} → Close ${close.server?.code ?? '—'} (${close.clean ? 'clean' : 'not clean'})`
    : 'no Close frames';
  if (path.websocket.carriedIn === 'tcp') return `${frames}, then TCP closes`;
  const connect = connectStream(path);
  const ends = connect
    ? `END_STREAM ${connect.endSent ? 'sent' : 'not sent'} and ${connect.endReceived ? 'received' : 'not received'}`
    : 'no stream';
  return `${frames}, then ${ends}`;
}

/** The comparison rows for `paths` (looked up by key; a missing path shows "(no record)"). */
export function compareEchoPaths(paths: readonly EchoPath[]): CompareRow[] {
  const byKey = PATH_ORDER.map((key) => paths.find((p) => p.key === key));
  const row = (
    id: string,
    aspect: string,
    cell: (path: EchoPath | undefined, key: EchoPathKey) => string,
    cites: RfcCite[],
  ): CompareRow => ({
    id,
    aspect,
    values: byKey.map((p, i) => cell(p, PATH_ORDER[i]!)),
    cites,
  });
  return [
    row('status', 'Answer that opens the WebSocket', statusCell, [
      rfc(9110, '15.2.2'),
      rfc(8441, '5'),
    ]),
    row('upgrade-fields', 'Upgrade and Connection fields', upgradeFieldsCell, [
      rfc(9110, '7.8'),
      rfc(9113, '8.2.2'),
    ]),
    row('key-accept', 'Sec-WebSocket-Key / Sec-WebSocket-Accept', keyAcceptCell, [
      rfc(6455, '4.1'),
      rfc(6455, '4.2.2'),
      rfc(8441, '5'),
    ]),
    row(':protocol', ':protocol pseudo-header', protocolCell, [rfc(8441, '4')]),
    row('enable-connect', 'SETTINGS_ENABLE_CONNECT_PROTOCOL', settingCell, [rfc(8441, '3')]),
    row('http2-start', 'How HTTP/2 starts', (_p, key) => startCell(key), [
      rfc(7540, '3.2'),
      rfc(9113, '3.1'),
      rfc(9113, '3.3'),
    ]),
    row('masking', 'Masking', maskingCell, [rfc(6455, '5.1'), rfc(8441, '5')]),
    row('carried', "Where the echo's bytes travel", carriedCell, [
      rfc(6455, '5.2'),
      rfc(8441, '5'),
    ]),
    row('close', 'How it closes', closeCell, [rfc(6455, '7.1.1'), rfc(8441, '5')]),
  ];
}
