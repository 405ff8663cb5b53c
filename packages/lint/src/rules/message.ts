/**
 * HTTP/1.1 message framing and required fields (RFC 9112 §3.2, §6; RFC 9110 §8.6). These rules
 * read both the request and the response; on a draft request only the request part applies.
 */
import type { Exchange } from '@switchyard/exchange';
import { parseList } from '@switchyard/protocol';
import { defineRule, type Report } from './define.js';
import { fields, headerEvidence, startLineEvidence, type HeadLike } from '../support/headers.js';
import { isHttp1, isHttp10 } from '../support/exchange-view.js';
import type { EvidenceLocation } from '../types.js';
import { frozen, memoized, memoActive } from '../support/memo.js';

/** The HTTP/1.x heads of an exchange (request, then the final response). */
function http1Heads(ex: Exchange): { where: EvidenceLocation; head: HeadLike; label: string }[] {
  return computeHttp1HeadsMemo(ex);
}

function computeHttp1Heads(
  ex: Exchange,
): { where: EvidenceLocation; head: HeadLike; label: string }[] {
  const out: { where: EvidenceLocation; head: HeadLike; label: string }[] = [];
  if (isHttp1(ex.request.httpVersion))
    out.push({ where: 'request', head: ex.request, label: 'Request' });
  const res = ex.response;
  if (res !== undefined && isHttp1(res.httpVersion)) {
    out.push({ where: 'response', head: res, label: `${res.status} response` });
  }
  // Shared by the rules of one lint call: frozen so that none can change it for the others.
  return memoActive() ? frozen(out) : out;
}
const computeHttp1HeadsMemo = memoized(computeHttp1Heads);

/** Content-Length members across all field lines ("42, 42" counts as two). */
function contentLengths(
  head: HeadLike,
): { hit: ReturnType<typeof fields>[number]; member: string }[] {
  return computeContentLengthsMemo(head);
}

function computeContentLengths(
  head: HeadLike,
): { hit: ReturnType<typeof fields>[number]; member: string }[] {
  const all = fields(head, 'content-length').flatMap((hit) =>
    parseList(hit.value).map((member) => ({ hit, member })),
  );
  return memoActive() ? frozen(all) : all;
}
const computeContentLengthsMemo = memoized(computeContentLengths);

function eachHead(
  ex: Exchange,
  report: Report,
  fn: (h: { where: EvidenceLocation; head: HeadLike; label: string }, report: Report) => void,
): void {
  for (const h of http1Heads(ex)) fn(h, report);
}

