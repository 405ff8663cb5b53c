/**
 * The lint rule catalog for the UI's rule pages (issue 5): `GET /api/rules` lists every rule,
 * `GET /api/rules/{id}` returns one. Rule ids contain a slash (`ws-frame/masked-server-frame`),
 * so the single-rule route takes the rest of the path as the id.
 */
import type { FastifyInstance } from 'fastify';
import { ruleCatalog } from '@switchyard/lint';
import { sendProblem } from '../../plugins/problem.js';

const ruleSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    severity: { type: 'string', enum: ['error', 'warning', 'info'] },
    title: { type: 'string' },
    rfc: { type: 'string' },
    section: { type: 'string' },
    url: { type: 'string' },
    explain: { type: 'string' },
    fix: { type: 'string' },
    scope: { type: 'string' },
  },
} as const;

export default async function rulesFeature(app: FastifyInstance): Promise<void> {
  const catalog = ruleCatalog();
  const byId = new Map(catalog.map((rule) => [rule.id, rule]));

  app.get(
    '/api/rules',
    {
      schema: {
        tags: ['lint'],
        summary: 'Every correctness rule, with its RFC section',
        response: { 200: { type: 'array', items: ruleSchema } },
      },
    },
    async () => catalog,
  );

  app.get<{ Params: { '*': string } }>(
    '/api/rules/*',
    {
      schema: {
        tags: ['lint'],
        summary: 'One correctness rule by id (e.g. ws-handshake/accept-mismatch)',
        response: { 200: ruleSchema },
      },
    },
    async (request, reply) => {
      const id = request.params['*'];
      const rule = byId.get(id);
      if (rule === undefined) {
        return sendProblem(reply, {
          status: 404,
          type: 'unknown-rule',
          title: 'Unknown rule',
          detail: `No lint rule has the id ${JSON.stringify(id)}; GET /api/rules lists them.`,
          rule: id,
        });
      }
      return rule;
    },
  );
}
