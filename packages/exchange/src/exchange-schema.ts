/**
 * JSON Schema (draft-07 keywords only, so Fastify's Ajv, fast-json-stringify and
 * @fastify/swagger's OpenAPI 3 conversion all accept it) of the Exchange record. Plain objects,
 * no `$ref`: it can be embedded in a route schema as is. Keep in step with `exchange.ts`.
 */

const uint = { type: 'integer', minimum: 0 } as const;
const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const base64 = {
  type: 'string',
  pattern: '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$',
  description: 'bytes, base64 (RFC 4648 §4)',
} as const;

const headerList = {
  type: 'array',
  description: '[name, value] pairs in wire order, names in wire case, duplicates kept',
  items: { type: 'array', items: str, minItems: 2, maxItems: 2 },
} as const;

const byteRange = {
  type: 'object',
  required: ['start', 'end'],
  properties: { start: uint, end: uint },
} as const;

const headOffsets = {
  type: 'object',
  required: ['startLine', 'headers', 'end'],
  properties: { startLine: byteRange, headers: { type: 'array', items: byteRange }, end: uint },
} as const;

const address = {
  type: 'object',
  required: ['address', 'port'],
  properties: { address: str, port: uint, family: { type: 'string', enum: ['IPv4', 'IPv6'] } },
} as const;

const severity = { type: 'string', enum: ['error', 'warning', 'info'] } as const;

const body = {
  type: 'object',
  required: ['size', 'truncated'],
  properties: {
    size: uint,
    preview: str,
    previewEncoding: { type: 'string', enum: ['text', 'base64'] },
    truncated: bool,
    mimeType: str,
  },
} as const;

const closePayload = {
  type: 'object',
  properties: { code: uint, reason: str },
} as const;

const frameFinding = {
  type: 'object',
  required: ['code', 'severity', 'message', 'cite'],
  properties: {
    code: str,
    severity,
    message: str,
    cite: {
      type: 'object',
      required: ['rfc', 'section'],
      properties: { rfc: str, section: str },
    },
    status: uint,
    closeCode: uint,
    offset: uint,
  },
} as const;

/** Schema of one WebSocket frame in JSON form (`FrameJson`). */
export const frameJsonSchema = {
  type: 'object',
  title: 'WebSocketFrame',
  required: [
    'seq',
    'direction',
    'fin',
    'rsv1',
    'rsv2',
    'rsv3',
    'opcode',
    'masked',
    'payloadLength',
    'lengthEncoding',
    'headerOffset',
    'headerLength',
    'payloadOffset',
    'payload',
    'time',
    'findings',
  ],
  properties: {
    seq: uint,
    direction: { type: 'string', enum: ['client-to-server', 'server-to-client'] },
    fin: bool,
    rsv1: bool,
    rsv2: bool,
    rsv3: bool,
    opcode: { type: 'integer', minimum: 0, maximum: 15 },
    masked: bool,
    maskKey: base64,
    payloadLength: uint,
    lengthEncoding: { type: 'integer', enum: [7, 16, 64] },
    headerOffset: uint,
    headerLength: uint,
    payloadOffset: uint,
    payload: base64,
    payloadTruncated: bool,
    inflated: base64,
    inflatedTruncated: bool,
    close: closePayload,
    time: { type: 'number', minimum: 0 },
    findings: { type: 'array', items: frameFinding },
  },
} as const;

const closeInfo = {
  type: 'object',
  required: ['initiator', 'code', 'reason', 'clean', 'time'],
  properties: {
    initiator: { type: 'string', enum: ['client', 'server', 'transport'] },
    code: uint,
    reason: str,
    clean: bool,
    client: closePayload,
    server: closePayload,
    time: { type: 'number', minimum: 0 },
  },
} as const;

const truncation = {
  type: 'object',
  required: ['maxFrames', 'maxBytes', 'framesDropped', 'bytesDropped', 'framesCut'],
  properties: {
    maxFrames: uint,
    maxBytes: uint,
    framesDropped: uint,
    bytesDropped: uint,
    framesCut: uint,
    firstDroppedSeq: uint,
  },
} as const;

const time = { type: 'number', minimum: 0 } as const;

/** Schema of one HTTP/2 frame in JSON form (`Http2FrameJson`, see http2-capture.ts). */
export const http2FrameJsonSchema = {
  type: 'object',
  title: 'Http2Frame',
  required: [
    'seq',
    'direction',
    'time',
    'type',
    'typeName',
    'flags',
    'flagNames',
    'streamId',
    'length',
    'findings',
  ],
  properties: {
    seq: uint,
    direction: { type: 'string', enum: ['client-to-server', 'server-to-client'] },
    time: {
      type: 'number',
      description: 'µs since timings.start; negative for frames seen before the exchange began',
    },
    type: { type: 'integer', minimum: 0, maximum: 255 },
    typeName: str,
    flags: { type: 'integer', minimum: 0, maximum: 255 },
    flagNames: { type: 'array', items: str },
    streamId: { type: 'integer', minimum: 0, maximum: 2147483647 },
    length: { type: 'integer', minimum: 0, maximum: 16777215 },
    headers: headerList,
    settings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'value'],
        properties: { id: uint, name: str, value: uint },
      },
    },
    errorCode: uint,
    errorName: str,
    lastStreamId: uint,
    windowIncrement: uint,
    payload: base64,
    payloadTruncated: bool,
    findings: { type: 'array', items: frameFinding },
  },
} as const;

