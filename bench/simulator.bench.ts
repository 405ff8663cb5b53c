/**
 * Simulator overhead: requests/s and p99 latency of `GET /api/status/200` on the built
 * Switchyard app against a bare Fastify route that builds and returns an equivalent JSON body
 * (the request's raw headers and the same status fields, serialised the same way). Both servers
 * run in one worker thread, autocannon in this one; the two are measured alternately, in the
 * same run, with the same connections. Goal (issue 2 §4): ratio >= 0.9 for the simulator
 * itself (CAPTURE=off); the cost of recording every exchange (CAPTURE=on, in-memory store) is
 * printed beside it for information.
 */
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';

const CONNECTIONS = 16;
const ROUND_SECONDS = 4;
const ROUNDS = 3;

// Runs in the worker: plain JS, importing the built app (apps/server/dist) by URL.
const SERVERS = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { buildApp } = await import(workerData.appUrl);
  const { loadConfig } = await import(workerData.configUrl);
  const { default: Fastify } = await import(workerData.fastifyUrl);
  // The simulator alone (capture off), and with capture on (in-memory store), for information.
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', CAPTURE: 'off', STORAGE: 'memory' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const captured = await buildApp(loadConfig({ LOG_LEVEL: 'silent', CAPTURE: 'on', STORAGE: 'memory' }));
  await captured.listen({ port: 0, host: '127.0.0.1' });

  const sample = await app.inject({ url: '/api/status/200' });
  const template = JSON.parse(sample.body);
  const bare = Fastify({ logger: false });
  bare.get('/api/status/200', async (request, reply) => {
    const raw = request.raw;
    const headers = [];
    for (let i = 0; i < raw.rawHeaders.length; i += 2) headers.push([raw.rawHeaders[i], raw.rawHeaders[i + 1]]);
    const body = {
      request: {
        method: request.method,
        target: raw.url,
        httpVersion: 'HTTP/' + raw.httpVersion,
        headers,
        remoteAddress: raw.socket.remoteAddress,
        bodySize: null,
      },
      status: template.status,
      interim: [],
      notes: [],
    };
    return reply
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(body, null, 2) + '\\n');
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  parentPort.postMessage({
    switchyard: app.server.address().port,
    captured: captured.server.address().port,
    bare: bare.server.address().port,
    bytes: Buffer.byteLength(sample.body),
  });
  parentPort.on('message', async () => {
    await Promise.all([app.close(), captured.close(), bare.close()]);
    process.exit(0);
  });
})();
`;

interface Figures {
  requests: number;
  p99: number;
}

async function measure(port: number, seconds: number): Promise<Figures> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/status/200`,
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`port ${port}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return { requests: result.requests.average, p99: result.latency.p99 };
}

const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Runs the benchmark and prints the figures and the ratio. */
export async function run(): Promise<void> {
  const worker = new Worker(SERVERS, {
    eval: true,
    workerData: {
      appUrl: import.meta.resolve('@switchyard/server/app'),
      configUrl: import.meta.resolve('@switchyard/server/config'),
      fastifyUrl: import.meta.resolve('fastify'),
    },
  });
  const ports = await new Promise<{
    switchyard: number;
    captured: number;
    bare: number;
    bytes: number;
  }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('servers did not start')), 60_000);
    worker.once('message', (m) => {
      clearTimeout(timer);
      resolve(m);
    });
    worker.once('error', reject);
  });
  try {
    // Warm both up (JIT), then alternate so that machine noise hits both alike.
    await measure(ports.bare, 1);
    await measure(ports.switchyard, 1);
    await measure(ports.captured, 1);
    const bare: Figures[] = [];
    const sim: Figures[] = [];
    const cap: Figures[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bare.push(await measure(ports.bare, ROUND_SECONDS));
      sim.push(await measure(ports.switchyard, ROUND_SECONDS));
      cap.push(await measure(ports.captured, ROUND_SECONDS));
    }
    const bareRps = average(bare.map((f) => f.requests));
    const simRps = average(sim.map((f) => f.requests));
    const capRps = average(cap.map((f) => f.requests));
    const row = (name: string, rps: number, figures: Figures[]) =>
      `${name.padEnd(34)} ${rps.toFixed(0).padStart(8)} req/s   p99 ${average(
        figures.map((f) => f.p99),
      )
        .toFixed(1)
        .padStart(6)} ms`;
    console.log(
      `GET /api/status/200, ${ports.bytes}-byte JSON body, ${CONNECTIONS} connections, ` +
        `${ROUNDS} alternating rounds of ${ROUND_SECONDS} s`,
    );
    console.log(row('bare Fastify route (peer)', bareRps, bare));
    console.log(row('Switchyard simulator (CAPTURE=off)', simRps, sim));
    console.log(row('Switchyard simulator (CAPTURE=on)', capRps, cap));
    console.log(`ratio (simulator / bare): ${(simRps / bareRps).toFixed(3)}  (goal >= 0.9)`);
    console.log(`ratio with capture on:    ${(capRps / bareRps).toFixed(3)}  (information)`);
  } finally {
    worker.postMessage('stop');
    await new Promise((resolve) => worker.once('exit', resolve));
  }
}
