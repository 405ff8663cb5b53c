/**
 * The probe's one adapter to capture storage and the live bus. The probe records whole
 * Exchanges itself (it owns the socket as a client), so they are redacted like every capture
 * (credentials replaced, also in the probe's own raw byte fields), linted, and put in
 * `app.exchangeStore` as they are (replacing an earlier snapshot with the same id); its events
 * are published on `app.bus` with the exchange id, for `/api/live`.
 */
import type { FastifyInstance } from 'fastify';
import {
  redactHeaderList,
  redactTarget,
  summarize,
  type Exchange,
  type HeaderList,
} from '@switchyard/exchange';
import { lintExchange, sortFindings } from '@switchyard/lint';
import { redactProbeExchange, type ProbeEvent, type ProbeExchange } from '@switchyard/probe';

/**
 * Redacts a probe exchange with the probe's own rules (`redactProbeExchange`): the record as
 * `redactExchange` does, plus the fields only the probe records: `endpoint` and `probe.url`
 * (the URL given, whose `token` query value is a credential), redirect locations, and the
 * exact bytes on the wire (`probe.sentBase64` / `probe.receivedBase64`).
 */
export function redactProbe(exchange: ProbeExchange): ProbeExchange {
  return redactProbeExchange(exchange);
}

/** The summary the live bus announces: of the redacted record, never of the raw one. */
function redactedSummary(exchange: ProbeExchange) {
  return summarize(redactProbe(exchange) as Exchange);
}

/** Header lines fit for the live bus: credentials redacted, and a redirect's Location query. */
function liveHeaders(headers: HeaderList): HeaderList {
  // RFC 9110 §10.2.2: a redirect's Location may carry the token on to the next request.
  return redactHeaderList(headers).map(([name, value]): [string, string] =>
    name.toLowerCase() === 'location' ? [name, redactTarget(value).target] : [name, value],
  );
}

/** Redacts, lints (findings into the record) and stores an exchange; never throws. */
export async function storeExchange(app: FastifyInstance, exchange: ProbeExchange): Promise<void> {
  const record = redactProbe(exchange);
  record.findings = sortFindings(lintExchange(exchange));
  if (!app.hasDecorator('exchangeStore') || app.config.capture === false) return;
  try {
    await app.exchangeStore.put(record as Exchange);
  } catch (error) {
    app.log.error({ err: error }, 'storing a probe exchange failed');
  }
}

/**
 * Publishes a probe event on the live bus, as the capture plugin's events (headers redacted,
 * summaries made of the redacted record).
 */
export function publishEvent(app: FastifyInstance, id: string, event: ProbeEvent): void {
  if (!app.hasDecorator('bus') || !app.bus.active) return;
  switch (event.type) {
    case 'interim':
      app.bus.publish({
        type: 'interim',
        id,
        interim: { ...event.interim, headers: liveHeaders(event.interim.headers) },
      });
      break;
    case 'response': {
      // The raw head may hold credentials: live subscribers get the redacted fields only.
      const { raw: _raw, offsets: _offsets, ...head } = event.response;
      app.bus.publish({
        type: 'response',
        id,
        response: { ...head, headers: liveHeaders(head.headers) },
      });
      break;
    }
    case 'frame':
      app.bus.publish({ type: 'frame', id, frame: event.frame });
      break;
    case 'truncated':
      // As the capture plugin does for its own exchanges: frames past the caps have no frame
      // event, so the running totals say what the live view is missing (caps are never silent).
      app.bus.publish({
        type: 'truncated',
        id,
        framesDropped: event.truncation.framesDropped,
        bytesDropped: event.truncation.bytesDropped,
      });
      break;
    case 'closed':
      if (event.close !== undefined) app.bus.publish({ type: 'close', id, close: event.close });
      break;
    case 'end':
      app.bus.publish({ type: 'end', id, summary: redactedSummary(event.result.exchange) });
      break;
    default:
      break;
  }
}

/** Announces a new probe on the live bus (its summary made of the redacted record). */
export function publishBegin(app: FastifyInstance, id: string, exchange: ProbeExchange): void {
  if (!app.hasDecorator('bus') || !app.bus.active) return;
  app.bus.publish({ type: 'begin', id, summary: redactedSummary(exchange) });
}
