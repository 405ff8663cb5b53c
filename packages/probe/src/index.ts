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
export type * from './h2/h2-types.js';
export { DEFAULT_H2_TIMEOUTS } from './h2/h2-types.js';
export { runH2Echo, type H2EchoOptions } from './h2/run-h2-echo.js';
export { redactProbeExchange } from './share-redact.js';
