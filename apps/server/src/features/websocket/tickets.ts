/**
 * Short-lived single-use tickets for `/ws/auth`: a browser cannot set `Authorization` on a
 * WebSocket handshake, so it first asks `POST /api/tickets` (authenticated like any HTTP call)
 * and then opens `/ws/auth?ticket=...`. A ticket is 256 random bits, valid once, for
 * `WS_TICKET_TTL_MS`.
 */
import { randomBytes } from 'node:crypto';

/** Most live tickets kept; past it the oldest are dropped (bounds memory). */
const MAX_TICKETS = 10_000;

export class TicketStore {
  private readonly tickets = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Issues a ticket; returns it and its expiry (ms since the epoch). */
  issue(): { ticket: string; expiresAt: number } {
    this.sweep();
    while (this.tickets.size >= MAX_TICKETS) {
      const oldest = this.tickets.keys().next().value as string;
      this.tickets.delete(oldest);
    }
    const ticket = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + this.ttlMs;
    this.tickets.set(ticket, expiresAt);
    return { ticket, expiresAt };
  }

  /** True once per valid, unexpired ticket: the ticket is spent either way. */
  consume(ticket: string): boolean {
    const expiresAt = this.tickets.get(ticket);
    if (expiresAt === undefined) return false;
    this.tickets.delete(ticket);
    return expiresAt > this.now();
  }

  private sweep(): void {
    const now = this.now();
    for (const [ticket, expiresAt] of this.tickets)
      if (expiresAt <= now) this.tickets.delete(ticket);
  }
}
