/**
 * The simulator feature (issue 2 §3): `/api/status/{code}` for any method answers as that status
 * really behaves on the wire, plus the catalog routes. One encapsulated plugin.
 */
import { METHODS, type IncomingMessage, type ServerResponse } from 'node:http';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
  RequestPayload,
} from 'fastify';
import cors from '@fastify/cors';
import { sendProblem } from '../../plugins/problem.js';
import { countBody } from './body-counter.js';
import { catalogRoutes } from './catalog-routes.js';
import { canSendInterim, writeInterim } from './interim.js';
import { isPlanProblem, makePlan, type SimPlan } from './plan.js';
import { sendFinal } from './respond.js';
import { statusInfo } from './status-info.js';
import { handleSwitch, offeredProtocols } from './switch.js';
import { claimSimulatorUpgrades, upgradeHandler } from './upgrade.js';
import type { RandomSource } from './weighted-random.js';

export { registerUpgradeProtocol, type UpgradeContext, type UpgradeHandler } from './upgrade.js';

export interface SimulatorOptions {
  /** Random source for weighted choices (default `Math.random`); tests pass their own. */
  random?: RandomSource;
}

const STATUS_PREFIX = '/api/status/';
const CONTINUE = /^\s*100-continue\s*$/i;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_LIST = /^[\t\x20-\x7e]*$/;

/** Default Link of a 103 when the request gives none (RFC 8297 §2: typically preload hints). */
const DEFAULT_EARLY_HINT = '</api/catalog/103>; rel=preload; as=fetch; crossorigin';

const ROUTE_DESCRIPTION = `Answers with the status {code} (100-599) as it behaves on the wire, any method.
Options, as query parameters or X-Switchyard-* request headers (the query wins):
- delay (X-Switchyard-Delay): wait before the final response, e.g. 1500, 1500ms or 1.5s (bounded by DELAY_CAP_MS)
- header (X-Switchyard-Header): an extra response field "Name: Value", repeatable; replaces the status's default of that name; an empty value removes it
- body (X-Switchyard-Body) and content_type (X-Switchyard-Content-Type): custom content instead of the diagnostic
- random (X-Switchyard-Random): weighted random status, e.g. 200:0.7,429:0.3 (also accepted in place of {code})
- link (X-Switchyard-Link): Link values of a 103 Early Hints, repeatable
1xx: 100, 102, 103 (and any other 1xx) are sent as real interim responses followed by a final 200; 101 switches only to an offered, supported protocol, else 426.`;

/**
 * Whether the simulator decides for itself about `Expect: 100-continue` on this request target
 * (see expectHook); elsewhere a server keeps Node's default, which sends 100 Continue at once.
 * Node emits 'checkContinue' instead of 'request' when it has a listener (its HTTP/1.1 and
 * HTTP/2 servers alike); the HTTP/2 servers (features/h2c) ask this too.
 */
export function simulatorDecidesContinue(url: string | undefined): boolean {
  return url?.startsWith(STATUS_PREFIX) === true;
}

function installContinueListener(app: FastifyInstance): void {
  const server = app.server;
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (!simulatorDecidesContinue(req.url)) res.writeContinue();
    server.emit('request', req, res);
  });
}

function wait(ms: number, request: FastifyRequest): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(true);
  const socket = request.raw.socket;
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      socket?.removeListener('close', onClose);
      resolve(true);
    }, ms);
    socket?.once('close', onClose);
  });
}

/** The status the client will finally get for a planned code (1xx other than 101 end in 200). */
function finalCodeOf(plan: SimPlan, request: FastifyRequest): number {
  if (plan.code === 101) {
    const switches = offeredProtocols(request.headers.upgrade).some(
      (p) => upgradeHandler(request.server.server, p.split('/')[0]!) !== undefined,
    );
    return switches ? 101 : 426;
  }
  return plan.code < 200 ? 200 : plan.code;
}

