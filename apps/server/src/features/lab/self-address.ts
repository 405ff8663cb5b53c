/**
 * Where the lab connects: this server's own listener, reached over loopback only. A listener
 * on every address (0.0.0.0, ::) is reached at 127.0.0.1 / ::1; a listener on a loopback
 * address at that address; any other listener cannot be reached over loopback, so the lab
 * refuses to run rather than send traffic elsewhere.
 */
import type { AddressInfo } from 'node:net';

/** The loopback address and port to connect to, or why there is none. */
export type SelfAddress =
  { ok: true; address: string; port: number } | { ok: false; reason: string };

function isLoopback(address: string): boolean {
  return address === '::1' || /^127\./.test(address) || /^::ffff:127\./i.test(address);
}

/** Works out the loopback address of `listening` (`server.address()`). */
export function selfAddress(listening: AddressInfo | string | null): SelfAddress {
  if (listening === null || typeof listening === 'string') {
    return { ok: false, reason: 'the server is not listening on a TCP port' };
  }
  const { address, port } = listening;
  if (address === '0.0.0.0') return { ok: true, address: '127.0.0.1', port };
  if (address === '::') return { ok: true, address: '::1', port };
  if (isLoopback(address)) {
    return { ok: true, address: address.replace(/^::ffff:/i, ''), port };
  }
  return {
    ok: false,
    reason: `the server listens on ${address} only, which is not reachable over loopback`,
  };
}
