/**
 * Schemas of `POST /api/lab/echo-paths` (validated by Fastify's Ajv, published in the OpenAPI
 * description). The response is described for readers of the docs; it is serialized with plain
 * JSON.stringify (see index.ts), so the frames keep every field the Exchange types define.
 */
import { exchangeSchema } from '@switchyard/exchange';
import { problemSchema } from '../../plugins/problem.js';

/** Body: the text message to send on each path (optional). */
export const echoPathsBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    message: {
      type: 'string',
      minLength: 1,
      maxLength: 1024,
      description: 'Text message each path sends and expects back (default "hello, echo")',
    },
  },
} as const;

/** Body of a valid request. */
export interface EchoPathsBody {
  message?: string;
}

const exchangeProps = (exchangeSchema as { properties?: Record<string, unknown> }).properties ?? {};

const pathSchema = {
  type: 'object',
  required: ['key', 'ok', 'statuses', 'captures', 'websocket', 'wire', 'durationMs'],
  properties: {
    key: { type: 'string', enum: ['http1-upgrade', 'h2c-upgrade', 'h2-prior-knowledge'] },
    ok: { type: 'boolean' },
    error: { type: 'string' },
    statuses: {
      type: 'array',
      items: { type: 'integer' },
      description: 'Statuses in arrival order: [101], [101, 200] or [200]',
    },
    captures: {
      type: 'array',
      description: "This server's captures of the path (open them at `link`)",
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          link: { type: 'string' },
          what: { type: 'string', enum: ['websocket', 'upgraded-request'] },
        },
      },
    },
    http1: {
      type: 'object',
      description: 'HTTP/1.1 request and answer (paths 1 and 2), exact bytes in `raw` (base64)',
      properties: {
        request: exchangeProps['request'] ?? { type: 'object' },
        response: exchangeProps['response'] ?? { type: 'object' },
      },
    },
    h2: {
      type: 'object',
      description:
        'HTTP/2 part (paths 2 and 3): SETTINGS both ways, the streams with their decoded fields, and every frame both ways',
      properties: {
        settingsSent: { type: 'array', items: { type: 'object' } },
        settingsReceived: { type: 'array', items: { type: 'object' } },
        enableConnectProtocol: { type: 'integer', description: 'RFC 8441 §3' },
        streams: { type: 'array', items: { type: 'object' } },
        frames: { type: 'array', items: { type: 'object' } },
      },
    },
    websocket: {
      type: 'object',
      properties: {
        carriedIn: { type: 'string', enum: ['tcp', 'http2-data'] },
        streamId: { type: 'integer' },
        frames: { type: 'array', items: { type: 'object' } },
        close: { type: 'object' },
        sentText: { type: 'string' },
        receivedText: { type: 'string' },
      },
    },
    wire: {
      type: 'object',
      properties: {
        sentBytes: { type: 'integer' },
        receivedBytes: { type: 'integer' },
        sentBase64: { type: 'string' },
        receivedBase64: { type: 'string' },
      },
    },
    durationMs: { type: 'integer' },
  },
} as const;

/** The route's schema. */
export const echoPathsRouteSchema = {
  summary: 'Reach the WebSocket echo three ways and compare them on the wire',
  description:
    'Opens three connections from this server to its own /ws/echo over loopback: (1) HTTP/1.1 ' +
    'Upgrade: websocket answered 101 (RFC 6455 §4, RFC 9110 §15.2.2); (2) Upgrade: h2c answered ' +
    '101 (RFC 7540 §3.2, deprecated by RFC 9113 §3.1), then an RFC 8441 extended CONNECT answered ' +
    '200; (3) HTTP/2 with prior knowledge (RFC 9113 §3.3) and the same extended CONNECT. Each ' +
    "sends one text message, reads the echo and closes cleanly. Returns the client's record of " +
    "each path and the ids of this server's captures. Failed paths are reported in the 200 " +
    'answer; a lab that cannot run at all answers problem+json.',
  tags: ['lab'],
  body: echoPathsBodySchema,
  response: {
    200: {
      type: 'object',
      required: ['ok', 'message', 'paths'],
      properties: {
        ok: { type: 'boolean', description: 'Every path echoed and closed cleanly' },
        message: { type: 'string' },
        target: { type: 'string', description: 'The loopback origin the paths connected to' },
        paths: { type: 'array', items: pathSchema },
      },
    },
    400: problemSchema,
    429: problemSchema,
    503: problemSchema,
  },
} as const;
