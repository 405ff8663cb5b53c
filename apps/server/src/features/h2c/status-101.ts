/**
 * `/api/status/101` reached with a qualifying `Upgrade: h2c`: the 101 the client asked for has
 * just been sent, and the upgraded request still needs its final response on stream 1 (RFC 7540
 * §3.2). HTTP/2 has no 101 (RFC 9113 §8.6), so the request is marked before it is routed, and
 * the simulator answers 200 with what happened (simulator/switch.ts), captured like any other.
 */

const STATUS_101 = /^\/api\/status\/101(?:[/?#]|$)/;

/** True for the simulator's 101 endpoint. */
export function isStatus101(url: string | undefined): boolean {
  return url !== undefined && STATUS_101.test(url);
}
