/**
 * Status-code semantics, RFC 9110 §15: interim responses, responses without content, codes
 * outside the registry (read from @switchyard/catalog). Required fields: status-fields.ts.
 */
import { getStatus, statusClassOf } from '@switchyard/catalog';
import { defineRule } from './define.js';
import { fields, has, headerEvidence, startLineEvidence } from '../support/headers.js';
import { isHttp10, responses } from '../support/exchange-view.js';

export const statusRules = [
  defineRule({
    id: 'status/1xx-to-http10',
    severity: 'error',
    title: '1xx interim response sent to an HTTP/1.0 client',
    rfc: 'RFC 9110',
    section: '15.2',
    scope: 'response',
    explain:
      'HTTP/1.0 defined no 1xx status codes, so a server MUST NOT send a 1xx response to an HTTP/1.0 client: the client takes it for the final response and misreads what follows.',
    fix: 'Check the request version: never send 100 Continue, 103 Early Hints or 101 to an HTTP/1.0 request.',
    check(ex, report) {
      if (!isHttp10(ex.request.httpVersion)) return;
      const upgradeAsked = has(ex.request, 'upgrade');
      for (const r of responses(ex)) {
        if (r.status < 100 || r.status > 199) continue;
        if (r.status === 101 && upgradeAsked) continue; // upgrade/http10-upgrade-honoured
        report(
          `${r.status} sent to an HTTP/${ex.request.httpVersion} request; 1xx responses must not be sent to HTTP/1.0 clients`,
          startLineEvidence(r.where, r.head, {
            actual: String(r.status),
            expected: 'no interim response',
            ...(r.interimIndex !== undefined ? { interimIndex: r.interimIndex } : {}),
          }),
        );
      }
    },
  }),
  defineRule({
    id: 'status/1xx-with-content',
    severity: 'error',
    title: '1xx response announces content (Content-Length or Transfer-Encoding)',
    rfc: 'RFC 9110',
    section: '15.2',
    scope: 'response',
    explain:
      'A 1xx response is terminated by the end of its header section; it cannot contain content or trailers. Content-Length (RFC 9110 §8.6) and Transfer-Encoding (RFC 9112 §6.1) MUST NOT be sent in a 1xx; a client that trusts them eats the next response as a body.',
    fix: 'Remove Content-Length and Transfer-Encoding from 100, 101 and 103 responses, and never write a body after them.',
    check(ex, report) {
      for (const r of responses(ex)) {
        if (r.status < 100 || r.status > 199) continue;
        for (const hit of [
          ...fields(r.head, 'content-length'),
          ...fields(r.head, 'transfer-encoding'),
        ]) {
          report(
            `${r.status} response carries "${hit.name}: ${hit.value}"; a 1xx has no content, expected no ${hit.name} field`,
            headerEvidence(r.where, r.head, hit, {
              expected: '(absent)',
              ...(r.interimIndex !== undefined ? { interimIndex: r.interimIndex } : {}),
            }),
          );
        }
      }
    },
  }),
  defineRule({
    id: 'status/204-with-content',
    severity: 'error',
    title: '204 No Content response has content',
    rfc: 'RFC 9110',
    section: '15.3.5',
    scope: 'response',
    explain:
      'A 204 response is terminated by the end of the header section; it cannot contain content. Bytes sent after it are read as the start of the next response on the connection.',
    fix: 'Send no body with 204 (use 200 if there is something to return).',
    check(ex, report) {
      const res = ex.response;
      if (res === undefined || res.status !== 204 || ex.responseBody.size === 0) return;
      report(
        `204 No Content was followed by ${ex.responseBody.size} bytes of content; expected none`,
        startLineEvidence('response', res, {
          actual: `${ex.responseBody.size} bytes`,
          expected: '0 bytes',
        }),
      );
    },
  }),
  defineRule({
    id: 'status/204-content-length',
    severity: 'error',
    title: '204 No Content response sends Content-Length',
    rfc: 'RFC 9110',
    section: '8.6',
    scope: 'response',
    explain:
      'A server MUST NOT send Content-Length in any 1xx or 204 response. Some clients and proxies use it to frame a body that cannot exist and hang or desynchronise.',
    fix: 'Drop Content-Length from 204 responses (many frameworks add "Content-Length: 0" by default; turn it off for 204).',
    check(ex, report) {
      const res = ex.response;
      if (res === undefined || res.status !== 204) return;
      for (const hit of fields(res, 'content-length')) {
        report(
          `204 response carries "Content-Length: ${hit.value}"; expected no Content-Length field`,
          headerEvidence('response', res, hit, { expected: '(absent)' }),
        );
      }
    },
  }),
  defineRule({
    id: 'status/304-with-content',
    severity: 'error',
    title: '304 Not Modified response has content',
    rfc: 'RFC 9110',
    section: '15.4.5',
    scope: 'response',
    explain:
      'A 304 response is terminated by the end of the header section; it cannot contain content. The client reuses its cached representation and reads any extra bytes as the next response.',
    fix: 'Send only the header section with 304.',
    check(ex, report) {
      const res = ex.response;
      if (res === undefined || res.status !== 304 || ex.responseBody.size === 0) return;
      report(
        `304 Not Modified was followed by ${ex.responseBody.size} bytes of content; expected none`,
        startLineEvidence('response', res, {
          actual: `${ex.responseBody.size} bytes`,
          expected: '0 bytes',
        }),
      );
    },
  }),
  defineRule({
    id: 'status/head-response-with-content',
    severity: 'error',
    title: 'Response to HEAD has content',
    rfc: 'RFC 9110',
    section: '9.3.2',
    scope: 'response',
    explain:
      'HEAD is identical to GET except that the server MUST NOT send content in the response. Header fields such as Content-Length describe what GET would return, but no body follows.',
    fix: 'Skip writing the body for HEAD requests (keep the headers a GET would have).',
    check(ex, report) {
      const res = ex.response;
      if (res === undefined || ex.request.method !== 'HEAD' || ex.responseBody.size === 0) return;
      report(
        `Response ${res.status} to HEAD was followed by ${ex.responseBody.size} bytes of content; expected none`,
        startLineEvidence('response', res, {
          actual: `${ex.responseBody.size} bytes`,
          expected: '0 bytes',
        }),
      );
    },
  }),
  defineRule({
    id: 'status/invalid-status-code',
    severity: 'error',
    title: 'Status code outside 100..599',
    rfc: 'RFC 9110',
    section: '15',
    scope: 'response',
    explain:
      'Status codes are three-digit integers whose first digit is the class; values outside 100..599 are invalid. A client that receives one should treat the response as a 5xx. Codes such as 600–999 are sometimes used internally by libraries and leak onto the wire by mistake.',
    fix: 'Send a status code from 100..599 (use 502 or 500 for upstream or internal failures).',
    check(ex, report) {
      for (const r of responses(ex)) {
        if (statusClassOf(r.status) !== undefined) continue;
        report(
          `Status ${r.status} is outside 100..599; clients should treat it as a 5xx (server error)`,
          startLineEvidence(r.where, r.head, { actual: String(r.status), expected: '100..599' }),
        );
      }
    },
  }),
  defineRule({
    id: 'status/unregistered-status-code',
    severity: 'info',
    title: 'Status code not registered with IANA',
    rfc: 'RFC 9110',
    section: '15',
    scope: 'response',
    explain:
      'A client that does not recognise a status code treats it as the x00 code of its class (e.g. 499 as 400). Unregistered codes used by one product (nginx 499, Cloudflare 52x) mean nothing to other clients, caches and monitors.',
    fix: 'Prefer the registered code that carries the meaning (e.g. 502/504 for upstream failures, 429 for rate limiting); keep product-specific codes internal.',
    check(ex, report) {
      for (const r of responses(ex)) {
        if (statusClassOf(r.status) === undefined) continue; // status/invalid-status-code
        const entry = getStatus(r.status);
        if (entry?.registered) continue;
        const fallback = Math.floor(r.status / 100) * 100;
        const who = entry?.usedBy ? ` (used by ${entry.usedBy})` : '';
        report(
          `Status ${r.status} is not registered with IANA${who}; clients that do not know it treat it as ${fallback}`,
          startLineEvidence(r.where, r.head, {
            actual: String(r.status),
            expected: `a registered ${fallback / 100}xx code`,
          }),
        );
      }
    },
  }),
];