/** Schema of the HTTP/2 part of an exchange (`Http2Capture`). */
export const http2CaptureSchema = {
  type: 'object',
  required: ['mode', 'streamId', 'frames', 'framesSeen', 'truncation'],
  properties: {
    mode: { type: 'string', enum: ['h2c-upgrade', 'prior-knowledge', 'tls-alpn'] },
    streamId: uint,
    frames: { type: 'array', items: http2FrameJsonSchema },
    framesSeen: {
      type: 'object',
      required: ['clientToServer', 'serverToClient'],
      properties: { clientToServer: uint, serverToClient: uint },
    },
    truncation,
  },
} as const;

/** Schema of the Exchange record (`Exchange` in exchange.ts). */
export const exchangeSchema = {
  type: 'object',
  title: 'Exchange',
  description: 'One captured conversation: request, interim and final responses, frames.',
  required: [
    'schemaVersion',
    'id',
    'createdAt',
    'kind',
    'endpoint',
    'source',
    'request',
    'interim',
    'requestBody',
    'responseBody',
    'timings',
    'notes',
    'redactions',
    'findings',
  ],
  properties: {
    schemaVersion: { type: 'integer', enum: [1] },
    id: { type: 'string', pattern: '^[A-Za-z0-9_-]{22,64}$' },
    createdAt: { type: 'string', format: 'date-time' },
    kind: str,
    endpoint: str,
    source: { type: 'string', enum: ['capture', 'import'] },
    client: address,
    server: address,
    request: {
      type: 'object',
      required: ['method', 'target', 'httpVersion', 'headers'],
      properties: {
        method: str,
        target: str,
        httpVersion: str,
        headers: headerList,
        raw: base64,
        offsets: headOffsets,
      },
    },
    interim: {
      type: 'array',
      items: {
        type: 'object',
        required: ['status', 'reason', 'headers', 'time'],
        properties: {
          status: { type: 'integer', minimum: 100, maximum: 199 },
          reason: str,
          headers: headerList,
          time,
        },
      },
    },
    response: {
      type: 'object',
      required: ['status', 'reason', 'httpVersion', 'headers'],
      properties: {
        status: { type: 'integer', minimum: 100, maximum: 999 },
        reason: str,
        httpVersion: str,
        headers: headerList,
        raw: base64,
        offsets: headOffsets,
      },
    },
    requestBody: body,
    responseBody: body,
    timings: {
      type: 'object',
      required: ['start'],
      properties: {
        start: { type: 'number', minimum: 0, description: 'µs since the Unix epoch' },
        requestHead: time,
        firstByte: time,
        interim: { type: 'array', items: time },
        upgrade: time,
        end: time,
      },
    },
    notes: {
      type: 'array',
      items: { type: 'object', required: ['time', 'text'], properties: { time, text: str } },
    },
    redactions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['location', 'name'],
        properties: {
          location: {
            type: 'string',
            enum: [
              'request-header',
              'response-header',
              'interim-header',
              'query',
              'request-raw',
              'response-raw',
              'request-body',
              'response-body',
              'note',
              'http2-header',
              'http2-payload',
            ],
          },
          name: str,
          index: uint,
        },
      },
    },
    websocket: {
      type: 'object',
      required: ['subprotocol', 'extensions', 'frames', 'framesSeen', 'truncation'],
      properties: {
        subprotocol: { type: ['string', 'null'] },
        extensions: str,
        frames: { type: 'array', items: frameJsonSchema },
        framesSeen: {
          type: 'object',
          required: ['clientToServer', 'serverToClient'],
          properties: { clientToServer: uint, serverToClient: uint },
        },
        close: closeInfo,
        truncation,
      },
    },
    http2: http2CaptureSchema,
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['ruleId', 'severity', 'message'],
        properties: { ruleId: str, severity, message: str, evidence: {} },
      },
    },
    probe: {
      type: 'object',
      description:
        'Probe exchanges only: bytes sent and received (base64), DNS/connect/TLS timings, the ' +
        'negotiated TLS protocol and ALPN, and the outcome.',
      additionalProperties: true,
    },
  },
} as const;

/** Schema of a listing row (`ExchangeSummary`). */
export const exchangeSummarySchema = {
  type: 'object',
  title: 'ExchangeSummary',
  required: ['id', 'createdAt', 'kind', 'endpoint', 'method', 'target'],
  properties: {
    id: str,
    createdAt: str,
    kind: str,
    endpoint: str,
    method: str,
    target: str,
    status: uint,
    frames: uint,
  },
} as const;
