/**
 * The single-use ticket store behind `POST /api/tickets` and `/ws/auth?ticket=`, with an
 * injected clock (DESIGN.md convention 7): valid once, not after its lifetime.
 */
import { describe, expect, it } from 'vitest';
import { TicketStore } from '../src/features/websocket/tickets.js';
import { cookieValue, isKnownToken } from '../src/features/websocket/auth.js';

describe('TicketStore', () => {
  it('accepts a ticket once', () => {
    const store = new TicketStore(1000, () => 0);
    const { ticket, expiresAt } = store.issue();
    expect(expiresAt).toBe(1000);
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url
    expect(store.consume(ticket)).toBe(true);
    expect(store.consume(ticket)).toBe(false);
  });

  it('refuses an expired ticket, and spends it', () => {
    let now = 0;
    const store = new TicketStore(1000, () => now);
    const { ticket } = store.issue();
    now = 1000;
    expect(store.consume(ticket)).toBe(false);
    now = 0;
    expect(store.consume(ticket)).toBe(false);
  });

  it('refuses a ticket it never issued', () => {
    expect(new TicketStore(1000).consume('made-up')).toBe(false);
  });
});

describe('credentials', () => {
  it('matches tokens exactly', () => {
    expect(isKnownToken('dev-token', ['a', 'dev-token'])).toBe(true);
    expect(isKnownToken('dev-toke', ['dev-token'])).toBe(false);
    expect(isKnownToken('', ['dev-token'])).toBe(false);
  });

  it('reads a cookie among others (RFC 6265 §4.2.1)', () => {
    expect(cookieValue('a=1; switchyard_token=xyz; b=2', 'switchyard_token')).toBe('xyz');
    expect(cookieValue('xswitchyard_token=1', 'switchyard_token')).toBeUndefined();
    expect(cookieValue(undefined, 'switchyard_token')).toBeUndefined();
  });
});
