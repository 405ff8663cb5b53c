/**
 * The probe's one adapter to capture storage and the live bus. The probe records whole
 * Exchanges itself (it owns the socket as a client), so they are put in `app.exchangeStore`
 * as they are (replacing the earlier snapshot with the same id) and its events are published
 * on `app.bus` with the exchange id, for `/api/live`.
 */
import type { FastifyInstance } from 'fastify';
import { summarize, type Exchange } from '@switchyard/exchange';
import { lintExchange, sortFindings } from '@switchyard/lint';
import type { ProbeEvent, ProbeExchange } from '@switchyard/probe';

/** Lints (lint findings into `exchange.findings`) and stores an exchange; never throws. */
export async function storeExchange(app: FastifyInstance, exchange: ProbeExchange): Promise<void> {
  exchange.findings = sortFindings(lintExchange(exchange));
  if (!app.hasDecorator('exchangeStore') || app.config.capture === false) return;
  try {
    await app.exchangeStore.put(exchange as Exchange);
  } catch (error) {
    app.log.error({ err: error }, 'storing a probe exchange failed');
  }
}

/** Publishes a probe event on the live bus, as the capture plugin's events. */
export function publishEvent(app: FastifyInstance, id: string, event: ProbeEvent): void {
  if (!app.hasDecorator('bus') || !app.bus.active) return;
  switch (event.type) {
    case 'interim':
      app.bus.publish({ type: 'interim', id, interim: event.interim });
      break;
    case 'response':
      app.bus.publish({ type: 'response', id, response: event.response });
      break;
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
