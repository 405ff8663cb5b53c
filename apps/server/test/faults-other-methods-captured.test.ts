/**
 * Wire review of the fault endpoints (issue 4): a request with another method than GET to
 * `/ws/faulty/{fault}` got its 405 (RFC 6455 §4.2.1 item 1, RFC 9110 §15.5.6 `Allow`) but no
 * capture and no share link, unlike the same request to `/ws/echo` and unlike what the README
 * promises ("every request to the simulator, upgrade and fault endpoints is captured").
 * Peer: curl.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curlStdout, stored } from './support/http.js';
import { startApp } from './support/ws-helpers.js';

let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  ({ app, port } = await startApp());
});
afterAll(async () => {
  await app.close();
});

/** curl with the response head in its output. */
const curl = (args: string[]) => curlStdout(['-i', ...args]);

describe('another method on /ws/faulty/{fault}', () => {
  it.each(['POST', 'DELETE'])(
    '%s: 405 problem with Allow: GET, captured under its link',
    async (method) => {
      const text = await curl(['-X', method, `http://127.0.0.1:${port}/ws/faulty/bad-accept`]);
      expect(text).toMatch(/^HTTP\/1\.1 405 /);
      expect(text).toMatch(/^allow: GET\r$/im);
      expect(text).toMatch(/^content-type: application\/problem\+json/im);
      const id = /^x-switchyard-capture: (\S+)\r$/im.exec(text)?.[1];
      expect(id, 'X-Switchyard-Capture').toBeTruthy();
      expect(text).toContain(`link: </x/${id}>; rel="capture"`);
      const exchange = await stored(app, id!);
      expect(exchange.request.method).toBe(method);
      expect(exchange.response?.status).toBe(405);
    },
    40_000,
  );
});
