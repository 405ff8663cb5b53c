/**
 * The lab feature (issue 8): `POST /api/lab/echo-paths` reaches this server's WebSocket echo
 * three ways at once, over loopback to its own listener, and answers each path's client record
 * with the ids of the server's captures: HTTP/1.1 Upgrade (101), h2c Upgrade then RFC 8441
 * (101, then 200 on a new stream), and HTTP/2 with prior knowledge then RFC 8441 (200). The
 * `/lab/echo-paths` page shows them side by side.
 *
 * Bounded: each wait of a path by `STEP_MS`, a path by `TOTAL_MS`, and at most `MAX_RUNNING`
 * runs at once (more get 429). The target is always this server on 127.0.0.1 / ::1
 * (self-address.ts); the HTTP/2 client refuses anything but loopback on its own.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { compilePolicy } from '@switchyard/probe';
import { sendProblem } from '../../plugins/problem.js';
import { runH2Path } from './h2-paths.js';
import { runHttp1Path, type LabTimeouts } from './http1-path.js';
import type { PathKey, PathResult } from './path-result.js';
import { echoPathsRouteSchema, type EchoPathsBody } from './schema.js';
import { selfAddress } from './self-address.js';

const TIMEOUTS: LabTimeouts = { stepMs: 5_000, totalMs: 15_000 };
const MAX_RUNNING = 2;
const DEFAULT_MESSAGE = 'hello, echo';

/**
 * Path 1's probe policy. The target is always `selfAddress` (loopback by construction); on top
 * of that, public mode refuses every private and special-purpose range, and the allow list
 * admits loopback back in.
 */
const LOOPBACK_ONLY = compilePolicy({ mode: 'public', allow: ['127.0.0.0/8', '::1/128'] });

/** A path that could not even start (e.g. the connection was refused) as a failed result. */
function failed(key: PathKey, message: string, error: unknown): PathResult {
  return {
    key,
    ok: false,
    error: error instanceof Error ? error.message : String(error),
    statuses: [],
    captures: [],
    websocket: {
      carriedIn: key === 'http1-upgrade' ? 'tcp' : 'http2-data',
      frames: [],
      sentText: message,
    },
    wire: { sentBytes: 0, receivedBytes: 0, sentBase64: '', receivedBase64: '' },
    durationMs: 0,
  };
}

export default async function labFeature(app: FastifyInstance): Promise<void> {
  let running = 0;

  app.post<{ Body: EchoPathsBody | undefined }>(
    '/api/lab/echo-paths',
    {
      schema: echoPathsRouteSchema,
      // The response schema documents the shape; plain JSON keeps every field of the records.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request, reply) => {
      const self = selfAddress(app.server.address() as AddressInfo | string | null);
      if (!self.ok) {
        return sendProblem(reply, {
          status: 503,
          type: 'lab-unavailable',
          title: 'The lab cannot reach this server over loopback',
          detail: `The lab connects to this server's own listener over loopback only, but ${self.reason}.`,
        });
      }
      if (running >= MAX_RUNNING) {
        return sendProblem(
          reply,
          {
            status: 429,
            type: 'lab-busy',
            title: 'The lab is busy',
            detail: `At most ${MAX_RUNNING} lab runs may go at once; try again in a moment.`,
          },
          { 'retry-after': 1 },
        );
      }
      running++;
      try {
        const message = request.body?.message ?? DEFAULT_MESSAGE;
        const { address, port } = self;
        const settle = (key: PathKey, run: Promise<PathResult>) =>
          run.catch((error: unknown) => failed(key, message, error));
        const paths = await Promise.all([
          settle('http1-upgrade', runHttp1Path(address, port, message, LOOPBACK_ONLY, TIMEOUTS)),
          settle('h2c-upgrade', runH2Path('h2c-upgrade', address, port, message, TIMEOUTS)),
          settle(
            'h2-prior-knowledge',
            runH2Path('prior-knowledge', address, port, message, TIMEOUTS),
          ),
        ]);
        const host = address.includes(':') ? `[${address}]` : address;
        return reply.send({
          ok: paths.every((p) => p.ok),
          message,
          target: `http://${host}:${port}`,
          paths,
        });
      } finally {
        running--;
      }
    },
  );
}
