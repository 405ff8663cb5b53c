/**
 * `GET /api/status` (the catalog as a list) and `GET /api/catalog/{code}` (one entry).
 */
import type { FastifyInstance } from 'fastify';
import { catalog, getStatus } from '@switchyard/catalog';
import { sendProblem } from '../../plugins/problem.js';

/** Registers the two catalog routes on `app`. */
export function catalogRoutes(app: FastifyInstance): void {
  const list = catalog.map((entry) => ({
    code: entry.code,
    reason: entry.reason,
    class: entry.class,
    registered: entry.registered,
    summary: entry.summary,
    simulator: `/api/status/${entry.code}`,
    catalog: `/api/catalog/${entry.code}`,
  }));
  const listBody = JSON.stringify({ count: list.length, statuses: list }, null, 2) + '\n';

  app.get(
    '/api/status',
    {
      schema: {
        summary: 'List the status catalog',
        description: 'Every code the catalog describes, registered or not, ordered by code.',
        tags: ['catalog'],
      },
    },
    async (_request, reply) => reply.type('application/json; charset=utf-8').send(listBody),
  );

  app.get<{ Params: { code: string } }>(
    '/api/catalog/:code',
    {
      schema: {
        summary: 'One catalog entry',
        description:
          'Reason phrase, class, defining section, required headers and prose for one code.',
        tags: ['catalog'],
        params: {
          type: 'object',
          properties: { code: { type: 'string', description: 'A status code, e.g. 426' } },
          required: ['code'],
        },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      if (!/^\d{3}$/.test(code)) {
        return sendProblem(reply, {
          status: 400,
          type: 'invalid-status-code',
          title: 'Invalid status code',
          detail: `${JSON.stringify(code)} is not a three-digit status code (RFC 9110 §15)`,
          parameter: 'code',
        });
      }
      const entry = getStatus(Number(code));
      if (!entry) {
        return sendProblem(reply, {
          status: 404,
          type: 'unknown-status-code',
          title: 'Unknown status code',
          detail: `The catalog has no entry for ${code}; see /api/status for the list.`,
          code: Number(code),
        });
      }
      return reply
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(entry, null, 2) + '\n');
    },
  );
}
