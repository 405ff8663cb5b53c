/**
 * Opening the TCP (and TLS) connection to the address the policy checked. The connect
 * function is injectable so tests can spy on it (and prove a refused target never reaches it).
 */
import net from 'node:net';
import tls from 'node:tls';
import { parseIp } from './ip-address.js';
import { ProbeConnectError } from './errors.js';
import type { ResolvedAddress } from './policy.js';
import type { TlsInfo } from './types.js';

/** TLS settings for `wss`/`https`. */
export interface TlsSettings {
  /** SNI (RFC 6066 §3); absent for an IP-literal host (literal addresses are not permitted). */
  servername?: string;
  /** ALPN offer (RFC 7301). Default `['http/1.1']`: WebSocket and this probe speak HTTP/1.1. */
  alpn: string[];
  /** Verify the certificate (default true). */
  rejectUnauthorized: boolean;
  /** Extra trusted CA certificates (PEM). */
  ca?: string | string[];
}

/** What to connect to: always an IP address (never a name: no second DNS lookup). */
export interface ConnectRequest {
  address: string;
  family: 4 | 6;
  port: number;
  tls?: TlsSettings;
}

/** Creates the socket. Must not resolve names: `address` is the checked IP. */
export type ConnectFn = (request: ConnectRequest) => net.Socket;

/** The default connect function: node:net, or node:tls for `wss`/`https`. */
export const defaultConnect: ConnectFn = (request) => {
  if (parseIp(request.address) === undefined) {
    // Defence in depth: a name here would be resolved again by the OS (DNS rebinding).
    throw new Error(`connect: ${request.address} is not an IP address`);
  }
  if (request.tls === undefined) {
    return net.connect({ host: request.address, port: request.port, family: request.family });
  }
  const options: tls.ConnectionOptions = {
    host: request.address,
    port: request.port,
    ALPNProtocols: request.tls.alpn,
    rejectUnauthorized: request.tls.rejectUnauthorized,
  };
  if (request.tls.servername !== undefined) options.servername = request.tls.servername;
  if (request.tls.ca !== undefined) options.ca = request.tls.ca;
  return tls.connect(options);
};

/**
 * Keeps a socket error between the connect and the caller's own listener from crashing the
 * process (the caller records errors itself; 'close' always follows).
 */
function ignoreError(): void {}

/** The socket once ready, with the moments it became so (µs, from `now`). */
export interface OpenSocket {
  socket: net.Socket;
  connectedAt: number;
  tlsAt?: number;
  tls?: TlsInfo;
}

/** Connects and waits for TCP (and TLS), bounded by `timeoutMs`. */
export function openSocket(
  connect: ConnectFn,
  request: ConnectRequest,
  timeoutMs: number,
  now: () => number,
): Promise<OpenSocket> {
  return new Promise((resolve, reject) => {
    let socket: net.Socket;
    try {
      socket = connect(request);
    } catch (error) {
      reject(new ProbeConnectError(String((error as Error).message), 'connect', false));
      return;
    }
    let connectedAt: number | undefined;
    const fail = (error: ProbeConnectError) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(() => {
      const phase = connectedAt === undefined ? 'connect' : 'tls';
      fail(new ProbeConnectError(`${phase} timed out after ${timeoutMs} ms`, phase, true));
    }, timeoutMs);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const phase = connectedAt === undefined || request.tls === undefined ? 'connect' : 'tls';
      fail(new ProbeConnectError(error.message, phase, false));
    });
    socket.once('connect', () => {
      connectedAt = now();
      if (request.tls !== undefined) return;
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.on('error', ignoreError);
      resolve({ socket, connectedAt });
    });
    if (request.tls !== undefined) {
      socket.once('secureConnect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.on('error', ignoreError);
        const t = socket as tls.TLSSocket;
        const info: TlsInfo = {
          protocol: t.getProtocol() ?? null,
          alpn: typeof t.alpnProtocol === 'string' ? t.alpnProtocol : null,
          cipher: t.getCipher()?.name ?? null,
          servername: request.tls?.servername ?? null,
          authorized: t.authorized,
        };
        if (t.authorizationError !== undefined && t.authorizationError !== null) {
          info.authorizationError = String(t.authorizationError);
        }
        const tlsAt = now();
        resolve({ socket, connectedAt: connectedAt ?? tlsAt, tlsAt, tls: info });
      });
    }
  });
}

/**
 * Connects to the first of `candidates` (all checked by the policy) that accepts; a refused
 * connect moves on to the next, a timeout or a TLS failure does not.
 */
export async function openFirst(
  connect: ConnectFn,
  candidates: readonly ResolvedAddress[],
  port: number,
  tls: TlsSettings | undefined,
  timeoutMs: number,
  now: () => number,
): Promise<OpenSocket & { address: ResolvedAddress }> {
  let last: ProbeConnectError = new ProbeConnectError('no address to connect to', 'connect', false);
  // Bounded by the candidate list.
  for (const address of candidates) {
    try {
      const request: ConnectRequest = { address: address.address, family: address.family, port };
      if (tls !== undefined) request.tls = tls;
      const open = await openSocket(connect, request, timeoutMs, now);
      return { ...open, address };
    } catch (error) {
      last =
        error instanceof ProbeConnectError
          ? error
          : new ProbeConnectError(String(error), 'connect', false);
      if (last.timedOut || last.phase === 'tls') break;
    }
  }
  throw last;
}
