/**
 * permessage-deflate parameter negotiation (RFC 7692 §5, §7.1).
 */
import type { ProtocolFinding } from '../shared/problem.js';
import type { ExtensionElement, ExtensionParam } from './extensions-header.js';
import { wsFinding } from './findings.js';

export const PERMESSAGE_DEFLATE = 'permessage-deflate';

/** The configuration both ends use once negotiated (RFC 7692 §7.1). */
export interface DeflateParams {
  /** The server resets its compression context after each message (§7.1.1.1). */
  serverNoContextTakeover: boolean;
  /** The client resets its compression context after each message (§7.1.1.2). */
  clientNoContextTakeover: boolean;
  /** LZ77 window the server compresses with, 8..15 (§7.1.2.1); default 15. */
  serverMaxWindowBits: number;
  /** LZ77 window the client compresses with, 8..15 (§7.1.2.2); default 15. */
  clientMaxWindowBits: number;
}

/** What a client offers (all optional). */
export interface DeflateOffer {
  serverNoContextTakeover?: boolean;
  clientNoContextTakeover?: boolean;
  /** 8..15 */
  serverMaxWindowBits?: number;
  /** `true` sends the parameter without a value ("I support a smaller window"), or 8..15. */
  clientMaxWindowBits?: boolean | number;
}

/** What a server is willing to accept. */
export interface DeflateServerConfig {
  /** Always ask for server_no_context_takeover (default false). */
  serverNoContextTakeover?: boolean;
  /** Ask the client to reset its context (default false). */
  clientNoContextTakeover?: boolean;
  /** Largest window the server compresses with (default 15). */
  serverMaxWindowBits?: number;
  /** Largest client window the server accepts when the client says it can limit it (default 15). */
  clientMaxWindowBits?: number;
}

function deflateFinding(
  code: string,
  section: string,
  message: string,
  status?: number,
): ProtocolFinding {
  const extra: { rfc: string; status?: number } = { rfc: 'RFC 7692' };
  if (status !== undefined) extra.status = status;
  return wsFinding(code, 'error', section, message, extra);
}

/** RFC 7692 §7.1.2: a window-bits value is a decimal integer 8..15 with no leading zeros. */
function parseBits(value: string | undefined): number | undefined {
  if (value === undefined || !/^(8|9|1[0-5])$/.test(value)) return undefined;
  return Number(value);
}

type Parsed = {
  params: Partial<DeflateParams> & { clientBitsOffered?: boolean };
  problem?: string;
};

/**
 * Reads the parameters of one permessage-deflate element, either an offer or a response.
 * Rules shared by both (§7): unknown parameters, duplicate parameters and invalid values make
 * the element unacceptable.
 */
function readParams(params: readonly ExtensionParam[], kind: 'offer' | 'response'): Parsed {
  const seen = new Set<string>();
  const out: Parsed['params'] = {};
  for (const p of params) {
    if (seen.has(p.name)) return { params: out, problem: `duplicate parameter ${p.name}` };
    seen.add(p.name);
    switch (p.name) {
      case 'server_no_context_takeover':
      case 'client_no_context_takeover':
        // §7.1.1: these parameters have no value.
        if (p.value !== undefined) return { params: out, problem: `${p.name} takes no value` };
        if (p.name === 'server_no_context_takeover') out.serverNoContextTakeover = true;
        else out.clientNoContextTakeover = true;
        break;
      case 'server_max_window_bits': {
        const bits = parseBits(p.value);
        if (bits === undefined)
          return { params: out, problem: `server_max_window_bits=${p.value ?? ''} is not 8..15` };
        out.serverMaxWindowBits = bits;
        break;
      }
      case 'client_max_window_bits': {
        // §7.1.2.2: in an offer the value may be absent; in a response it is required.
        if (p.value === undefined && kind === 'offer') {
          out.clientBitsOffered = true;
          break;
        }
        const bits = parseBits(p.value);
        if (bits === undefined)
          return { params: out, problem: `client_max_window_bits=${p.value ?? ''} is not 8..15` };
        out.clientMaxWindowBits = bits;
        out.clientBitsOffered = true;
        break;
      }
      default:
        return { params: out, problem: `unknown parameter ${p.name}` };
    }
  }
  return { params: out };
}

/** Builds the extension element a client sends for an offer (RFC 7692 §7.1). */
export function deflateOfferElement(offer: DeflateOffer = {}): ExtensionElement {
  const params: ExtensionParam[] = [];
  if (offer.serverNoContextTakeover) params.push({ name: 'server_no_context_takeover' });
  if (offer.clientNoContextTakeover) params.push({ name: 'client_no_context_takeover' });
  if (offer.serverMaxWindowBits !== undefined) {
    params.push({ name: 'server_max_window_bits', value: String(offer.serverMaxWindowBits) });
  }
  if (offer.clientMaxWindowBits === true) params.push({ name: 'client_max_window_bits' });
  else if (typeof offer.clientMaxWindowBits === 'number') {
    params.push({ name: 'client_max_window_bits', value: String(offer.clientMaxWindowBits) });
  }
  return { name: PERMESSAGE_DEFLATE, params };
}

