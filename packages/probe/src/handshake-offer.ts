/**
 * What a composed request offered, read back from the headers actually sent, so the response
 * is validated against exactly that (RFC 6455 §4.1: the client checks the server's answer
 * against its own key, subprotocols and extensions).
 */
import type { DeflateOffer, ExtensionElement, OfferedHandshake } from '@switchyard/protocol';
import { PERMESSAGE_DEFLATE, parseExtensions, parseList, parseUpgrade } from '@switchyard/protocol';
import type { HeaderList } from '@switchyard/exchange';
import { fieldValues } from '@switchyard/protocol';

/** True when the request asks to upgrade to WebSocket (RFC 9110 §7.8, RFC 6455 §4.1). */
export function offersWebSocket(headers: HeaderList): boolean {
  return parseUpgrade(fieldValues(headers, 'upgrade')).some((u) => u.name === 'websocket');
}

function deflateOffer(element: ExtensionElement): DeflateOffer {
  const offer: DeflateOffer = {};
  for (const p of element.params) {
    if (p.name === 'server_no_context_takeover') offer.serverNoContextTakeover = true;
    else if (p.name === 'client_no_context_takeover') offer.clientNoContextTakeover = true;
    else if (p.name === 'server_max_window_bits' && p.value !== undefined) {
      offer.serverMaxWindowBits = Number(p.value);
    } else if (p.name === 'client_max_window_bits') {
      offer.clientMaxWindowBits = p.value === undefined ? true : Number(p.value);
    }
  }
  return offer;
}

/** The offer a sent request made: key, subprotocols, extensions and permessage-deflate offers. */
export function offeredFromHeaders(headers: HeaderList): OfferedHandshake {
  const key = (fieldValues(headers, 'sec-websocket-key')[0] ?? '').trim();
  const protocols = parseList(fieldValues(headers, 'sec-websocket-protocol'));
  const parsed = parseExtensions(fieldValues(headers, 'sec-websocket-extensions'));
  const extensions = parsed.ok ? parsed.extensions : [];
  const deflate = extensions.filter((e) => e.name === PERMESSAGE_DEFLATE).map(deflateOffer);
  return { key, protocols, extensions, deflate };
}