async function simulatorPlugin(app: FastifyInstance, opts: SimulatorOptions): Promise<void> {
  const random = opts.random ?? Math.random;
  const delayCapMs = app.config.delayCapMs;

  // CORS open for browsers (Fetch standard); preflights are answered by preflightHook below so
  // that a plain OPTIONS still gets the simulated status.
  await app.register(cors, { origin: '*', preflight: false, exposedHeaders: '*' });
  // "Any method": every method Node's parser accepts (WebDAV's PROPFIND, SEARCH, ...), not only
  // Fastify's standard set. CONNECT never reaches routing (Node emits 'connect').
  for (const method of METHODS) {
    if (method !== 'CONNECT' && !app.supportedMethods.includes(method)) {
      app.addHttpMethod(method, { hasBody: true });
    }
  }
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', countBody);
  installContinueListener(app);
  claimSimulatorUpgrades(app);
  catalogRoutes(app);

  // Callback-style hooks (no promise per request: each async hook cost ~1-2% of the CPU of
  // GET /api/status/200 in the issue 2 bench profile). A hook that sends the reply does not
  // call `done` (Fastify stops the request there).
  function planHook(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) {
    const acrm = request.headers['access-control-request-method'];
    if (
      request.method === 'OPTIONS' &&
      request.headers.origin !== undefined &&
      acrm !== undefined
    ) {
      // CORS preflight: allow whatever is asked, the simulator accepts any method and field.
      const acrh = request.headers['access-control-request-headers'];
      reply.code(204).header('Access-Control-Max-Age', '600');
      if (TOKEN.test(acrm)) reply.header('Access-Control-Allow-Methods', acrm);
      if (acrh !== undefined && HEADER_LIST.test(acrh)) {
        reply.header('Access-Control-Allow-Headers', acrh);
      }
      reply.send();
      return;
    }
    const params = request.params as { code: string };
    const plan = makePlan(
      params.code,
      request.query as Record<string, string | string[] | undefined>,
      request.raw.rawHeaders,
      delayCapMs,
      random,
    );
    if (isPlanProblem(plan)) {
      sendProblem(reply, {
        status: 400,
        type: plan.type,
        title: plan.type === 'invalid-status-code' ? 'Invalid status code' : 'Invalid option',
        detail: plan.detail,
        parameter: plan.parameter,
      });
      return;
    }
    request.simPlan = plan;
    done();
  }

  // RFC 9110 §10.1.1: with "Expect: 100-continue" the server either sends 100 Continue and
  // reads the content, or answers with a final status without reading it (then the connection
  // cannot be reused; Node closes it). Runs before the content is read.
  function expectHook(
    request: FastifyRequest,
    reply: FastifyReply,
    payload: RequestPayload,
    done: (err: Error | null, payload: RequestPayload) => void,
  ) {
    applyExpect(request, reply);
    done(null, payload);
  }

  function applyExpect(request: FastifyRequest, reply: FastifyReply): void {
    const plan = request.simPlan;
    const expect = request.headers.expect;
    if (!plan || expect === undefined || !CONTINUE.test(expect)) return;
    const version = request.raw.httpVersion;
    if (version === '1.0' || version === '0.9') {
      plan.notes.push(
        'Expect ignored: HTTP/1.0 request; no 1xx is sent to it (RFC 9110 §10.1.1, §15.2).',
      );
      return;
    }
    // RFC 9110 §10.1.1: a final status that the header fields alone decide is sent instead of
    // 100. Content-Length past the body limit is such a case: 413 (§15.5.14), content unread.
    const length = Number(request.headers['content-length']);
    if (length > request.server.config.bodyLimit) {
      plan.notes.push(
        `No 100 Continue: Content-Length ${length} is past this server's limit of ${request.server.config.bodyLimit} bytes, so the 413 is sent without reading the content (RFC 9110 §10.1.1, §15.5.14).`,
      );
      return;
    }
    const finalCode = finalCodeOf(plan, request);
    if (finalCode >= 400) {
      plan.skipBody = true;
      plan.notes.push(
        version === '2.0'
          ? `No 100 Continue: the final ${finalCode} is sent without reading the content (RFC 9110 §10.1.1); over HTTP/2 the connection stays open, and the client may stop sending the content (RFC 9113 §8.1).`
          : `No 100 Continue: the final ${finalCode} is sent without reading the content, and the connection is closed after it (RFC 9110 §10.1.1).`,
      );
    } else if (canSendInterim(reply.raw, version)) {
      const record = writeInterim(reply.raw, 100, 'Continue');
      plan.interim.push(record);
      request.capture?.interim(record.code, record.reason, record.headers);
      plan.notes.push(
        '100 Continue sent before reading the content, as "Expect: 100-continue" asked (RFC 9110 §10.1.1, §15.2.1).',
      );
    }
    return;
  }

  async function simulate(request: FastifyRequest, reply: FastifyReply) {
    const plan = request.simPlan!;
    const { options } = plan;
    const res = reply.raw;
    const info = statusInfo(plan.code);

    if (plan.code === 101) {
      if (!(await wait(options.delayMs, request))) return reply.hijack();
      return handleSwitch(request, reply, plan);
    }

    let finalHeaders: [string, string][] | undefined;
    if (info.class === 'informational') {
      let headers: [string, string][] = [];
      if (plan.code === 103) {
        const links = options.links.length > 0 ? options.links : [DEFAULT_EARLY_HINT];
        headers = links.map((link) => ['Link', link]);
        // RFC 8297 §2: the hints are expected to be in the final response too.
        finalHeaders = headers;
      }
      const already = plan.interim.some((i) => i.code === plan.code);
      if (already) {
        // The 100 went out before the content was read (expectHook).
      } else if (canSendInterim(res, request.raw.httpVersion)) {
        const record = writeInterim(res, plan.code, info.reason, headers);
        plan.interim.push(record);
        request.capture?.interim(record.code, record.reason, record.headers);
        if (plan.code === 100 && request.headers.expect === undefined) {
          plan.notes.push(
            '100 Continue sent although the request did not ask for it: a client MUST be able to parse a 1xx it does not expect (RFC 9110 §15.2).',
          );
        }
      } else if (request.raw.httpVersion === '1.0' || request.raw.httpVersion === '0.9') {
        plan.notes.push(
          `No ${plan.code} sent: a server MUST NOT send a 1xx response to an HTTP/1.0 client (RFC 9110 §15.2).`,
        );
      } else {
        plan.notes.push(`No ${plan.code} sent: this response is not written to a socket.`);
      }
      plan.notes.push(
        `${plan.code} ${info.reason} is informational (RFC 9110 §15.2): it is never a final response, so a 200 OK follows.`,
      );
      if (!(await wait(options.delayMs, request))) return reply.hijack();
      return sendFinal(request, reply, plan, {
        info: statusInfo(200),
        ...(finalHeaders ? { headers: finalHeaders } : {}),
      });
    }

    if (info.treatedAs !== undefined) {
      plan.notes.push(
        `${plan.code} is not registered: served with the semantics of ${info.treatedAs}, as a client must treat it (RFC 9110 §15).`,
      );
    }
    // No delay (the common case): no extra await before the response.
    if (options.delayMs > 0 && !(await wait(options.delayMs, request))) return reply.hijack();
    return sendFinal(request, reply, plan, { info, close: plan.skipBody });
  }

  app.route({
    method: [...app.supportedMethods],
    url: `${STATUS_PREFIX}:code`,
    exposeHeadRoute: false,
    config: { capture: true },
    schema: {
      summary: 'Simulate a status code',
      description: ROUTE_DESCRIPTION,
      tags: ['simulator'],
      params: {
        type: 'object',
        properties: {
          code: {
            type: 'string',
            description: 'A status code (100-599) or a weighted list such as 200:0.7,429:0.3',
          },
        },
        required: ['code'],
      },
    },
    onRequest: planHook,
    preParsing: expectHook,
    handler: simulate,
  });
}

/** The simulator plugin; register it with `app.register(simulator)`. */
export default simulatorPlugin;
