/**
 * Inflates the permessage-deflate messages a tap sees (RFC 7692 §7.2.2), so the capture shows
 * the compressed payload as on the wire and the message it carries. One inflater per
 * direction, with the context takeover the 101 negotiated (§7.1.1); the engine is the probe's
 * node:zlib one.
 */
import {
  MessageInflater,
  PERMESSAGE_DEFLATE,
  parseExtensions,
  type DeflateParams,
  type Direction,
} from '@switchyard/protocol';
import { zlibEngine } from '@switchyard/probe';

/** The negotiated parameters in a 101's `Sec-WebSocket-Extensions`, or undefined. */
export function negotiatedDeflate(value: string): DeflateParams | undefined {
  const parsed = parseExtensions([value]);
  if (!parsed.ok) return undefined;
  const element = parsed.extensions.find((e) => e.name === PERMESSAGE_DEFLATE);
  if (!element) return undefined;
  const has = (name: string) => element.params.some((p) => p.name === name);
  const bits = (name: string) => {
    const value = Number(element.params.find((p) => p.name === name)?.value);
    return Number.isInteger(value) && value >= 8 && value <= 15 ? value : 15;
  };
  return {
    serverNoContextTakeover: has('server_no_context_takeover'),
    clientNoContextTakeover: has('client_no_context_takeover'),
    serverMaxWindowBits: bits('server_max_window_bits'),
    clientMaxWindowBits: bits('client_max_window_bits'),
  };
}

/** Both directions' inflaters of one connection. */
export class DeflateView {
  private readonly inflaters: Record<Direction, MessageInflater>;

  constructor(params: DeflateParams, maxMessageSize: number) {
    this.inflaters = {
      'client-to-server': new MessageInflater(
        params,
        'client-to-server',
        zlibEngine,
        maxMessageSize,
      ),
      'server-to-client': new MessageInflater(
        params,
        'server-to-client',
        zlibEngine,
        maxMessageSize,
      ),
    };
  }

  /** Inflates one compressed message; undefined when it does not inflate. */
  inflate(direction: Direction, data: Uint8Array): Uint8Array | undefined {
    const result = this.inflaters[direction].inflate(data);
    return result.ok ? result.data : undefined;
  }
}
