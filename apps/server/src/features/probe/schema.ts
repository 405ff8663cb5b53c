/** JSON Schemas of the probe API (validated by Fastify's Ajv; bad input → 400 problem+json). */

const str = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const ms = { type: 'integer', minimum: 1, maximum: 3_600_000 } as const;

/** One frame to send on the probe's WebSocket (see `SendAction` in @switchyard/probe). */
export const sendActionSchema = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: ['text', 'binary', 'ping', 'pong', 'close', 'raw', 'abort'] },
    text: str(1_048_576),
    /** binary/ping/pong/raw payload, base64 */
    data: str(1_398_104),
    code: { type: 'integer', minimum: 0, maximum: 65535 },
    reason: str(123),
    fin: { type: 'boolean' },
    rsv1: { type: 'boolean' },
    rsv2: { type: 'boolean' },
    rsv3: { type: 'boolean' },
    opcode: { type: 'integer', minimum: 0, maximum: 15 },
    mask: { type: 'boolean' },
    allowInvalid: { type: 'boolean' },
  },
} as const;

/** Body of `POST /api/probe`. */
export const probeBodySchema = {
  type: 'object',
  required: ['url'],
  additionalProperties: false,
  properties: {
    url: { type: 'string', minLength: 1, maxLength: 2048, pattern: '^(wss?|https?)://' },
    method: { type: 'string', minLength: 1, maxLength: 64 },
    target: str(8192),
    version: str(32),
    startLine: str(8192),
    /** Ordered header lines: `[name, value]` pairs or raw lines (strings), sent exactly. */
    headers: {
      type: 'array',
      maxItems: 200,
      items: {
        anyOf: [{ type: 'array', items: str(8192), minItems: 2, maxItems: 2 }, str(8192)],
      },
    },
    body: str(1_048_576),
    bodyEncoding: { type: 'string', enum: ['utf8', 'base64'] },
    send: { type: 'array', maxItems: 100, items: sendActionSchema },
    autoPong: { type: 'boolean' },
    followRedirects: { type: 'integer', minimum: 0, maximum: 10 },
    corsOrigin: str(2048),
    insecure: { type: 'boolean' },
    timeouts: {
      type: 'object',
      additionalProperties: false,
      properties: { connectMs: ms, headMs: ms, idleMs: ms, closeMs: ms, maxDurationMs: ms },
    },
  },
} as const;

export interface SendActionBody {
  type: 'text' | 'binary' | 'ping' | 'pong' | 'close' | 'raw' | 'abort';
  text?: string;
  data?: string;
  code?: number;
  reason?: string;
  fin?: boolean;
  rsv1?: boolean;
  rsv2?: boolean;
  rsv3?: boolean;
  opcode?: number;
  mask?: boolean;
  allowInvalid?: boolean;
}

export interface ProbeBody {
  url: string;
  method?: string;
  target?: string;
  version?: string;
  startLine?: string;
  headers?: ([string, string] | string)[];
  body?: string;
  bodyEncoding?: 'utf8' | 'base64';
  send?: SendActionBody[];
  autoPong?: boolean;
  followRedirects?: number;
  corsOrigin?: string;
  insecure?: boolean;
  timeouts?: {
    connectMs?: number;
    headMs?: number;
    idleMs?: number;
    closeMs?: number;
    maxDurationMs?: number;
  };
}