/** Result of a server looking at the client's offers. */
export interface DeflateAcceptance {
  /** The accepted configuration, when one offer was acceptable. */
  params?: DeflateParams;
  /** The response element to send (when accepted). */
  response?: ExtensionElement;
  /** Why offers were declined (informational: declining is not an error, §7). */
  findings: ProtocolFinding[];
}

/**
 * Server side: picks the first acceptable permessage-deflate offer (RFC 7692 §5: offers are
 * listed in preference order) and builds the response. RFC 7692 §7: a server MUST decline an
 * offer with an unknown parameter, an invalid value or a duplicated parameter.
 */
export function acceptDeflateOffers(
  elements: readonly ExtensionElement[],
  config: DeflateServerConfig = {},
): DeflateAcceptance {
  const findings: ProtocolFinding[] = [];
  for (const el of elements) {
    if (el.name !== PERMESSAGE_DEFLATE) continue;
    const { params: o, problem } = readParams(el.params, 'offer');
    if (problem !== undefined) {
      findings.push({
        ...deflateFinding(
          'deflate-offer-declined',
          '7',
          `permessage-deflate offer declined: ${problem}`,
        ),
        severity: 'info',
      });
      continue;
    }
    const serverLimit = config.serverMaxWindowBits ?? 15;
    const params: DeflateParams = {
      serverNoContextTakeover: !!o.serverNoContextTakeover || !!config.serverNoContextTakeover,
      clientNoContextTakeover: !!o.clientNoContextTakeover || !!config.clientNoContextTakeover,
      serverMaxWindowBits: Math.min(o.serverMaxWindowBits ?? 15, serverLimit),
      // §7.1.2.2: the client's window can only be limited when the client offered the parameter.
      clientMaxWindowBits: o.clientBitsOffered
        ? Math.min(o.clientMaxWindowBits ?? 15, config.clientMaxWindowBits ?? 15)
        : 15,
    };
    const response: ExtensionElement = { name: PERMESSAGE_DEFLATE, params: [] };
    if (params.serverNoContextTakeover)
      response.params.push({ name: 'server_no_context_takeover' });
    if (params.clientNoContextTakeover)
      response.params.push({ name: 'client_no_context_takeover' });
    if (o.serverMaxWindowBits !== undefined || params.serverMaxWindowBits < 15) {
      response.params.push({
        name: 'server_max_window_bits',
        value: String(params.serverMaxWindowBits),
      });
    }
    if (o.clientBitsOffered && params.clientMaxWindowBits < 15) {
      response.params.push({
        name: 'client_max_window_bits',
        value: String(params.clientMaxWindowBits),
      });
    }
    return { params, response, findings };
  }
  return { findings };
}

/**
 * Client side: checks the server's permessage-deflate response against what was offered.
 * RFC 7692 §7: the client MUST fail the connection on an unknown or duplicate parameter, an
 * invalid value, or a configuration it does not support; §7.1.2.2: client_max_window_bits in a
 * response when the offer did not contain it; §7.1.2.1: a server_max_window_bits larger than
 * offered.
 */
export function checkDeflateResponse(
  element: ExtensionElement,
  offers: readonly DeflateOffer[],
): { params?: DeflateParams; findings: ProtocolFinding[] } {
  const { params: r, problem } = readParams(element.params, 'response');
  if (problem !== undefined) {
    return {
      findings: [
        deflateFinding('deflate-response-invalid', '7', `permessage-deflate response: ${problem}`),
      ],
    };
  }
  // Any offer the response is consistent with makes it acceptable.
  let lastProblem = 'no permessage-deflate offer was sent';
  for (const offer of offers) {
    if (r.clientMaxWindowBits !== undefined && offer.clientMaxWindowBits === undefined) {
      lastProblem =
        'client_max_window_bits in the response although the offer did not include it (§7.1.2.2)';
      continue;
    }
    if (
      typeof offer.clientMaxWindowBits === 'number' &&
      (r.clientMaxWindowBits ?? 15) > offer.clientMaxWindowBits
    ) {
      lastProblem = 'client_max_window_bits larger than offered (§7.1.2.2)';
      continue;
    }
    if (
      offer.serverMaxWindowBits !== undefined &&
      (r.serverMaxWindowBits ?? 15) > offer.serverMaxWindowBits
    ) {
      lastProblem = 'server_max_window_bits larger than offered (§7.1.2.1)';
      continue;
    }
    if (offer.serverNoContextTakeover && !r.serverNoContextTakeover) {
      lastProblem = 'server_no_context_takeover was requested but not accepted (§7.1.1.1)';
      continue;
    }
    return {
      params: {
        serverNoContextTakeover: !!r.serverNoContextTakeover,
        clientNoContextTakeover: !!r.clientNoContextTakeover,
        serverMaxWindowBits: r.serverMaxWindowBits ?? 15,
        clientMaxWindowBits:
          r.clientMaxWindowBits ??
          (typeof offer.clientMaxWindowBits === 'number' ? offer.clientMaxWindowBits : 15),
      },
      findings: [],
    };
  }
  return {
    findings: [
      deflateFinding(
        'deflate-response-unsupported',
        '7',
        `permessage-deflate response: ${lastProblem}`,
      ),
    ],
  };
}
