/**
 * What the core reports instead of throwing (DESIGN.md convention 1). A finding says what is
 * wrong, which RFC section says so, and what a server or client must do about it: answer with an
 * HTTP status, or fail the WebSocket connection with a close code.
 */
export interface Citation {
  /** e.g. `RFC 6455` */
  rfc: string;
  /** e.g. `5.5` (no "§") */
  section: string;
}

export type Severity = 'error' | 'warning' | 'info';

export interface ProtocolFinding {
  /** Stable kebab-case code, e.g. `bare-lf`, `control-frame-too-long`. */
  code: string;
  severity: Severity;
  message: string;
  cite: Citation;
  /** For HTTP: the status a strict server answers with (400, 431, 505, 426, ...). */
  status?: number;
  /** For WebSocket: the close code the connection is failed with (1002, 1007, 1009, ...). */
  closeCode?: number;
  /** Byte offset into the input where the problem was seen, when known. */
  offset?: number;
}

/** Builds a link to an RFC section on rfc-editor.org. */
export function rfcUrl(cite: Citation): string {
  const num = cite.rfc.replace(/^RFC\s*/i, '');
  return `https://www.rfc-editor.org/rfc/rfc${num}#section-${cite.section}`;
}
