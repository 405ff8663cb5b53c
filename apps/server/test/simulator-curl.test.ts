/**
 * Interop with an independent client: Debian's curl, in verbose mode, must see the interim
 * responses the simulator writes (103 Early Hints, 100 Continue) before the final one.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { listen } from './simulator-helpers.js';

const run = promisify(execFile);
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  const started = await listen();
  app = started.app;
  base = `http://127.0.0.1:${started.port}`;
});
afterAll(async () => {
  await app.close();
});

/** curl -v: response lines start with "< " on stderr; content goes to stdout. */
async function curl(args: string[]): Promise<{ received: string[]; body: string }> {
  const { stdout, stderr } = await run('curl', ['-sS', '-v', '--max-time', '10', ...args], {
    timeout: 15_000,
  });
  const received = stderr
    .split(/\r?\n/)
    .filter((line) => line.startsWith('< '))
    .map((line) => line.slice(2).trimEnd());
  return { received, body: stdout };
}

describe('curl sees the interim responses', () => {
  it('103 Early Hints then 200 OK', async () => {
    const { received, body } = await curl([`${base}/api/status/103`]);
    const statusLines = received.filter((line) => line.startsWith('HTTP/'));
    expect(statusLines).toEqual(['HTTP/1.1 103 Early Hints', 'HTTP/1.1 200 OK']);
    const hintIndex = received.findIndex((line) => /^link: /i.test(line));
    expect(hintIndex).toBeGreaterThan(0);
    expect(hintIndex).toBeLessThan(received.indexOf('HTTP/1.1 200 OK'));
    expect(JSON.parse(body).interim[0].code).toBe(103);
  });

  it('100 Continue before curl sends the content, then 200 OK', async () => {
    const { received, body } = await curl([
      '-H',
      'Expect: 100-continue',
      '--data-binary',
      'hello curl',
      `${base}/api/status/100`,
    ]);
    const statusLines = received.filter((line) => line.startsWith('HTTP/'));
    expect(statusLines).toEqual(['HTTP/1.1 100 Continue', 'HTTP/1.1 200 OK']);
    const report = JSON.parse(body);
    expect(report.request.bodySize).toBe(10);
    expect(report.interim).toEqual([{ code: 100, reason: 'Continue', headers: [] }]);
  });

  it('426 with Upgrade when curl offers an unserved protocol to /api/status/101', async () => {
    const { received } = await curl([
      '-H',
      'Connection: Upgrade',
      '-H',
      'Upgrade: x-unknown',
      `${base}/api/status/101`,
    ]);
    expect(received[0]).toBe('HTTP/1.1 426 Upgrade Required');
    expect(received.some((line) => /^upgrade: \S/i.test(line))).toBe(true);
    expect(received.some((line) => /^connection: upgrade/i.test(line))).toBe(true);
  });
});
