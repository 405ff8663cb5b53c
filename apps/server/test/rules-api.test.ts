import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { rules } from '@switchyard/lint';
import { makeApp } from './support/http.js';

describe('rule catalog API (issue 5)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await makeApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists every rule with its citation', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/rules' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { id: string; rfc: string; section: string }[];
    expect(body.map((r) => r.id).sort()).toEqual(rules.map((r) => r.id).sort());
    for (const rule of body) {
      expect(rule.rfc).toMatch(/^RFC \d+$/);
      expect(rule.section).toMatch(/^\d+(\.\d+)*$/);
    }
  });

  it('returns one rule by its slash-containing id', async () => {
    const id = rules[0]!.id;
    const res = await app.inject({ method: 'GET', url: `/api/rules/${id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id });
  });

  it('answers an unknown id with 404 problem+json', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/rules/upgrade/no-such-rule' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, rule: 'upgrade/no-such-rule' });
  });
});
