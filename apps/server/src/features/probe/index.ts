/**
 * The probe feature (issue 7): `POST /api/probe` sends an exact, composed request to a target
 * the policy allows and records the exchange; its events go out on `/api/live` (subscribe to
 * its id), `GET /api/probe/{id}` reads its state and `POST /api/probe/{id}/send` sends frames
 * on its open WebSocket (`/api/live` is receive-only). Policy refusals are 403 problem+json,
 * bad input 400, more than the per-client cap 429, unreachable targets 502/504.
 */
import type { FastifyInstance } from 'fastify';
import {
  ProbeConnectError,
  ProbeInputError,
  ProbeRefusedError,
  compilePolicy,
  startProbe,
  type Probe,
  type ProbeHeaderLine,
  type SendAction,
  type SendResult,
} from '@switchyard/probe';
import { ProblemError, sendProblem } from '../../plugins/problem.js';
import { ProbeRegistry } from './registry.js';
import {
  probeBodySchema,
  sendActionSchema,
  type ProbeBody,
  type SendActionBody,
} from './schema.js';
import { publishBegin, publishEvent, redactProbe, storeExchange } from './store.js';
import { mayUseTls, probeTrust } from './trust.js';

const bytes = (base64: string | undefined) => new Uint8Array(Buffer.from(base64 ?? '', 'base64'));

/** A send request body → the probe's action. */
function toAction(body: SendActionBody): SendAction | 'abort' {
  switch (body.type) {
    case 'abort':
      return 'abort';
    case 'text':
      return { type: 'text', text: body.text ?? '' };
    case 'binary':
      return { type: 'binary', data: bytes(body.data) };
    case 'ping':
    case 'pong':
      return { type: body.type, data: bytes(body.data) };
    case 'close': {
      const action: SendAction = { type: 'close' };
      if (body.code !== undefined) action.code = body.code;
      if (body.reason !== undefined) action.reason = body.reason;
      return action;
    }
    case 'raw': {
      const action: SendAction = {
        type: 'raw',
        opcode: body.opcode ?? 1,
        payload: bytes(body.data),
      };
      for (const k of ['fin', 'rsv1', 'rsv2', 'rsv3', 'mask', 'allowInvalid'] as const) {
        if (body[k] !== undefined) action[k] = body[k];
      }
      return action;
    }
  }
}

function perform(probe: Probe, body: SendActionBody): SendResult | { ok: true; aborted: true } {
  const action = toAction(body);
  if (action === 'abort') {
    probe.abort();
    return { ok: true, aborted: true };
  }
  return probe.send(action);
}

/** What the API shows of a probe (the exchange redacted, as stored). */
function state(id: string, probe: Probe) {
  const exchange = redactProbe(probe.snapshot());
  return {
    id,
    link: `/x/${id}`,
    open: probe.open,
    done: probe.done,
    outcome: exchange.probe.outcome,
    status: exchange.response?.status ?? null,
    handshake: exchange.probe.handshake ?? null,
    exchange,
  };
}

