/**
 * permessage-deflate negotiation, RFC 7692 §7 (parameters §7.1). Part of the `ws-handshake`
 * group; kept in its own file because the parameter logic is long.
 */
import type { Exchange } from '@switchyard/exchange';
import { defineRule } from './define.js';
import { fields, headerEvidence, values } from '../support/headers.js';
import { isWebSocketRequest, switching } from '../support/exchange-view.js';
import {
  deflateParamProblems,
  hasParam,
  paramValue,
  parseExtensions,
  PERMESSAGE_DEFLATE,
  type ExtensionElement,
} from '../support/extensions.js';

function offers(ex: Exchange): ExtensionElement[] {
  return parseExtensions(values(ex.request, 'sec-websocket-extensions')).filter(
    (e) => e.name === PERMESSAGE_DEFLATE,
  );
}

/** The accepted permessage-deflate elements of the 101, with the field line each came from. */
function accepted(ex: Exchange) {
  const sw = switching(ex);
  if (!isWebSocketRequest(ex) || sw === undefined) return undefined;
  const out: { element: ExtensionElement; hit: ReturnType<typeof fields>[number] }[] = [];
  for (const hit of fields(sw.head, 'sec-websocket-extensions')) {
    for (const element of parseExtensions([hit.value])) {
      if (element.name === PERMESSAGE_DEFLATE) out.push({ element, hit });
    }
  }
  return { sw, out };
}

export const wsDeflateRules = [
  defineRule({
    id: 'ws-handshake/deflate-invalid-offer',
    severity: 'warning',
    title: 'permessage-deflate offer has invalid parameters',
    rfc: 'RFC 7692',
    section: '7',
    scope: 'request',
    explain:
      'A server MUST decline a permessage-deflate offer that has an unknown parameter, an invalid value (window bits outside 8..15, a value on *_no_context_takeover) or the same parameter twice. The connection then runs uncompressed, or fails if the server accepts it anyway.',
    fix: 'Offer only server_no_context_takeover, client_no_context_takeover (no values), server_max_window_bits=8..15 and client_max_window_bits[=8..15], each at most once; e.g. "permessage-deflate; client_max_window_bits".',
    check(ex, report) {
      if (!isWebSocketRequest(ex)) return;
      const req = ex.request;
      for (const hit of fields(req, 'sec-websocket-extensions')) {
        for (const el of parseExtensions([hit.value])) {
          if (el.name !== PERMESSAGE_DEFLATE) continue;
          const problems = deflateParamProblems(el, 'offer');
          if (problems.length === 0) continue;
          report(
            `permessage-deflate offer "${el.raw}": ${problems.join('; ')}`,
            headerEvidence('request', req, hit, {
              expected: 'permessage-deflate; client_max_window_bits',
            }),
          );
        }
      }
    },
  }),
  defineRule({
    id: 'ws-handshake/deflate-invalid-response',
    severity: 'error',
    title: 'permessage-deflate response has invalid parameters',
    rfc: 'RFC 7692',
    section: '7',
    scope: 'response',
    explain:
      'A client MUST fail the WebSocket connection if the server accepts permessage-deflate with a parameter not defined for a response, an invalid value, or a repeated parameter. In a response every *_max_window_bits needs a value 8..15.',
    fix: 'Answer with at most one of each parameter, e.g. "permessage-deflate; server_no_context_takeover; client_max_window_bits=15".',
    check(ex, report) {
      const acc = accepted(ex);
      if (acc === undefined) return;
      for (const { element, hit } of acc.out) {
        const problems = deflateParamProblems(element, 'response');
        if (problems.length === 0) continue;
        report(
          `101 accepts "${element.raw}": ${problems.join('; ')}`,
          headerEvidence(acc.sw.where, acc.sw.head, hit, {
            expected: 'parameters valid per RFC 7692 §7.1',
          }),
        );
      }
    },
  }),
  defineRule({
    id: 'ws-handshake/deflate-client-window-unoffered',
    severity: 'error',
    title: 'Server sent client_max_window_bits the client did not offer',
    rfc: 'RFC 7692',
    section: '7.1.2.2',
    scope: 'response',
    explain:
      'If the offer has no client_max_window_bits, the response MUST NOT include it: the client never said it can limit its compression window, so it fails the connection.',
    fix: 'Only send client_max_window_bits when the client offered it (e.g. Chrome and ws do; some clients do not).',
    check(ex, report) {
      const acc = accepted(ex);
      if (acc === undefined) return;
      const offered = offers(ex);
      if (offered.length === 0 || offered.some((o) => hasParam(o, 'client_max_window_bits')))
        return;
      for (const { element, hit } of acc.out) {
        if (!hasParam(element, 'client_max_window_bits')) continue;
        report(
          `101 accepts "${element.raw}" with client_max_window_bits, but no offer (${offered.map((o) => `"${o.raw}"`).join(', ')}) included it`,
          headerEvidence(acc.sw.where, acc.sw.head, hit, { expected: 'no client_max_window_bits' }),
        );
      }
    },
  }),
  defineRule({
    id: 'ws-handshake/deflate-server-window-not-honoured',
    severity: 'error',
    title: 'server_max_window_bits in the response exceeds (or ignores) the offer',
    rfc: 'RFC 7692',
    section: '7.1.2.1',
    scope: 'response',
    explain:
      'A server accepts an offer with server_max_window_bits by including server_max_window_bits with the same or a smaller value. A larger value, or none, means the server compresses with a bigger window than the client can decompress.',
    fix: 'Echo server_max_window_bits with a value no larger than offered (and compress with that window), or decline the offer.',
    check(ex, report) {
      const acc = accepted(ex);
      if (acc === undefined) return;
      const offered = offers(ex);
      if (offered.length === 0 || !offered.every((o) => hasParam(o, 'server_max_window_bits')))
        return;
      const limit = Math.max(
        ...offered.map((o) => Number(paramValue(o, 'server_max_window_bits') ?? 15)),
      );
      for (const { element, hit } of acc.out) {
        const got = paramValue(element, 'server_max_window_bits');
        if (got !== undefined && /^\d+$/.test(got) && Number(got) <= limit) continue;
        report(
          `Client offered server_max_window_bits=${limit} but the 101 answers "${element.raw}" (${got === undefined ? 'no server_max_window_bits' : `server_max_window_bits=${got}`}); expected a value ≤ ${limit}`,
          headerEvidence(acc.sw.where, acc.sw.head, hit, {
            expected: `server_max_window_bits=${limit}`,
          }),
        );
      }
    },
  }),
];
