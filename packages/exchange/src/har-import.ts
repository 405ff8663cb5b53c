/**
 * HAR 1.2 → Exchanges. Accepts HAR written by `toHar` (lossless, via the `_switchyard*`
 * fields) and plain HAR from browsers (Chrome's `_webSocketMessages` become one frame per
 * message, flagged in a note). Never throws on bad input: it returns every problem found as
 * a typed error with a JSON Pointer to the offending value.
 */
import { decodeBase64, encodeBase64 } from './base64.js';
import {
  EXCHANGE_SCHEMA_VERSION,
  type BodyCapture,
  type Exchange,
  type FrameJson,
  type HeaderList,
  type Timings,
  type WebSocketCapture,
} from './exchange.js';
import { exchangeSchema, frameJsonSchema, http2FrameJsonSchema } from './exchange-schema.js';
import type { HarEntry, HarNameValue, HarWebSocketMessage } from './har-types.js';
import { checkSchema, type SchemaError, type SchemaNode } from './schema-check.js';
import { isShareId } from './share-id.js';

/** Why an import failed: where (JSON Pointer into the HAR) and what. */
export type HarImportError = SchemaError;

export type FromHarResult =
  { ok: true; exchanges: Exchange[] } | { ok: false; errors: HarImportError[] };

/** Options for {@link fromHar}. */
export interface FromHarOptions {
  /** Makes a fresh share id per entry. Without it, `_switchyardExchange` ids are kept. */
  newId?: () => string;
  /** Refuse more entries than this. Default 1000. */
  maxEntries?: number;
}

const nameValue = {
  type: 'object',
  required: ['name', 'value'],
  properties: { name: { type: 'string' }, value: { type: 'string' } },
} as const;

/** The HAR fields read here (a subset of HAR 1.2 plus the extension fields). */
const harInputSchema: SchemaNode = {
  type: 'object',
  required: ['log'],
  properties: {
    log: {
      type: 'object',
      required: ['entries'],
      properties: {
        entries: {
          type: 'array',
          items: {
            type: 'object',
            required: ['startedDateTime', 'request', 'response'],
            properties: {
              startedDateTime: { type: 'string', format: 'date-time' },
              time: { type: 'number' },
              request: {
                type: 'object',
                required: ['method', 'url', 'httpVersion', 'headers'],
                properties: {
                  method: { type: 'string' },
                  url: { type: 'string' },
                  httpVersion: { type: 'string' },
                  headers: { type: 'array', items: nameValue },
                  bodySize: { type: 'integer' },
                  postData: {
                    type: 'object',
                    properties: { mimeType: { type: 'string' }, text: { type: 'string' } },
                  },
                },
              },
              response: {
                type: 'object',
                required: ['status', 'headers'],
                properties: {
                  status: { type: 'integer', minimum: 0, maximum: 999 },
                  statusText: { type: 'string' },
                  httpVersion: { type: 'string' },
                  headers: { type: 'array', items: nameValue },
                  content: {
                    type: 'object',
                    properties: {
                      size: { type: 'integer' },
                      mimeType: { type: 'string' },
                      text: { type: 'string' },
                      encoding: { type: 'string' },
                    },
                  },
                },
              },
              timings: {
                type: 'object',
                properties: {
                  send: { type: 'number' },
                  wait: { type: 'number' },
                  receive: { type: 'number' },
                },
              },
              _webSocketMessages: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['type', 'time', 'opcode', 'data'],
                  properties: {
                    type: { type: 'string', enum: ['send', 'receive'] },
                    time: { type: 'number', minimum: 0 },
                    opcode: { type: 'integer', enum: [1, 2] },
                    data: { type: 'string' },
                    _truncated: { type: 'boolean' },
                  },
                },
              },
              _switchyardExchange: { type: 'string' },
              _switchyardFrames: { type: 'array', items: frameJsonSchema },
              _switchyardClose: exchangeSchema.properties.websocket.properties.close,
              _http2Frames: { type: 'array', items: http2FrameJsonSchema },
              _switchyard: { type: 'object' },
            },
          },
        },
      },
    },
  },
};

const te = new TextEncoder();

function pairs(list: HarNameValue[]): HeaderList {
  return list.map(({ name, value }) => [name, value]);
}