export default async function probeFeature(app: FastifyInstance): Promise<void> {
  const config = app.config;
  const policy = compilePolicy({
    mode: config.probePolicy,
    allow: config.probeAllow,
    deny: config.probeDeny,
  });
  const registry = new ProbeRegistry(config.probeMaxPerClient);
  const trust = probeTrust(config, app.log);
  app.addHook('onClose', async () => registry.abortAll());

  app.post<{ Body: ProbeBody }>(
    '/api/probe',
    {
      schema: {
        summary: 'Send an exact, composed request (or opening handshake) and record the exchange',
        tags: ['probe'],
        body: probeBodySchema,
      },
    },
    async (request, reply) => {
      const body = request.body;
      const client = request.ip;
      if (!registry.reserve(client)) {
        return sendProblem(reply, {
          status: 429,
          type: 'probe-limit',
          title: 'Too many probes',
          detail: `At most ${config.probeMaxPerClient} probes may run at once per client.`,
        });
      }
      let probe: Probe;
      try {
        const headers: ProbeHeaderLine[] | undefined = body.headers?.map((h) =>
          typeof h === 'string' ? { raw: h } : [h[0], h[1]],
        );
        const t = body.timeouts ?? {};
        const followRedirects = body.followRedirects ?? 0;
        // The server's own certificate is trusted on top of the default roots (trust.ts).
        const ca = mayUseTls(body.url, followRedirects) ? trust.ca() : undefined;
        probe = await startProbe(
          {
            url: body.url,
            ...(body.method !== undefined ? { method: body.method } : {}),
            ...(body.target !== undefined ? { target: body.target } : {}),
            ...(body.version !== undefined ? { version: body.version } : {}),
            ...(body.startLine !== undefined ? { startLine: body.startLine } : {}),
            ...(headers !== undefined ? { headers } : {}),
            ...(body.body !== undefined
              ? { body: body.bodyEncoding === 'base64' ? bytes(body.body) : body.body }
              : {}),
          },
          {
            policy,
            autoPong: body.autoPong ?? true,
            followRedirects,
            ...(body.corsOrigin !== undefined ? { corsOrigin: body.corsOrigin } : {}),
            tls: {
              rejectUnauthorized: body.insecure !== true,
              ...(ca !== undefined ? { ca } : {}),
            },
            maxFrames: config.captureMaxFrames,
            maxBytes: config.captureMaxBytes,
            maxBodyBytes: config.capturePreviewBytes,
            timeouts: {
              ...t,
              idleMs: Math.min(t.idleMs ?? config.probeIdleMs, config.probeIdleMs),
              maxDurationMs: Math.min(t.maxDurationMs ?? config.probeMaxMs, config.probeMaxMs),
            },
          },
        );
      } catch (error) {
        registry.release(client);
        if (error instanceof ProbeRefusedError) {
          throw new ProblemError({
            status: 403,
            type: 'probe-target-refused',
            title: 'Probe target refused',
            detail: error.message,
            mode: policy.mode,
            refusals: error.refusals.map((r) => ({
              address: r.address,
              range: r.range,
              kind: r.kind,
              reason: r.reason,
            })),
          });
        }
        if (error instanceof ProbeInputError) {
          throw new ProblemError({
            status: 400,
            type: 'invalid-request',
            title: 'Invalid request',
            detail: error.message,
            parameter: error.field,
          });
        }
        if (error instanceof ProbeConnectError) {
          throw new ProblemError({
            status: error.timedOut ? 504 : 502,
            type: 'probe-unreachable',
            title: 'Probe target unreachable',
            detail: `${error.phase}: ${error.message}`,
          });
        }
        throw error;
      }
      const id = probe.snapshot().id;
      registry.add(id, client, probe);
      publishBegin(app, id, probe.snapshot());
      for (const event of probe.history) publishEvent(app, id, event);
      probe.on('event', (event) => publishEvent(app, id, event));
      void probe.result.then(async (result) => {
        registry.release(client);
        registry.finished(id);
        await storeExchange(app, result.exchange);
        for (const hop of result.hops) await storeExchange(app, hop);
        if (result.cors?.exchange !== undefined) await storeExchange(app, result.cors.exchange);
      });
      await probe.ready;
      const sent = probe.open ? (body.send ?? []).map((action) => perform(probe, action)) : [];
      // Stored now so the link works at once; replaced by the final record when the probe ends.
      await storeExchange(app, probe.snapshot());
      return reply.code(201).send({ ...state(id, probe), sent });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/probe/:id',
    {
      schema: { summary: 'A running or recent probe: state and exchange so far', tags: ['probe'] },
    },
    async (request, reply) => {
      const probe = registry.get(request.params.id);
      if (probe === undefined) {
        return sendProblem(reply, {
          status: 404,
          type: 'not-found',
          title: 'Not found',
          detail: 'No running or recent probe has this id (finished probes are at /api/exchanges).',
        });
      }
      return state(request.params.id, probe);
    },
  );

  app.post<{ Params: { id: string }; Body: SendActionBody }>(
    '/api/probe/:id/send',
    {
      schema: {
        summary: "Send a frame on a probe's open WebSocket (or abort it)",
        tags: ['probe'],
        body: sendActionSchema,
      },
    },
    async (request, reply) => {
      const probe = registry.get(request.params.id);
      if (probe === undefined) {
        return sendProblem(reply, { status: 404, type: 'not-found', title: 'Not found' });
      }
      if (!probe.open) {
        return sendProblem(reply, {
          status: 409,
          type: 'probe-not-open',
          title: 'Probe not open',
          detail: 'The probe has no open WebSocket connection.',
        });
      }
      const result = perform(probe, request.body);
      if (!result.ok) {
        return sendProblem(reply, {
          status: 422,
          type: 'probe-frame-refused',
          title: 'Frame refused',
          detail: result.reason,
          findings: result.findings,
        });
      }
      return result;
    },
  );
}
