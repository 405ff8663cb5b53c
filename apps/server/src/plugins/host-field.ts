/**
 * The Host field of an HTTP/1.x request, checked as RFC 9112 §3.2 requires: "A server MUST
 * respond with a 400 (Bad Request) status code to any HTTP/1.1 request message that lacks a
 * Host header field and to any request message that contains more than one Host header field
 * line or a Host header field with an invalid field value." Node already answers a missing Host
 * (its `requireHostHeader`); this covers the other two. HTTP/2 requests carry `:authority`
 * (RFC 9113 §8.3.1) and Node's HTTP/2 layer validates their fields, so they are not checked here.
 */
import type { Problem } from './problem.js';

/**
 * `Host = uri-host [ ":" port ]` (RFC 9110 §7.2, RFC 3986 §3.2.2-§3.2.3): an IP-literal in
 * brackets, or a reg-name / IPv4 address (unreserved, pct-encoded and sub-delims characters),
 * then an optional port of digits. Empty is allowed: a target URI without an authority is sent
 * with an empty Host (RFC 9112 §3.2).
 */
const HOST_VALUE = /^(?:\[[0-9A-Za-z:.%~_-]+\]|[A-Za-z0-9\-._~!$&'()*+,;=%]*)(?::[0-9]*)?$/;

/** The problem with the Host field lines of `rawHeaders` (Node's flat list), or undefined. */
export function hostFieldProblem(rawHeaders: readonly string[]): Problem | undefined {
  let value: string | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.length !== 4 || name.toLowerCase() !== 'host') continue;
    if (value !== undefined) {
      return {
        status: 400,
        type: 'invalid-host',
        title: 'More than one Host field',
        detail:
          'The request has more than one Host field line; a server must answer 400 (RFC 9112 §3.2).',
      };
    }
    value = rawHeaders[i + 1] ?? '';
  }
  if (value !== undefined && !HOST_VALUE.test(value)) {
    return {
      status: 400,
      type: 'invalid-host',
      title: 'Invalid Host field',
      detail: `The Host field value ${JSON.stringify(value)} is not uri-host [ ":" port ]; a server must answer 400 (RFC 9112 §3.2, RFC 9110 §7.2).`,
    };
  }
  return undefined;
}