function header(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

function version(text: string): string {
  return text.replace(/^HTTP\//i, '');
}

function us(msValue: number | undefined): number | undefined {
  return msValue === undefined || msValue < 0 ? undefined : Math.round(msValue * 1000);
}

/** One frame per Chrome message (RFC 6455 §5.2 header sizes; clients mask, §5.1). */
function synthesizeFrames(messages: HarWebSocketMessage[], start: number): FrameJson[] {
  const offsets = { 'client-to-server': 0, 'server-to-client': 0 };
  return messages.map((m, seq): FrameJson => {
    const direction = m.type === 'send' ? 'client-to-server' : 'server-to-client';
    const bytes = m.opcode === 1 ? te.encode(m.data) : (decodeBase64(m.data) ?? te.encode(m.data));
    const lengthEncoding = bytes.length < 126 ? 7 : bytes.length < 65536 ? 16 : 64;
    const masked = direction === 'client-to-server';
    const headerLength =
      2 + (lengthEncoding === 16 ? 2 : lengthEncoding === 64 ? 8 : 0) + (masked ? 4 : 0);
    const headerOffset = offsets[direction];
    offsets[direction] += headerLength + bytes.length;
    const payload = encodeBase64(bytes);
    return {
      seq,
      direction,
      fin: true,
      rsv1: false,
      rsv2: false,
      rsv3: false,
      opcode: m.opcode,
      masked,
      payloadLength: bytes.length,
      lengthEncoding,
      headerOffset,
      headerLength,
      payloadOffset: headerOffset + headerLength,
      payload,
      time: Math.max(0, Math.round(m.time * 1e6) - start),
      findings: [],
    };
  });
}

function body(
  size: number | undefined,
  mimeType: string | undefined,
  text: string | undefined,
  encoding: string | undefined,
): BodyCapture {
  const out: BodyCapture = { size: size !== undefined && size >= 0 ? size : 0, truncated: false };
  if (mimeType) out.mimeType = mimeType;
  if (text !== undefined) {
    out.preview = text;
    out.previewEncoding = encoding === 'base64' ? 'base64' : 'text';
    if (size === undefined || size < 0) out.size = text.length;
  }
  return out;
}

function entryToExchange(
  entry: HarEntry,
  path: string,
  options: FromHarOptions,
  errors: HarImportError[],
): Exchange | undefined {
  const meta = entry._switchyard;
  let id = options.newId?.();
  if (id === undefined) {
    id = entry._switchyardExchange;
    if (id === undefined || !isShareId(id)) {
      errors.push({ path: `${path}/_switchyardExchange`, message: 'is missing or not a share id' });
      return undefined;
    }
  }
  let url: URL | undefined;
  try {
    url = new URL(entry.request.url);
  } catch {
    if (!meta?.target) {
      errors.push({ path: `${path}/request/url`, message: 'is not an absolute URL' });
      return undefined;
    }
  }
  const startMs = Date.parse(entry.startedDateTime);
  const timings: Timings = meta?.timings ?? { start: startMs * 1000 };
  if (!meta?.timings) {
    const send = us(entry.timings?.send);
    const wait = us(entry.timings?.wait);
    const receive = us(entry.timings?.receive);
    if (send !== undefined) timings.requestHead = send;
    if (send !== undefined && wait !== undefined) timings.firstByte = send + wait;
    if (send !== undefined && wait !== undefined && receive !== undefined) {
      timings.end = send + wait + receive;
    }
  }
  const requestHeaders = pairs(entry.request.headers);
  const responseHeaders = pairs(entry.response.headers);
  const isWebSocket =
    entry._resourceType === 'websocket' ||
    entry._switchyardFrames !== undefined ||
    entry._webSocketMessages !== undefined;
  const exchange: Exchange = {
    schemaVersion: EXCHANGE_SCHEMA_VERSION,
    id,
    createdAt: meta?.createdAt ?? new Date(startMs).toISOString(),
    kind: meta?.kind ?? (isWebSocket ? 'websocket' : 'http'),
    endpoint: meta?.endpoint ?? url?.pathname ?? '',
    source: 'import',
    request: {
      method: entry.request.method,
      target: meta?.target ?? `${url!.pathname}${url!.search}`,
      httpVersion: version(entry.request.httpVersion),
      headers: requestHeaders,
    },
    interim: meta?.interim ?? [],
    requestBody:
      meta?.requestBody ??
      body(
        entry.request.bodySize,
        entry.request.postData?.mimeType,
        entry.request.postData?.text,
        undefined,
      ),
    responseBody:
      meta?.responseBody ??
      body(
        entry.response.content?.size,
        entry.response.content?.mimeType,
        entry.response.content?.text,
        entry.response.content?.encoding,
      ),
    timings,
    notes: meta?.notes ?? [],
    redactions: meta?.redactions ?? [],
    findings: meta?.findings ?? [],
  };
  if (meta?.client) exchange.client = meta.client;
  if (meta?.server) exchange.server = meta.server;
  if (meta?.requestRaw !== undefined) exchange.request.raw = meta.requestRaw;
  if (meta?.requestOffsets) exchange.request.offsets = meta.requestOffsets;
  // HAR status 0 means no response was received (what Chrome writes for a failed request).
  if (entry.response.status !== 0 && !meta?.noResponse) {
    exchange.response = {
      status: entry.response.status,
      reason: entry.response.statusText ?? '',
      httpVersion: version(entry.response.httpVersion ?? ''),
      headers: responseHeaders,
    };
    if (meta?.responseRaw !== undefined) exchange.response.raw = meta.responseRaw;
    if (meta?.responseOffsets) exchange.response.offsets = meta.responseOffsets;
  }
  if (isWebSocket) {
    let frames = entry._switchyardFrames;
    if (!frames) {
      frames = synthesizeFrames(entry._webSocketMessages ?? [], timings.start);
      exchange.notes = [
        ...exchange.notes,
        { time: 0, text: 'frames rebuilt from _webSocketMessages: one frame per message' },
      ];
    }
    const ws: WebSocketCapture = {
      subprotocol:
        meta?.websocket?.subprotocol ?? header(responseHeaders, 'sec-websocket-protocol') ?? null,
      extensions:
        meta?.websocket?.extensions ?? header(responseHeaders, 'sec-websocket-extensions') ?? '',
      frames,
      framesSeen: meta?.websocket?.framesSeen ?? {
        clientToServer: frames.filter((f) => f.direction === 'client-to-server').length,
        serverToClient: frames.filter((f) => f.direction === 'server-to-client').length,
      },
      truncation: meta?.websocket?.truncation ?? {
        maxFrames: frames.length,
        maxBytes: 0,
        framesDropped: 0,
        bytesDropped: 0,
        framesCut: 0,
      },
    };
    if (entry._switchyardClose) ws.close = entry._switchyardClose;
    exchange.websocket = ws;
  }
  if (entry._http2Frames !== undefined || meta?.http2 !== undefined) {
    const frames = entry._http2Frames ?? [];
    const count = (d: string) => frames.filter((f) => f.direction === d).length;
    exchange.http2 = {
      mode: meta?.http2?.mode ?? (url?.protocol === 'https:' ? 'tls-alpn' : 'prior-knowledge'),
      streamId: meta?.http2?.streamId ?? frames.find((f) => f.streamId !== 0)?.streamId ?? 0,
      frames,
      framesSeen: meta?.http2?.framesSeen ?? {
        clientToServer: count('client-to-server'),
        serverToClient: count('server-to-client'),
      },
      truncation: meta?.http2?.truncation ?? {
        maxFrames: frames.length,
        maxBytes: 0,
        framesDropped: 0,
        bytesDropped: 0,
        framesCut: 0,
      },
    };
  }
  const problems = checkSchema(exchange, exchangeSchema as SchemaNode, path);
  if (problems.length > 0) {
    errors.push(...problems.map((p) => ({ ...p, message: `imported exchange ${p.message}` })));
    return undefined;
  }
  return exchange;
}

/** Parses a HAR document (already JSON-parsed) into Exchanges, or lists why it cannot. */
export function fromHar(json: unknown, options: FromHarOptions = {}): FromHarResult {
  const errors = checkSchema(json, harInputSchema);
  if (errors.length > 0) return { ok: false, errors };
  const entries = (json as { log: { entries: HarEntry[] } }).log.entries;
  const max = options.maxEntries ?? 1000;
  if (entries.length > max) {
    return {
      ok: false,
      errors: [{ path: '/log/entries', message: `has more than ${max} entries` }],
    };
  }
  if (entries.length === 0) {
    return { ok: false, errors: [{ path: '/log/entries', message: 'is empty' }] };
  }
  const exchanges: Exchange[] = [];
  entries.forEach((entry, i) => {
    try {
      const ex = entryToExchange(entry, `/log/entries/${i}`, options, errors);
      if (ex) exchanges.push(ex);
    } catch (err) {
      errors.push({ path: `/log/entries/${i}`, message: `could not be read: ${String(err)}` });
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, exchanges };
}
