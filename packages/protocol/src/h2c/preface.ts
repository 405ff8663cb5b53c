/**
 * The client connection preface (RFC 9113 §3.4): the 24 octets
 * `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`, sent first by a client on a new HTTP/2 connection
 * (after a 101 for h2c upgrade, and at once with prior knowledge, §3.3).
 */
export const CLIENT_PREFACE = Uint8Array.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', (ch) =>
  ch.charCodeAt(0),
);

/** Outcome of {@link detectPreface}. */
export type PrefaceMatch =
  | { kind: 'match'; consumed: 24 }
  | { kind: 'maybe'; matched: number }
  | { kind: 'mismatch'; offset: number };

/**
 * Checks whether `bytes` start with the client preface: `match` (all 24 bytes present),
 * `maybe` (everything so far agrees but fewer than 24 bytes arrived), or `mismatch` (offset of
 * the first differing byte). RFC 9113 §3.4: an invalid preface is a connection error of type
 * PROTOCOL_ERROR.
 */
export function detectPreface(bytes: Uint8Array): PrefaceMatch {
  const n = Math.min(bytes.length, CLIENT_PREFACE.length);
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== CLIENT_PREFACE[i]) return { kind: 'mismatch', offset: i };
  }
  if (n === CLIENT_PREFACE.length) return { kind: 'match', consumed: 24 };
  return { kind: 'maybe', matched: n };
}