export const messageRules = [
  defineRule({
    id: 'message/content-length-with-transfer-encoding',
    severity: 'error',
    title: 'Both Content-Length and Transfer-Encoding',
    rfc: 'RFC 9112',
    section: '6.2',
    scope: 'message',
    explain:
      'A sender MUST NOT send Content-Length in a message that has Transfer-Encoding. Recipients disagree about which one frames the message, which is how request smuggling and response splitting happen (RFC 9112 §6.3, §11.1, §11.2).',
    fix: 'Send one framing field: Transfer-Encoding: chunked when streaming, Content-Length when the size is known. Remove the other.',
    check(ex, report) {
      eachHead(ex, report, ({ where, head, label }, r) => {
        const te = fields(head, 'transfer-encoding')[0];
        const cl = fields(head, 'content-length')[0];
        if (te === undefined || cl === undefined) return;
        r(
          `${label} has both "Transfer-Encoding: ${te.value}" and "Content-Length: ${cl.value}"; expected only one framing field`,
          headerEvidence(where, head, cl, {
            expected: '(no Content-Length with Transfer-Encoding)',
          }),
        );
      });
    },
  }),
  defineRule({
    id: 'message/duplicate-content-length',
    severity: 'warning',
    title: 'Content-Length repeated with the same value',
    rfc: 'RFC 9110',
    section: '8.6',
    scope: 'message',
    explain:
      'Content-Length is a single number. A repeated identical value ("42, 42", or two field lines) is invalid; a recipient MAY reject the message or treat it as one value, so some peers will refuse it.',
    fix: 'Send Content-Length once. Usually two layers (framework and proxy, or app and server) each add it.',
    check(ex, report) {
      eachHead(ex, report, ({ where, head, label }, r) => {
        const all = contentLengths(head);
        if (all.length < 2) return;
        const distinct = new Set(all.map((c) => c.member));
        if (distinct.size !== 1 || !/^\d+$/.test(all[0]!.member)) return;
        r(
          `${label} sends Content-Length ${all.length} times (${all.map((c) => c.member).join(', ')}); expected it once`,
          headerEvidence(where, head, all[1]!.hit, { expected: all[0]!.member }),
        );
      });
    },
  }),
  defineRule({
    id: 'message/conflicting-content-length',
    severity: 'error',
    title: 'Content-Length values disagree',
    rfc: 'RFC 9112',
    section: '6.3',
    scope: 'message',
    explain:
      'Several different Content-Length values make the framing invalid: the recipient MUST treat it as an unrecoverable error (a server answers 400 and closes; a client discards the response). Peers that pick one value differently can be smuggled past.',
    fix: 'Send exactly one correct Content-Length; find the layer that adds a second one.',
    check(ex, report) {
      eachHead(ex, report, ({ where, head, label }, r) => {
        const all = contentLengths(head);
        const distinct = [...new Set(all.map((c) => c.member))];
        if (distinct.length < 2 || !distinct.every((d) => /^\d+$/.test(d))) return;
        const second = all.find((c) => c.member !== all[0]!.member)!;
        r(
          `${label} has conflicting Content-Length values ${distinct.join(' vs ')}; expected a single value`,
          headerEvidence(where, head, second.hit, { expected: all[0]!.member }),
        );
      });
    },
  }),
  defineRule({
    id: 'message/invalid-content-length',
    severity: 'error',
    title: 'Content-Length is not a decimal number',
    rfc: 'RFC 9110',
    section: '8.6',
    scope: 'message',
    explain:
      'Content-Length = 1*DIGIT. Signs, spaces inside, hex or units make the framing invalid (RFC 9112 §6.3: unrecoverable error); a sender MUST NOT forward such a value.',
    fix: 'Write the byte count as plain decimal digits, e.g. "Content-Length: 1234".',
    check(ex, report) {
      eachHead(ex, report, ({ where, head, label }, r) => {
        for (const { hit, member } of contentLengths(head)) {
          if (/^\d+$/.test(member)) continue;
          r(
            `${label} has "Content-Length: ${hit.value}"; "${member}" is not a decimal number of octets`,
            headerEvidence(where, head, hit, { expected: '1*DIGIT, e.g. 1234' }),
          );
          break;
        }
      });
    },
  }),
  defineRule({
    id: 'message/transfer-encoding-to-http10',
    severity: 'error',
    title: 'Transfer-Encoding in a response to an HTTP/1.0 request',
    rfc: 'RFC 9112',
    section: '6.1',
    scope: 'response',
    explain:
      'A server MUST NOT send Transfer-Encoding unless the request indicates HTTP/1.1 or later: HTTP/1.0 recipients do not understand chunked coding and will show the chunk sizes as content.',
    fix: 'For HTTP/1.0 requests send Content-Length, or close the connection to end the body.',
    check(ex, report) {
      const res = ex.response;
      if (res === undefined || !isHttp10(ex.request.httpVersion)) return;
      const te = fields(res, 'transfer-encoding')[0];
      if (te === undefined) return;
      report(
        `Response to an HTTP/${ex.request.httpVersion} request has "Transfer-Encoding: ${te.value}"; expected Content-Length or a close-delimited body`,
        headerEvidence('response', res, te, { expected: 'Content-Length' }),
      );
    },
  }),
  defineRule({
    id: 'message/chunked-not-final',
    severity: 'error',
    title: 'Request Transfer-Encoding does not end with chunked',
    rfc: 'RFC 9112',
    section: '6.3',
    scope: 'request',
    explain:
      'If a request has Transfer-Encoding and chunked is not the final coding, its length cannot be determined: the server MUST answer 400 and close the connection.',
    fix: 'Apply chunked last ("Transfer-Encoding: gzip, chunked"), or send Content-Length instead.',
    check(ex, report) {
      const req = ex.request;
      if (!isHttp1(req.httpVersion)) return;
      const all = fields(req, 'transfer-encoding');
      if (all.length === 0) return;
      const codings = parseList(all.map((f) => f.value)).map((c) =>
        c.split(';')[0]!.trim().toLowerCase(),
      );
      if (codings[codings.length - 1] === 'chunked') return;
      report(
        `Request "Transfer-Encoding: ${all.map((f) => f.value).join(', ')}" does not end with chunked; expected "…, chunked"`,
        headerEvidence('request', req, all[all.length - 1]!, {
          expected: `${codings.join(', ')}, chunked`,
        }),
      );
    },
  }),
  defineRule({
    id: 'message/host-missing',
    severity: 'error',
    title: 'HTTP/1.1 request without Host',
    rfc: 'RFC 9112',
    section: '3.2',
    scope: 'request',
    explain:
      'A client MUST send a Host field in every HTTP/1.1 request, and a server MUST answer 400 to one that lacks it. WebSocket handshakes need it too (RFC 6455 §4.1).',
    fix: 'Send "Host: <host>[:<port>]" matching the authority of the target URI.',
    check(ex, report) {
      const req = ex.request;
      if (!isHttp1(req.httpVersion) || isHttp10(req.httpVersion)) return;
      if (fields(req, 'host').length > 0) return;
      report(
        `HTTP/${req.httpVersion} request "${req.method} ${req.target}" has no Host field; expected "Host: <authority>"`,
        startLineEvidence('request', req, { actual: '(absent)', expected: 'Host: <authority>' }),
      );
    },
  }),
  defineRule({
    id: 'message/multiple-host',
    severity: 'error',
    title: 'More than one Host field',
    rfc: 'RFC 9112',
    section: '3.2',
    scope: 'request',
    explain:
      'A server MUST respond 400 to a request with more than one Host field line: peers that pick different ones route the request to different virtual hosts (a known cache-poisoning vector).',
    fix: 'Send exactly one Host field.',
    check(ex, report) {
      const req = ex.request;
      if (!isHttp1(req.httpVersion)) return;
      const all = fields(req, 'host');
      if (all.length < 2) return;
      report(
        `Request has ${all.length} Host fields (${all.map((f) => `"${f.value}"`).join(', ')}); expected exactly one`,
        headerEvidence('request', req, all[1]!, { expected: 'one Host field' }),
      );
    },
  }),
];
