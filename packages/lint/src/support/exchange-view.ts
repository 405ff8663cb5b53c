/**
 * Derived facts about an exchange that several rules share: which head answered with 101, whether
 * the request is a WebSocket or h2c upgrade attempt, the HTTP version in use.
 */
import type { Exchange, InterimResponse, ResponseHead } from '@switchyard/exchange';
import { fields, hasToken, type HeadLike } from './headers.js';
import type { EvidenceLocation } from '../types.js';
import { frozen, memoized, memoActive } from './memo.js';

/** A response head (final or interim) together with where it sits in the exchange. */
export interface LocatedResponse {
  head: (ResponseHead | InterimResponse) & HeadLike;
  status: number;
  where: EvidenceLocation;
  /** Index in `exchange.interim` for interim responses. */
  interimIndex?: number;
}

/** Every response head in order sent: interim ones first, then the final one. */
export function responses(ex: Exchange): LocatedResponse[] {
  return computeResponsesMemo(ex);
}

function computeResponses(ex: Exchange): LocatedResponse[] {
  const out: LocatedResponse[] = ex.interim.map((head, i) => ({
    head,
    status: head.status,
    where: 'interim' as const,
    interimIndex: i,
  }));
  if (ex.response) out.push({ head: ex.response, status: ex.response.status, where: 'response' });
  // Shared during a lint call: frozen so that no rule can change what the others see.
  return memoActive() ? frozen(out) : out;
}
const computeResponsesMemo = memoized(computeResponses);

/** The 101 (Switching Protocols) head, wherever the capture stored it. */
export function switching(ex: Exchange): LocatedResponse | undefined {
  return computeSwitchingMemo(ex);
}

function computeSwitching(ex: Exchange): LocatedResponse | undefined {
  return responses(ex).find((r) => r.status === 101);
}
const computeSwitchingMemo = memoized(computeSwitching);

/** Parses `1.1`, `HTTP/1.0`, `2` into [major, minor]; undefined when unreadable. */
export function versionOf(text: string | undefined): [number, number] | undefined {
  return computeVersionMemo(text);
}

function computeVersion(text: string | undefined): [number, number] | undefined {
  if (text === undefined) return undefined;
  const m = /^(?:HTTP\/)?(\d+)(?:\.(\d+))?$/i.exec(text.trim());
  if (m === null) return undefined;
  const version: [number, number] = [Number(m[1]), Number(m[2] ?? '0')];
  return memoActive() ? frozen(version) : version;
}
const computeVersionMemo = memoized(computeVersion);

/** True for HTTP/1.0 (and 0.9): the versions that predate 1xx and Upgrade. */
export function isHttp10(text: string | undefined): boolean {
  const v = versionOf(text);
  return v !== undefined && v[0] === 1 && v[1] === 0;
}

/** True for HTTP/1.x messages (the rules about HTTP/1.1 framing apply). */
export function isHttp1(text: string | undefined): boolean {
  const v = versionOf(text);
  return v === undefined || v[0] < 2;
}

/** True for HTTP/2 (and later) messages. */
export function isHttp2(text: string | undefined): boolean {
  const v = versionOf(text);
  return v !== undefined && v[0] >= 2;
}

/**
 * True when the request is a WebSocket opening handshake attempt (RFC 6455 §4.1): it asks to
 * upgrade to `websocket`, or carries a `Sec-WebSocket-Key` or `Sec-WebSocket-Version`.
 */
export function isWebSocketRequest(ex: Exchange): boolean {
  return computeIsWebSocketRequestMemo(ex);
}

function computeIsWebSocketRequest(ex: Exchange): boolean {
  const req = ex.request;
  if (isHttp2(req.httpVersion)) return false;
  return (
    hasToken(req, 'upgrade', 'websocket') ||
    fields(req, 'sec-websocket-key').length > 0 ||
    fields(req, 'sec-websocket-version').length > 0
  );
}
const computeIsWebSocketRequestMemo = memoized(computeIsWebSocketRequest);

/** True when the request offers `h2c` in `Upgrade` (RFC 7540 §3.2, deprecated by RFC 9113 §3.1). */
export function isH2cRequest(ex: Exchange): boolean {
  return computeIsH2cRequestMemo(ex);
}

function computeIsH2cRequest(ex: Exchange): boolean {
  return hasToken(ex.request, 'upgrade', 'h2c');
}
const computeIsH2cRequestMemo = memoized(computeIsH2cRequest);

/** Sections of RFC 9110 that define each redirect status (§15.4.x). */
export const REDIRECT_SECTIONS: Readonly<Record<number, string>> = {
  301: '15.4.2',
  302: '15.4.3',
  303: '15.4.4',
  307: '15.4.8',
  308: '15.4.9',
};
