/**
 * The HTTP/1.1 step of h2c (RFC 7540 §3.2, deprecated by RFC 9113 §3.1): a request with
 * `Upgrade: h2c`, `HTTP2-Settings` (the client's SETTINGS payload, base64url, §3.2.1) and
 * `Connection: Upgrade, HTTP2-Settings` (RFC 9110 §7.8: whoever sends Upgrade lists it in
 * Connection; RFC 7540 §3.2.1: HTTP2-Settings is a connection-specific field). The answer is
 * read as an HTTP/1.1 head; the bytes after a 101 head are already HTTP/2 (the server's
 * preface, then the response on stream 1).
 */
import type { ComposedRequestHead, ResponseHead as ParsedResponse } from '@switchyard/protocol';
import {
  HeadParser,
  concatBytes,
  encodeHttp2Settings,
  serializeRequestHead,
} from '@switchyard/protocol';
import type { HeaderList, RequestHead, ResponseHead } from '@switchyard/exchange';
import { recordRequest, recordResponse } from '../record.js';
import { CLIENT_SETTINGS, type H2ClientConnection } from './h2-client-connection.js';

/** Interim answers read before giving up on a final one (RFC 9110 §15.2 allows several). */
const MAX_HEADS = 8;

/** The upgrade request for `target` at `authority`. */
export function h2cUpgradeHead(target: string, authority: string): ComposedRequestHead {
  return {
    method: 'GET',
    target,
    version: 'HTTP/1.1',
    headers: [
      ['Host', authority],
      ['Connection', 'Upgrade, HTTP2-Settings'],
      ['Upgrade', 'h2c'],
      ['HTTP2-Settings', encodeHttp2Settings(CLIENT_SETTINGS)],
    ],
  };
}

/** Stream 1's request as HTTP/2 fields: what the upgraded request means (RFC 7540 §3.2). */
export function streamOneFields(target: string, authority: string): HeaderList {
  return [
    [':method', 'GET'],
    [':scheme', 'http'],
    [':authority', authority],
    [':path', target],
  ];
}

/** Outcome of the step: the recorded request, the final head, and the bytes after it. */
export interface UpgradeStep {
  request: RequestHead;
  response?: ResponseHead;
  rest: Uint8Array;
}

/**
 * Writes the upgrade request and reads heads until a final one (or a 101) arrives; 1xx heads
 * other than 101 are skipped (RFC 9110 §15.2). Rejects after `ms` or on a malformed head.
 */
export function sendUpgrade(
  conn: H2ClientConnection,
  head: ComposedRequestHead,
  ms: number,
): Promise<UpgradeStep> {
  const bytes = serializeRequestHead(head);
  const request = recordRequest(head, bytes);
  return new Promise((resolve, reject) => {
    let parser = new HeadParser<ParsedResponse>('response');
    let pending: Uint8Array[] = [];
    let heads = 0;
    let settled = false;
    const done = (step: UpgradeStep | Error) => {
      if (settled) return;
      settled = true;
      conn.settle();
      if (step instanceof Error) reject(step);
      else resolve(step);
    };
    // Bounded: fails after `ms`, or as soon as the connection closes without an answer.
    conn.waitFor(() => settled, 'answer to the upgrade', ms).catch((error: Error) => done(error));
    conn.writeHttp1(bytes, (chunk) => {
      let input = chunk;
      // Bounded by MAX_HEADS: each round consumes one complete head.
      while (input.length > 0 && heads < MAX_HEADS) {
        pending.push(input);
        const result = parser.push(input);
        if (result.state === 'need-more') return;
        if (result.state === 'rejected') {
          done(new Error(`invalid response head: ${result.rejection.finding.message}`));
          return;
        }
        heads++;
        const raw = concatBytes(pending).subarray(0, result.head.consumed);
        input = result.rest;
        pending = [];
        parser = new HeadParser<ParsedResponse>('response');
        const status = result.head.status;
        if (status >= 100 && status < 200 && status !== 101) continue;
        done({ request, response: recordResponse(result.head, raw), rest: input.slice() });
        return;
      }
      if (heads >= MAX_HEADS) done(new Error(`more than ${MAX_HEADS} interim responses`));
    });
  });
}
