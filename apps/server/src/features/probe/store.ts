/**
 * The probe's one adapter to capture storage and the live bus. The probe records whole
 * Exchanges itself (it owns the socket as a client), so they are redacted like every capture
 * (credentials replaced, also in the probe's own raw byte fields), linted, and put in
 * `app.exchangeStore` as they are (replacing an earlier snapshot with the same id); its events
 * are published on `app.bus` with the exchange id, for `/api/live`.
 */
import type { FastifyInstance } from 'fastify';
import {
  REDACTED,
  redactExchange,
  redactHeaderList,
  summarize,
  type Exchange,
  type HeaderList,
} from '@switchyard/exchange';
import { lintExchange, sortFindings } from '@switchyard/lint';
import type { ProbeEvent, ProbeExchange } from '@switchyard/probe';

/** Values that redaction replaced in `before` → `after` header lists. */
function redactedValues(before: HeaderList, after: HeaderList, into: Set<string>): void {
  before.forEach(([, value], i) => {
    if (after[i]?.[1] === REDACTED && value !== REDACTED && value.trim() !== '') {
      into.add(value.trim());
    }
  });
}

function scrubBase64(base64: string, secrets: readonly string[]): string {
  let text = Buffer.from(base64, 'base64').toString('latin1');
  for (const secret of secrets) text = text.split(secret).join(REDACTED);
  return Buffer.from(text, 'latin1').toString('base64');
}

/**
 * Redacts a probe exchange: `redactExchange` for the record, and the same credential values
 * scrubbed from `probe.sentBase64` / `probe.receivedBase64` (the exact bytes on the wire).
 */
export function redactProbe(exchange: ProbeExchange): ProbeExchange {
  const clean = redactExchange(exchange) as ProbeExchange;
  const secrets = new Set<string>();
  redactedValues(exchange.request.headers, clean.request.headers, secrets);
  if (exchange.response && clean.response) {
    redactedValues(exchange.response.headers, clean.response.headers, secrets);
  }
  exchange.interim.forEach((r, i) => redactedValues(r.headers, clean.interim[i]!.headers, secrets));
  if (secrets.size === 0) return clean;
  const list = [...secrets].sort((a, b) => b.length - a.length);
  return {
    ...clean,
    probe: {
      ...clean.probe,
      sentBase64: scrubBase64(clean.probe.sentBase64, list),
      receivedBase64: scrubBase64(clean.probe.receivedBase64, list),
    },
  };
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

/** Publishes a probe event on the live bus, as the capture plugin's events (headers redacted). */
export function publishEvent(app: FastifyInstance, id: string, event: ProbeEvent): void {
  if (!app.hasDecorator('bus') || !app.bus.active) return;
  switch (event.type) {
    case 'interim':
      app.bus.publish({
        type: 'interim',
        id,
        interim: { ...event.interim, headers: redactHeaderList(event.interim.headers) },
      });
      break;
    case 'response': {
      // The raw head may hold credentials: live subscribers get the redacted fields only.
      const { raw: _raw, offsets: _offsets, ...head } = event.response;
      app.bus.publish({
        type: 'response',
        id,
        response: { ...head, headers: redactHeaderList(head.headers) },
      });
      break;
    }
    case 'frame':
      app.bus.publish({ type: 'frame', id, frame: event.frame });
      break;
    case 'closed':
      if (event.close !== undefined) app.bus.publish({ type: 'close', id, close: event.close });
      break;
    case 'end':
      app.bus.publish({ type: 'end', id, summary: summarize(event.result.exchange) });
      break;
    default:
      break;
  }
}
