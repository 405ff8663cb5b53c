/**
 * Exchange → HAR 1.2. Standard fields carry what HAR viewers show (headers in wire order,
 * status, bodies, timings in ms); WebSocket data messages go in `_webSocketMessages` as Chrome
 * DevTools writes them; HTTP/2 frames in `_http2Frames`; everything else goes in the documented
 * `_switchyard*` fields (see
 * `har-types.ts`) so that `fromHar(toHar(x))` gives `x` back.
 */
import { base64Bytes } from './frame-json.js';
import { encodeBase64 } from './base64.js';
import type { BodyCapture, Exchange, FrameJson, HeaderList } from './exchange.js';
import type {
  Har,
  HarContent,
  HarEntry,
  HarNameValue,
  HarSwitchyardMeta,
  HarWebSocketMessage,
} from './har-types.js';

/** Options for {@link toHar}. */
export interface ToHarOptions {
  /** `log.creator.version`. Default `0.1.0`. */
  creatorVersion?: string;
}

const utf8 = new TextDecoder('utf-8');

function nameValues(headers: HeaderList): HarNameValue[] {
  return headers.map(([name, value]) => ({ name, value }));
}

function headerValue(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Query parameters of a request-target, decoded, in order (HAR `queryString`). */
export function queryString(target: string): HarNameValue[] {
  const q = target.indexOf('?');
  if (q < 0) return [];
  return target
    .slice(q + 1)
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0
        ? { name: decodeQueryPart(part), value: '' }
        : { name: decodeQueryPart(part.slice(0, eq)), value: decodeQueryPart(part.slice(eq + 1)) };
    });
}

/** The absolute URL HAR wants (RFC 9112 §3.3 reconstructs it from Host and the target). */
function absoluteUrl(exchange: Exchange): string {
  const target = exchange.request.target;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return target; // absolute-form already
  const scheme = exchange.kind === 'websocket' ? 'ws' : 'http';
  const host = headerValue(exchange.request.headers, 'host')?.trim() || 'localhost';
  const path = target.startsWith('/') ? target : `/${target === '*' ? '' : target}`;
  return `${scheme}://${host}${uriSafe(path)}`;
}

/** Percent-encodes characters RFC 3986 §2 does not allow in a URI (e.g. `[` of `[redacted]`). */
function uriSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]/g, (c) => {
    try {
      return encodeURIComponent(c);
    } catch {
      return '%EF%BF%BD'; // lone surrogate: U+FFFD
    }
  });
}

function content(body: BodyCapture): HarContent {
  const out: HarContent = { size: body.size, mimeType: body.mimeType ?? '' };
  if (body.preview !== undefined) {
    out.text = body.preview;
    if (body.previewEncoding === 'base64') out.encoding = 'base64';
  }
  if (body.truncated) out.comment = 'preview truncated: text holds the first bytes only';
  return out;
}

function rawLength(raw: string | undefined): number {
  return raw === undefined ? -1 : base64Bytes(raw).length;
}

/** A data message being reassembled from its frames. */
interface PendingMessage {
  opcode: 1 | 2;
  parts: Uint8Array[];
  inflated?: Uint8Array;
  /** A frame's payload, or the inflated message, was cut by the capture's byte cap. */
  cut: boolean;
}

/** Reassembles data messages (RFC 6455 §5.4) from frames, as Chrome lists them. */
export function webSocketMessages(exchange: Exchange): HarWebSocketMessage[] {
  const ws = exchange.websocket;
  if (!ws) return [];
  const out: HarWebSocketMessage[] = [];
  const pending = new Map<string, PendingMessage>();
  for (const frame of [...ws.frames].sort((a, b) => a.seq - b.seq)) {
    if (frame.opcode >= 0x8) continue; // control frames go to _switchyardFrames only
    let msg = pending.get(frame.direction);
    if (frame.opcode === 0x1 || frame.opcode === 0x2) {
      msg = { opcode: frame.opcode, parts: [], cut: false };
      // RFC 7692 §6: RSV1 on the first frame marks a compressed message.
      if (frame.rsv1 && frame.inflated !== undefined) {
        msg.inflated = base64Bytes(frame.inflated);
        msg.cut = frame.inflatedTruncated === true;
      }
      pending.set(frame.direction, msg);
    } else if (frame.opcode !== 0x0 || !msg) {
      continue; // reserved opcode, or a continuation with no message started
    }
    msg.parts.push(base64Bytes(frame.payload));
    // The stored payload counts only where it makes the message (not when inflated was kept).
    if (frame.payloadTruncated === true && msg.inflated === undefined) msg.cut = true;
    if (!frame.fin) continue;
    pending.delete(frame.direction);
    out.push(message(exchange, frame, msg));
  }
  return out;
}

