import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { finalHead, listenApp, rawExchange, stored } from './support/http.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

function header(headers: [string, string][], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

describe('stored exchanges carry their lint findings (issue 5)', () => {
  it('flags an Upgrade request without the "upgrade" connection option', async () => {
    const { app, port } = await listenApp();
    apps.push(app);
    const text = await rawExchange(
      port,
      'GET /api/status/200 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: foo/1\r\nConnection: close\r\n\r\n',
    );
    const id = header(finalHead(text).headers, 'X-Switchyard-Capture')!;
    const ex = await stored(app, id);
    const ids = ex.findings.map((f) => f.ruleId);
    expect(ids).toContain('upgrade/missing-connection-upgrade');
    const res = await app.inject({ method: 'GET', url: `/api/exchanges/${id}` });
    expect(
      (res.json() as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId),
    ).toContain('upgrade/missing-connection-upgrade');
  });

  it('raises no error or warning on a plain, correct request', async () => {
    const { app, port } = await listenApp();
    apps.push(app);
    const text = await rawExchange(
      port,
      'GET /api/status/200 HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\nConnection: close\r\n\r\n',
    );
    const id = header(finalHead(text).headers, 'X-Switchyard-Capture')!;
    const ex = await stored(app, id);
    expect(ex.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});
