/**
 * Fields a status requires or constrains (RFC 9110 §10.2, §11.6, §11.7, §14.4, §15.3-§15.5).
 * Part of the `status` group.
 */
import { defineRule } from './define.js';
import { field, fields, has, headerEvidence, startLineEvidence } from '../support/headers.js';
import { REDIRECT_SECTIONS, responses } from '../support/exchange-view.js';
import { isHttpDate } from '../support/http-date.js';

/** RFC 3986 URI-reference characters (unreserved, reserved, and "%" for pct-encoded). */
const URI_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;

export const statusFieldRules = [
  defineRule({
    id: 'status/401-without-www-authenticate',
    severity: 'error',
    title: '401 Unauthorized without WWW-Authenticate',
    rfc: 'RFC 9110',
    section: '15.5.2',
    scope: 'response',
    explain:
      'A server generating 401 MUST send a WWW-Authenticate field (§11.6.1) with at least one challenge. Without it the client cannot know how to authenticate; if no HTTP authentication scheme applies, 403 is the better status.',
    fix: 'Add e.g. \'WWW-Authenticate: Bearer realm="api"\' to 401 responses, or use 403 for "authenticated but not allowed".',
    check(ex, report) {
      const res = ex.response;
      if (res === undefined || res.status !== 401 || has(res, 'www-authenticate')) return;
      report(
        '401 Unauthorized has no WWW-Authenticate field; expected at least one challenge, e.g. \'WWW-Authenticate: Basic realm="…"\'',
        startLineEvidence('response', res, {
          actual: '(absent)',
          expected: 'WWW-Authenticate: <challenge>',
        }),
      );
    },
  }),
  defineRule({
    id: 'status/405-without-allow',
    severity: 'error',
    title: '405 Method Not Allowed without Allow',
    rfc: 'RFC 9110',
    section: '15.5.6',
    scope: 'response',
    explain:
      'The origin server MUST generate an Allow field in a 405 response listing the methods the target resource supports (an empty value means none).',
    fix: 'Add "Allow: GET, HEAD" (the methods the route does support) to 405 responses.',
    check(ex, report) {
      const res = ex.response;
      if (res === undefined || res.status !== 405 || has(res, 'allow')) return;
      report(
        `405 Method Not Allowed (request method ${ex.request.method}) has no Allow field; expected e.g. "Allow: GET, HEAD"`,
        startLineEvidence('response', res, { actual: '(absent)', expected: 'Allow: <methods>' }),
      );
    },
  }),
  defineRule({
    id: 'status/407-without-proxy-authenticate',
    severity: 'error',
    title: '407 Proxy Authentication Required without Proxy-Authenticate',
    rfc: 'RFC 9110',
    section: '15.5.8',
    scope: 'response',
    explain:
      'A proxy sending 407 MUST send a Proxy-Authenticate field (§11.7.1) with a challenge applicable to the proxy. Without it clients cannot authenticate to the proxy.',
    fix: 'Add e.g. \'Proxy-Authenticate: Basic realm="proxy"\' to 407 responses.',
    check(ex, report) {
      const res = ex.response;
      if (res === undefined || res.status !== 407 || has(res, 'proxy-authenticate')) return;
      report(
        '407 Proxy Authentication Required has no Proxy-Authenticate field; expected a challenge',
        startLineEvidence('response', res, {
          actual: '(absent)',
          expected: 'Proxy-Authenticate: <challenge>',
        }),
      );
    },
  }),
  defineRule({
    id: 'status/3xx-without-location',
    severity: 'warning',
    title: 'Redirect without Location',
    rfc: 'RFC 9110',
    section: '15.4',
    scope: 'response',
    explain:
      'For 301, 302, 307 and 308 the server SHOULD generate a Location field with the new URI, and 303 is defined by the URI in Location. Without it user agents cannot follow the redirect.',
    fix: 'Send "Location: <URI>" with every 301, 302, 303, 307 and 308 response.',
    check(ex, report) {
      const res = ex.response;
      if (res === undefined) return;
      const section = REDIRECT_SECTIONS[res.status];
      if (section === undefined || has(res, 'location')) return;
      report(
        `${res.status} ${res.reason} has no Location field (RFC 9110 §${section}); expected "Location: <URI>"`,
        startLineEvidence('response', res, { actual: '(absent)', expected: 'Location: <URI>' }),
      );
    },
  }),
  defineRule({
    id: 'status/201-without-location',
    severity: 'info',
    title: '201 Created without Location',
    rfc: 'RFC 9110',
    section: '15.3.2',
    scope: 'response',
    explain:
      'The resource created by a 201 is identified by the Location field, or by the target URI when there is none. A POST that creates a new resource usually wants Location so the client can find it.',
    fix: 'Send "Location: /things/<id>" with 201 when the created resource is not the target URI.',
    check(ex, report) {
      const res = ex.response;
      if (res === undefined || res.status !== 201 || has(res, 'location')) return;
      report(
        `201 Created (to ${ex.request.method} ${ex.request.target}) has no Location; the created resource is taken to be ${ex.request.target}`,
        startLineEvidence('response', res, {
          actual: '(absent)',
          expected: 'Location: <URI of the new resource>',
        }),
      );
    },
  }),
  defineRule({
    id: 'status/multiple-location',
    severity: 'error',
    title: 'More than one Location field',
    rfc: 'RFC 9110',
    section: '10.2.2',
    scope: 'response',
    explain:
      'Location is a single URI-reference, not a list (a comma is a valid URI character). Several Location field lines are invalid; recipients may combine them into one unusable value.',
    fix: 'Send exactly one Location field.',
    check(ex, report) {
      const res = ex.response;
      if (res === undefined) return;
      const all = fields(res, 'location');
      if (all.length < 2) return;
      report(
        `${res.status} response has ${all.length} Location fields (${all.map((f) => `"${f.value}"`).join(', ')}); expected exactly one`,
        headerEvidence('response', res, all[1]!, { expected: 'one Location field' }),
      );
    },
  }),
  defineRule({
    id: 'status/invalid-location',
    severity: 'warning',
    title: 'Location is not a valid URI reference',
    rfc: 'RFC 9110',
    section: '10.2.2',
    scope: 'response',
    explain:
      'Location = URI-reference (RFC 3986). Spaces, non-ASCII characters or a bare "%" are not allowed; recipients recover inconsistently, so redirects break in some clients.',
    fix: 'Percent-encode the URI before putting it in Location (e.g. " " as %20, "é" as %C3%A9).',
    check(ex, report) {
      const res = ex.response;
      if (res === undefined) return;
      for (const hit of fields(res, 'location')) {
        const v = hit.value;
        const bad = v === '' || !URI_CHARS.test(v) || /%(?![0-9A-Fa-f]{2})/.test(v);
        if (!bad) continue;
        report(
          `Location "${v}" is not a URI-reference (${v === '' ? 'empty' : 'contains characters that must be percent-encoded'}); expected e.g. "${encodeURI(v)}"`,
          headerEvidence('response', res, hit, { expected: encodeURI(v) }),
        );
      }
    },
  }),
  defineRule({
    id: 'status/416-without-content-range',
    severity: 'warning',
    title: '416 Range Not Satisfiable without Content-Range',
    rfc: 'RFC 9110',
    section: '15.5.17',
    scope: 'response',
    explain:
      'A server generating 416 to a byte-range request SHOULD send Content-Range with an unsatisfied-range value ("bytes */<length>") so the client learns the current length and can retry.',
    fix: 'Add "Content-Range: bytes */<complete-length>" to 416 responses.',
    check(ex, report) {
      const res = ex.response;
      if (res === undefined || res.status !== 416 || has(res, 'content-range')) return;
      const range = field(ex.request, 'range');
      report(
        `416 response${range ? ` to "Range: ${range.value}"` : ''} has no Content-Range; expected "Content-Range: bytes */<length>"`,
        startLineEvidence('response', res, {
          actual: '(absent)',
          expected: 'Content-Range: bytes */<length>',
        }),
      );
    },
  }),
  defineRule({
    id: 'status/retry-after-malformed',
    severity: 'error',
    title: 'Retry-After is neither an HTTP-date nor a number of seconds',
    rfc: 'RFC 9110',
    section: '10.2.3',
    scope: 'response',
    explain:
      'Retry-After = HTTP-date / delay-seconds, where delay-seconds is a non-negative decimal integer. Fractions, units, negative numbers or other date formats are not understood and clients fall back to their own (often aggressive) retry schedule.',
    fix: 'Send an integer number of seconds ("Retry-After: 120") or an IMF-fixdate ("Retry-After: Fri, 31 Dec 1999 23:59:59 GMT").',
    check(ex, report) {
      for (const r of responses(ex)) {
        for (const hit of fields(r.head, 'retry-after')) {
          const v = hit.value.trim();
          if (/^\d+$/.test(v) || isHttpDate(v)) continue;
          report(
            `"Retry-After: ${hit.value}" is neither delay-seconds nor an HTTP-date; expected e.g. "120" or "Fri, 31 Dec 1999 23:59:59 GMT"`,
            headerEvidence(r.where, r.head, hit, { expected: '120' }),
          );
        }
      }
    },
  }),
];
