/**
 * The exchanges API (issue 4 "API"): read a captured exchange as JSON or HAR 1.2, import HAR,
 * list recent exchanges. Unknown or malformed ids get 404 problem+json (RFC 9457) without
 * telling the two apart, so ids cannot be probed.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { fromHar, isShareId, newShareId, toHar, type Exchange } from '@switchyard/exchange';
import { completeExchange } from '../../plugins/capture/finisher.js';
import { sendProblem } from '../../plugins/problem.js';
import { getExchangeSchema, getHarSchema, importSchema, listSchema } from './schemas.js';

/** Largest HAR accepted by the import, bytes. */
export const IMPORT_BODY_LIMIT = 32 * 1024 * 1024;

function notFound(reply: FastifyReply, id: string): FastifyReply {
  return sendProblem(reply, {
    status: 404,
    type: 'exchange-not-found',
    title: 'Exchange not found',
    detail: `No exchange has the id ${JSON.stringify(id.slice(0, 80))}; it may have expired.`,
  });
}

async function lookup(app: FastifyInstance, id: string): Promise<Exchange | undefined> {
  return isShareId(id) ? app.captures.get(id) : undefined;
}

export default async function exchangesFeature(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { id: string } }>(
    '/api/exchanges/:id',
    { schema: getExchangeSchema },
    async (request, reply) => {
      const exchange = await lookup(app, request.params.id);
      if (!exchange) return notFound(reply, request.params.id);
      return exchange;
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/exchanges/:id/har',
    { schema: getHarSchema },
    async (request, reply) => {
      const exchange = await lookup(app, request.params.id);
      if (!exchange) return notFound(reply, request.params.id);
      // HAR has no registered media type; JSON is what HAR viewers read.
      return reply
        .type('application/json; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="switchyard-${exchange.id}.har"`)
        .send(JSON.stringify(toHar([exchange])));
    },
  );

  app.post(
    '/api/exchanges/import',
    { schema: importSchema, bodyLimit: IMPORT_BODY_LIMIT },
    async (request, reply) => {
      const result = fromHar(request.body, {
        newId: () => newShareId((n) => new Uint8Array(randomBytes(n))),
      });
      if (!result.ok) {
        return sendProblem(reply, {
          status: 400,
          type: 'invalid-har',
          title: 'Invalid HAR',
          detail: `The HAR could not be imported: ${result.errors.length} problem(s), see errors.`,
          errors: result.errors,
        });
      }
      // Stored like a capture (issue 5: every stored exchange carries its lint findings):
      // credentials redacted, then linted afresh, whatever findings the file claimed.
      const exchanges = result.exchanges.map((x) => completeExchange(x));
      await Promise.all(exchanges.map((x) => app.exchangeStore.put(x)));
      const ids = exchanges.map((x) => x.id);
      return reply.code(201).send({ ids, links: ids.map((id) => `/x/${id}`) });
    },
  );

  app.get<{ Querystring: { limit: number; before?: string } }>(
    '/api/exchanges',
    { schema: listSchema },
    async (request) => {
      const { limit, before } = request.query;
      const items = await app.exchangeStore.list({ limit, before });
      const last = items.at(-1);
      return items.length === limit && last ? { items, next: last.id } : { items };
    },
  );
}
