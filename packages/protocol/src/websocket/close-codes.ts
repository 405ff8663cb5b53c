/**
 * Close status codes (RFC 6455 §7.4 and the IANA "WebSocket Close Code Number" registry).
 */

/** Named close codes (RFC 6455 §7.4.1, plus 1012–1014 from the IANA registry). */
export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  ProtocolError: 1002,
  UnsupportedData: 1003,
  /** Reserved; never sent. */
  Reserved1004: 1004,
  /** "No status received": MUST NOT be sent on the wire (§7.4.1). */
  NoStatusReceived: 1005,
  /** "Abnormal closure": MUST NOT be sent on the wire (§7.4.1). */
  AbnormalClosure: 1006,
  InvalidPayload: 1007,
  PolicyViolation: 1008,
  MessageTooBig: 1009,
  MandatoryExtension: 1010,
  InternalError: 1011,
  ServiceRestart: 1012,
  TryAgainLater: 1013,
  BadGateway: 1014,
  /** "TLS handshake failure": MUST NOT be sent on the wire (§7.4.1). */
  TlsHandshake: 1015,
} as const;

/**
 * Why a close code may not appear in a Close frame, or `undefined` when it may.
 * RFC 6455 §7.4.1: 1005, 1006 and 1015 are for local reporting only and MUST NOT be sent;
 * 1004 is reserved. §7.4.2: 0–999 are not used; 1000–2999 are reserved for this protocol and its
 * extensions (only the registered 1000–1014 are meaningful; 1016–2999 are unassigned);
 * 3000–4999 are for libraries, frameworks and applications. Nothing above 4999 exists.
 */
export function closeCodeProblem(code: number): string | undefined {
  if (!Number.isInteger(code) || code < 0 || code > 0xffff) return 'not a 16-bit integer';
  if (code < 1000) return 'codes 0-999 are not used (RFC 6455 §7.4.2)';
  if (code === 1004) return '1004 is reserved (RFC 6455 §7.4.1)';
  if (code === 1005 || code === 1006 || code === 1015) {
    return `${code} is for local use only and MUST NOT be sent in a Close frame (RFC 6455 §7.4.1)`;
  }
  if (code >= 1016 && code <= 2999) {
    return `${code} is in the range reserved for this protocol and not assigned (RFC 6455 §7.4.2)`;
  }
  if (code > 4999) return `${code} is outside every defined range (RFC 6455 §7.4.2)`;
  return undefined;
}

/**
 * The section of RFC 6455 that rules out `code` (see {@link closeCodeProblem}): §7.4.1 for the
 * reserved and local-only codes (1004, 1005, 1006, 1015), §7.4.2 for the ranges.
 */
export function closeCodeSection(code: number): '7.4.1' | '7.4.2' {
  return code === 1004 || code === 1005 || code === 1006 || code === 1015 ? '7.4.1' : '7.4.2';
}

/** True when `code` may be sent in a Close frame. */
export function isValidWireCloseCode(code: number): boolean {
  return closeCodeProblem(code) === undefined;
}
