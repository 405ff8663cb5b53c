/**
 * HTTP/2 over prior-knowledge h2c (issue 8): h2load against `GET /api/status/200` on the built
 * Switchyard app (capture off) and against a bare Node `http2` server answering an equivalent
 * JSON body (the ratio, goal >= 0.85). For information, two more servers split the gap: a bare
 * Fastify route building the same body on Fastify's own HTTP/2 server (`http2: true`), and the
 * same route behind the h2c layer (preface sniffing, the http2 compat API into Fastify's
 * router), both without the app's plugins and the simulator. All run in
 * this process; h2load runs as a separate process; the servers are measured alternately in the
 * same run, and each figure is the median of its rounds. Beside the rates it prints the CPU time
 * the servers' process spent per request (median), which a shared machine disturbs far less.
 */
import { execFile } from 'node:child_process';
import http2 from 'node:http2';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Fastify, { type FastifyPluginAsync } from 'fastify';
import { buildApp } from '@switchyard/server/app';
import { loadConfig } from '@switchyard/server/config';

const CLIENTS = 8;
const STREAMS = 10;
const ROUND_SECONDS = 3;
const ROUNDS = 5;

/** One h2load run: requests/s, and this process's CPU time per request (µs). */
interface Round {
  rate: number;
  cpuMicros: number;
}

/**
 * Runs h2load for `seconds`; returns requests/s and the CPU this process (every server under
 * test runs here, only one is loaded at a time; h2load is another process) spent per request,
 * which other load on a shared machine disturbs far less than the rate. Fails on any error or
 * non-2xx.
 */
async function h2load(port: number, seconds: number): Promise<Round> {
  const before = process.cpuUsage();
  const { rate, done } = await h2loadRun(port, seconds);
  const used = process.cpuUsage(before);
  return { rate, cpuMicros: (used.user + used.system) / Math.max(1, done) };
}

function h2loadRun(port: number, seconds: number): Promise<{ rate: number; done: number }> {
  const args = ['-c', String(CLIENTS), '-m', String(STREAMS), '-D', String(seconds), '-T', '10'];
  args.push(`http://127.0.0.1:${port}/api/status/200`);
  return new Promise((resolve, reject) => {
    execFile('h2load', args, { timeout: (seconds + 30) * 1000 }, (error, stdout) => {
      if (error) return reject(error);
      const rate = /finished in [\d.]+m?s, ([\d.]+) req\/s/.exec(stdout);
      const counts =
        /requests: (\d+) total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored/.exec(
          stdout,
        );
      const codes = /status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx/.exec(stdout);
      if (!rate || !counts || !codes) {
        return reject(new Error(`unexpected h2load output:\n${stdout}`));
      }
      if (counts[4] !== '0' || counts[5] !== '0' || codes[3] !== '0' || codes[4] !== '0') {
        return reject(new Error(`port ${port}: errors in h2load run:\n${stdout}`));
      }
      resolve({ rate: Number(rate[1]), done: Number(counts[2]) });
    });
  });
}

/** Median of the rounds: the machine is shared, one disturbed round should not decide. */
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The simulator's diagnostic body for a 200, built the simple way (same shape and size). */
function jsonBody(req: IncomingMessage | http2.Http2ServerRequest, status: unknown): string {
  const headers: [string, string][] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  }
  const request = {
    method: req.method,
    target: req.url,
    httpVersion: `HTTP/${req.httpVersion}`,
    headers,
    remoteAddress: req.socket.remoteAddress,
    bodySize: null,
  };
  return `${JSON.stringify({ request, status, interim: [], notes: [] }, null, 2)}\n`;
}

/** Starts a server on 127.0.0.1:0 and returns its port. */
async function listen(server: http2.Http2Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Runs the benchmark and prints the figures and the ratio. */
export async function run(): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'silent', CAPTURE: 'off', STORAGE: 'memory' });
  const app = await buildApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const template = JSON.parse((await app.inject({ url: '/api/status/200' })).body) as {
    status: unknown;
  };

  const bare = http2.createServer((req, res) => {
    const body = jsonBody(req, template.status);
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });

  // The h2c layer alone, from the built server (not an export: a benchmark-only look inside).
  const serverDir = path.dirname(
    fileURLToPath(import.meta.resolve('@switchyard/server/package.json')),
  );
  const h2cUrl = pathToFileURL(path.join(serverDir, 'dist/features/h2c/index.js')).href;
  const h2c = (await import(h2cUrl)) as { default: FastifyPluginAsync };
  const layered = Fastify({ logger: false });
  layered.decorate('config', config);
  await layered.register(h2c.default);
  layered.get('/api/status/200', async (request, reply) =>
    reply
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(jsonBody(request.raw, template.status)),
  );
  await layered.listen({ port: 0, host: '127.0.0.1' });
  const fastifyH2 = Fastify({ logger: false, http2: true });
  fastifyH2.get('/api/status/200', async (request, reply) =>
    reply
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(jsonBody(request.raw, template.status)),
  );
  await fastifyH2.listen({ port: 0, host: '127.0.0.1' });

  const ports = {
    bare: await listen(bare),
    fastify: (fastifyH2.server.address() as AddressInfo).port,
    layer: (layered.server.address() as AddressInfo).port,
    switchyard: (app.server.address() as AddressInfo).port,
  };
  try {
    for (const port of Object.values(ports)) await h2loadRun(port, 1);
    const keys = ['bare', 'fastify', 'layer', 'switchyard'] as const;
    const rounds = { bare: [], fastify: [], layer: [], switchyard: [] } as Record<
      (typeof keys)[number],
      Round[]
    >;
    for (let round = 0; round < ROUNDS; round++) {
      for (const key of keys) {
        rounds[key].push(await h2load(ports[key], ROUND_SECONDS));
      }
    }
    const rates = {} as Record<(typeof keys)[number], number[]>;
    const cpu = {} as Record<(typeof keys)[number], number>;
    for (const key of keys) {
      rates[key] = rounds[key].map((r) => r.rate);
      cpu[key] = median(rounds[key].map((r) => r.cpuMicros));
    }
    const show = (label: string, values: number[], key: (typeof keys)[number]) =>
      console.log(
        `${label.padEnd(34)} ${median(values).toFixed(0).padStart(7)} req/s  CPU ${cpu[key].toFixed(1).padStart(6)} µs/req  (${values.map((r) => r.toFixed(0)).join(', ')})`,
      );
    console.log(
      `h2load -c ${CLIENTS} -m ${STREAMS}, ${ROUNDS} x ${ROUND_SECONDS} s each (median), prior-knowledge h2c`,
    );
    show('bare node:http2', rates.bare, 'bare');
    show('Fastify http2: true, bare route', rates.fastify, 'fastify');
    show('h2c layer + bare Fastify route', rates.layer, 'layer');
    show('switchyard simulator', rates.switchyard, 'switchyard');
    const b = median(rates.bare);
    const f = median(rates.fastify);
    console.log(
      `information: Fastify http2 / bare ${(f / b).toFixed(2)}, h2c layer + Fastify / Fastify http2 ${(median(rates.layer) / f).toFixed(2)}`,
    );
    console.log(`ratio ${(median(rates.switchyard) / b).toFixed(2)} (goal >= 0.85)`);
    // Bare node:http2's CPU per request over the simulator's: 1 = as cheap (information).
    console.log(`CPU ratio ${(cpu.bare / cpu.switchyard).toFixed(2)} (bare CPU / simulator CPU)`);
  } finally {
    await app.close();
    await layered.close();
    await fastifyH2.close();
    await new Promise<void>((resolve) => bare.close(() => resolve()));
  }
}
