/**
 * The contract between feature routes and the capture plugin (features never import the
 * capture plugin itself). When capture is on for a route, `request.capture` is set before the
 * handler runs; routes report what Fastify cannot see for them (interim 1xx responses written
 * on the raw socket, notes such as "Upgrade ignored: HTTP/1.0").
 */
export interface CaptureHandle {
  /** The exchange id (the share link is `/x/{id}`). */
  readonly id: string;
  /** Record an interim (1xx) response exactly as it was written to the socket. */
  interim(status: number, reason: string, headers: [string, string][]): void;
  /** Record a note explaining a decision the server made (shown with the exchange). */
  note(text: string): void;
}

declare module 'fastify' {
  interface FastifyRequest {
    capture?: CaptureHandle;
  }
  interface FastifyContextConfig {
    /** Set `capture: true` in a route's `config` to record its exchanges. */
    capture?: boolean;
  }
}
