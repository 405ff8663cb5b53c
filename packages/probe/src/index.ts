/**
 * @switchyard/probe: a Node client that sends an exact, composed request (an opening handshake
 * or any HTTP/1.1 request) to a target the policy allows, and records the raw exchange.
 */
export * from './types.js';
export * from './errors.js';
export * from './policy.js';
export * from './ip-address.js';
export * from './special-ranges.js';
export * from './target-url.js';
export * from './default-headers.js';
export * from './inspect.js';
export type { Clock } from './clock.js';
export { systemClock } from './clock.js';
export type { ConnectFn, ConnectRequest, TlsSettings } from './connect.js';
export { defaultConnect } from './connect.js';
export { zlibEngine } from './zlib-engine.js';
export { Probe, startProbe, MAX_HISTORY, type ProbeOptions } from './probe.js';
