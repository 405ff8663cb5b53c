/**
 * Route schemas of the exchanges API (published in the OpenAPI description). The Exchange
 * schema itself comes from `@switchyard/exchange`, the single source of its shape.
 */
import { exchangeSchema, exchangeSummarySchema } from '@switchyard/exchange';
import { problemSchema } from '../../plugins/problem.js';

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', description: 'Share id (the part after /x/)' } },
} as const;

export const getExchangeSchema = {
  summary: 'One captured exchange',
  description:
    'The Exchange as JSON: request head as received, interim responses, response head as sent, ' +
    'bodies (size and preview), µs timings, notes, redactions, WebSocket frames and close.',
  tags: ['exchanges'],
  params: idParams,
  response: { 200: exchangeSchema, 404: problemSchema },
} as const;

export const getHarSchema = {
  summary: 'One captured exchange as HAR 1.2',
  description:
    'WebSocket data messages are in `_webSocketMessages` as Chrome DevTools writes them; every ' +
    'frame (control frames included) is in `_switchyardFrames`, the close in `_switchyardClose`, ' +
    'the rest of the exchange in `_switchyard`.',
  tags: ['exchanges'],
  params: idParams,
  response: { 404: problemSchema },
} as const;

export const importSchema = {
  summary: 'Import exchanges from a HAR 1.2 file',
  description:
    'Takes a HAR (as exported here, or from a browser), validates it, stores one exchange per ' +
    'entry under new share ids (credentials redacted) and returns the ids.',
  tags: ['exchanges'],
  body: { type: 'object', description: 'A HAR 1.2 document' },
  response: {
    201: {
      type: 'object',
      required: ['ids', 'links'],
      properties: {
        ids: { type: 'array', items: { type: 'string' } },
        links: { type: 'array', items: { type: 'string' } },
      },
    },
    400: problemSchema,
  },
} as const;

export const listSchema = {
  summary: 'Recent exchanges, newest first',
  tags: ['exchanges'],
  querystring: {
    type: 'object',
    properties: {
      limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
      before: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{22,64}$',
        description: 'Cursor: list exchanges older than this id (the `next` of a previous page)',
      },
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['items'],
      properties: {
        items: { type: 'array', items: exchangeSummarySchema },
        next: { type: 'string', description: 'Pass as `before` for the next page' },
      },
    },
  },
} as const;