function message(exchange: Exchange, last: FrameJson, msg: PendingMessage): HarWebSocketMessage {
  let bytes = msg.inflated;
  if (!bytes) {
    bytes = new Uint8Array(msg.parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of msg.parts) {
      bytes.set(p, o);
      o += p.length;
    }
  }
  const out: HarWebSocketMessage = {
    type: last.direction === 'client-to-server' ? 'send' : 'receive',
    time: (exchange.timings.start + last.time) / 1e6,
    opcode: msg.opcode,
    data: msg.opcode === 1 ? utf8.decode(bytes) : encodeBase64(bytes),
  };
  if (msg.cut) out._truncated = true;
  return out;
}

function ms(us: number | undefined): number {
  return us === undefined ? -1 : Math.round(us) / 1000;
}

function meta(exchange: Exchange): HarSwitchyardMeta {
  const m: HarSwitchyardMeta = {
    schemaVersion: exchange.schemaVersion,
    kind: exchange.kind,
    endpoint: exchange.endpoint,
    createdAt: exchange.createdAt,
    target: exchange.request.target,
    interim: exchange.interim,
    requestBody: exchange.requestBody,
    responseBody: exchange.responseBody,
    timings: exchange.timings,
    notes: exchange.notes,
    redactions: exchange.redactions,
    findings: exchange.findings,
  };
  if (exchange.client) m.client = exchange.client;
  if (exchange.server) m.server = exchange.server;
  if (exchange.request.raw !== undefined) m.requestRaw = exchange.request.raw;
  if (exchange.request.offsets) m.requestOffsets = exchange.request.offsets;
  if (exchange.response?.raw !== undefined) m.responseRaw = exchange.response.raw;
  if (exchange.response?.offsets) m.responseOffsets = exchange.response.offsets;
  if (!exchange.response) m.noResponse = true;
  if (exchange.http2) {
    const { mode, streamId, framesSeen, truncation } = exchange.http2;
    m.http2 = { mode, streamId, framesSeen, truncation };
  }
  if (exchange.websocket) {
    const { subprotocol, extensions, framesSeen, truncation } = exchange.websocket;
    m.websocket = { subprotocol, extensions, framesSeen, truncation };
  }
  return m;
}

/** One HAR entry for one exchange. */
export function toHarEntry(exchange: Exchange): HarEntry {
  const t = exchange.timings;
  const requestHead = t.requestHead ?? 0;
  const firstByte = t.firstByte ?? requestHead;
  const end = t.end ?? firstByte;
  const response = exchange.response;
  const entry: HarEntry = {
    startedDateTime: new Date(Math.floor(t.start / 1000)).toISOString(),
    time: ms(end),
    request: {
      method: exchange.request.method,
      url: absoluteUrl(exchange),
      httpVersion: `HTTP/${exchange.request.httpVersion}`,
      cookies: [],
      headers: nameValues(exchange.request.headers),
      queryString: queryString(exchange.request.target),
      headersSize: rawLength(exchange.request.raw),
      bodySize: exchange.requestBody.size,
    },
    response: {
      // HAR has no "no response": status 0 is what Chrome writes for one that failed.
      status: response?.status ?? 0,
      statusText: response?.reason ?? '',
      httpVersion: response ? `HTTP/${response.httpVersion}` : '',
      cookies: [],
      headers: response ? nameValues(response.headers) : [],
      content: content(exchange.responseBody),
      redirectURL: (response && headerValue(response.headers, 'location')) ?? '',
      headersSize: rawLength(response?.raw),
      bodySize: response ? exchange.responseBody.size : -1,
    },
    cache: {},
    timings: {
      blocked: -1,
      dns: -1,
      connect: -1,
      ssl: -1,
      send: ms(requestHead),
      wait: Math.max(0, ms(firstByte) - ms(requestHead)),
      receive: Math.max(0, ms(end) - ms(firstByte)),
    },
    _switchyardExchange: exchange.id,
    _switchyard: meta(exchange),
  };
  if (exchange.requestBody.size > 0 || exchange.requestBody.preview !== undefined) {
    entry.request.postData = {
      mimeType: exchange.requestBody.mimeType ?? '',
      text: exchange.requestBody.preview ?? '',
    };
  }
  if (exchange.server) entry.serverIPAddress = exchange.server.address;
  if (exchange.http2) entry._http2Frames = exchange.http2.frames;
  if (exchange.websocket) {
    entry._resourceType = 'websocket';
    entry._webSocketMessages = webSocketMessages(exchange);
    entry._switchyardFrames = exchange.websocket.frames;
    if (exchange.websocket.close) entry._switchyardClose = exchange.websocket.close;
  }
  return entry;
}

/** HAR 1.2 document with one entry per exchange, in the order given. */
export function toHar(exchanges: readonly Exchange[], options: ToHarOptions = {}): Har {
  return {
    log: {
      version: '1.2',
      creator: { name: 'Switchyard', version: options.creatorVersion ?? '0.1.0' },
      entries: exchanges.map(toHarEntry),
    },
  };
}
