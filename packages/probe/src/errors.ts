/** Errors a probe reports before (or instead of) a recorded exchange. */
import type { Refusal } from './policy.js';

/** The target policy refused every address of the target; no socket was created. */
export class ProbeRefusedError extends Error {
  constructor(
    readonly hostname: string,
    readonly refusals: Refusal[],
  ) {
    super(refusals[0]?.reason ?? `target ${hostname} refused`);
    this.name = 'ProbeRefusedError';
  }
}

/** The probe's input is unusable (bad URL, unsupported scheme, ...). */
export class ProbeInputError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ProbeInputError';
  }
}

/** The connection could not be made or the peer did not answer in time. */
export class ProbeConnectError extends Error {
  constructor(
    message: string,
    readonly phase: 'dns' | 'connect' | 'tls' | 'head',
    readonly timedOut: boolean,
  ) {
    super(message);
    this.name = 'ProbeConnectError';
  }
}
