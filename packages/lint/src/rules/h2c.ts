/**
 * h2c and HTTP/2 messages: the deprecated cleartext upgrade (RFC 9113 §3.1; its HTTP2-Settings
 * field, RFC 7540 §3.2.1) and HTTP/2 field rules (RFC 9113 §8.2.1, §8.2.2, §8.6).
 */
import type { Exchange } from '@switchyard/exchange';
import { decodeHttp2Settings } from '@switchyard/protocol';
import { defineRule } from './define.js';
import {
  field,
  fields,
  has,
  hasToken,
  headerEvidence,
  startLineEvidence,
  type HeadLike,
} from '../support/headers.js';
import { isH2cRequest, isHttp2, responses, switching } from '../support/exchange-view.js';
import type { EvidenceLocation } from '../types.js';

/** RFC 9113 §8.2.2: fields that only make sense for one HTTP/1.1 connection. */
const CONNECTION_SPECIFIC = [
  'connection',
  'upgrade',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
];

/** Problems with the request's single HTTP2-Settings value that make it unusable. */
function settingsProblem(value: string): string | undefined {
  const decoded = decodeHttp2Settings(value);
  const fatal = decoded.findings.find(
    (f) => f.severity === 'error' && f.code !== 'invalid-setting-value',
  );
  if (decoded.settings === undefined || fatal !== undefined) {
    return fatal?.message ?? 'not base64url';
  }
  return undefined;
}

function http2Heads(ex: Exchange): { where: EvidenceLocation; head: HeadLike; label: string }[] {
  const out: { where: EvidenceLocation; head: HeadLike; label: string }[] = [];
  if (isHttp2(ex.request.httpVersion))
    out.push({ where: 'request', head: ex.request, label: 'HTTP/2 request' });
  if (ex.response !== undefined && isHttp2(ex.response.httpVersion)) {
    out.push({
      where: 'response',
      head: ex.response,
      label: `HTTP/2 ${ex.response.status} response`,
    });
  }
  return out;
}

export const h2cRules = [
  defineRule({
    id: 'h2c/upgrade-deprecated',
    severity: 'info',
    title: 'Upgrade: h2c is deprecated',
    rfc: 'RFC 9113',
    section: '3.1',
    scope: 'request',
    explain:
      'Starting HTTP/2 with "Upgrade: h2c" was never widely deployed and is deprecated by RFC 9113 (as is HTTP2-Settings). Browsers never used it; servers increasingly refuse it. HTTP/2 today starts with TLS + ALPN "h2" (§3.2) or, in cleartext, with prior knowledge (§3.3).',
    fix: 'Use HTTPS with ALPN h2, or send the HTTP/2 connection preface directly when the server is known to speak h2c (curl --http2-prior-knowledge).',
    check(ex, report) {
      const up = fields(ex.request, 'upgrade').find((f) => /(^|,)\s*h2c\s*(,|$)/i.test(f.value));
      if (up === undefined) return;
      report(
        `Request offers "Upgrade: ${up.value}"; the h2c upgrade is deprecated, expected TLS+ALPN "h2" or prior knowledge`,
        headerEvidence('request', ex.request, up, { expected: 'ALPN h2 or prior knowledge' }),
      );
    },
  }),
  defineRule({
    id: 'h2c/missing-http2-settings',
    severity: 'error',
    title: 'h2c upgrade without HTTP2-Settings',
    rfc: 'RFC 7540',
    section: '3.2.1',
    scope: 'request',
    explain:
      'A request that upgrades to HTTP/2 MUST include exactly one HTTP2-Settings field (the base64url SETTINGS payload); a server MUST NOT upgrade without it.',
    fix: 'Add "HTTP2-Settings: <base64url SETTINGS payload>" (e.g. "AAMAAABkAARAAAAA") and list it in Connection: "Connection: Upgrade, HTTP2-Settings".',
    check(ex, report) {
      if (!isH2cRequest(ex) || has(ex.request, 'http2-settings')) return;
      report(
        'Request offers h2c but has no HTTP2-Settings field; expected exactly one',
        startLineEvidence('request', ex.request, {
          actual: '(absent)',
          expected: 'HTTP2-Settings: <base64url>',
        }),
      );
    },
  }),
  defineRule({
    id: 'h2c/multiple-http2-settings',
    severity: 'error',
    title: 'More than one HTTP2-Settings field',
    rfc: 'RFC 7540',
    section: '3.2.1',
    scope: 'request',
    explain:
      'An h2c upgrade request MUST include exactly one HTTP2-Settings field; with more than one the server MUST NOT upgrade.',
    fix: 'Send a single HTTP2-Settings field.',
    check(ex, report) {
      const all = fields(ex.request, 'http2-settings');
      if (all.length < 2) return;
      report(
        `Request has ${all.length} HTTP2-Settings fields; expected exactly one`,
        headerEvidence('request', ex.request, all[1]!, { expected: 'one HTTP2-Settings' }),
      );
    },
  }),
  defineRule({
    id: 'h2c/malformed-http2-settings',
    severity: 'error',
    title: 'HTTP2-Settings is not a base64url SETTINGS payload',
    rfc: 'RFC 7540',
    section: '3.2.1',
    scope: 'request',
    explain:
      'HTTP2-Settings is the payload of a SETTINGS frame encoded as base64url (RFC 4648 §5: "-" and "_", no padding). The payload is a sequence of 6-byte entries (RFC 9113 §6.5.1). A value that does not decode that way cannot be used and the upgrade fails.',
    fix: 'Encode the SETTINGS payload (6 bytes per setting) with base64url and strip trailing "=", e.g. "AAMAAABkAARAAAAA" for MAX_CONCURRENT_STREAMS=100, INITIAL_WINDOW_SIZE=1073741824.',
    check(ex, report) {
      for (const hit of fields(ex.request, 'http2-settings')) {
        const problem = settingsProblem(hit.value);
        if (problem === undefined) continue;
        report(
          `HTTP2-Settings "${hit.value}" is unusable: ${problem}; expected base64url of 6-byte SETTINGS entries`,
          headerEvidence('request', ex.request, hit, {
            expected: 'base64url of 6-byte SETTINGS entries',
          }),
        );
      }
    },
  }),
  defineRule({
    id: 'h2c/invalid-setting-value',
    severity: 'error',
    title: 'HTTP2-Settings carries an invalid setting value',
    rfc: 'RFC 9113',
    section: '6.5.2',
    scope: 'request',
    explain:
      'Settings have defined ranges: ENABLE_PUSH 0 or 1, INITIAL_WINDOW_SIZE ≤ 2^31−1, MAX_FRAME_SIZE 2^14..2^24−1, and ENABLE_CONNECT_PROTOCOL (RFC 8441 §3) 0 or 1. An out-of-range value is a connection error (PROTOCOL_ERROR or FLOW_CONTROL_ERROR).',
    fix: 'Send settings within their ranges (or omit them to keep the defaults).',
    check(ex, report) {
      for (const hit of fields(ex.request, 'http2-settings')) {
        const decoded = decodeHttp2Settings(hit.value);
        for (const f of decoded.findings) {
          if (f.code !== 'invalid-setting-value') continue;
          report(
            `HTTP2-Settings "${hit.value}": ${f.message}`,
            headerEvidence('request', ex.request, hit, {
              expected: 'values within RFC 9113 §6.5.2 ranges',
            }),
          );
        }
      }
    },
  }),
  defineRule({
    id: 'h2c/connection-missing-http2-settings',
    severity: 'error',
    title: 'HTTP2-Settings not listed in Connection',
    rfc: 'RFC 7540',
    section: '3.2.1',
    scope: 'request',
    explain:
      'A client sending HTTP2-Settings MUST also send "HTTP2-Settings" as a connection option in Connection, so that intermediaries do not forward it to a server it was not meant for.',
    fix: 'Send "Connection: Upgrade, HTTP2-Settings".',
    check(ex, report) {
      const req = ex.request;
      const hs = field(req, 'http2-settings');
      if (hs === undefined || hasToken(req, 'connection', 'http2-settings')) return;
      const conn = field(req, 'connection');
      report(
        `Request sends HTTP2-Settings but Connection is ${conn ? `"${conn.value}"` : '(absent)'}; expected "Connection: Upgrade, HTTP2-Settings"`,
        headerEvidence('request', req, conn ?? hs, { expected: 'Upgrade, HTTP2-Settings' }),
      );
    },
  }),
  defineRule({
    id: 'h2c/upgraded-without-valid-settings',
    severity: 'error',
    title: 'Server switched to h2c without exactly one valid HTTP2-Settings',
    rfc: 'RFC 7540',
    section: '3.2.1',
    scope: 'response',
    explain:
      'A server MUST NOT upgrade the connection to HTTP/2 if HTTP2-Settings is absent or present more than once (and cannot if it does not decode). It should continue in HTTP/1.1 instead.',
    fix: 'Check HTTP2-Settings before answering 101 to "Upgrade: h2c"; otherwise ignore the Upgrade and answer over HTTP/1.1.',
    check(ex, report) {
      const sw = switching(ex);
      if (sw === undefined || !isH2cRequest(ex) || !hasToken(sw.head, 'upgrade', 'h2c')) return;
      const all = fields(ex.request, 'http2-settings');
      const ok = all.length === 1 && settingsProblem(all[0]!.value) === undefined;
      if (ok) return;
      const why =
        all.length === 0
          ? 'none was sent'
          : all.length > 1
            ? `${all.length} were sent`
            : 'it does not decode';
      report(
        `101 switched to h2c although the request's HTTP2-Settings is unusable (${why}); expected the upgrade to be refused`,
        startLineEvidence(sw.where, sw.head, {
          actual: '101',
          expected: 'HTTP/1.1 final response',
        }),
      );
    },
  }),
  defineRule({
    id: 'h2c/server-sent-http2-settings',
    severity: 'error',
    title: 'Server sent HTTP2-Settings',
    rfc: 'RFC 7540',
    section: '3.2.1',
    scope: 'response',
    explain:
      "HTTP2-Settings is a request field: a server MUST NOT send it. Server settings travel in the server's first SETTINGS frame after the 101.",
    fix: 'Remove HTTP2-Settings from responses; send a SETTINGS frame as the server connection preface instead.',
    check(ex, report) {
      for (const r of responses(ex)) {
        const hit = field(r.head, 'http2-settings');
        if (hit === undefined) continue;
        report(
          `${r.status} response carries "HTTP2-Settings: ${hit.value}"; servers must not send it`,
          headerEvidence(r.where, r.head, hit, { expected: '(absent)' }),
        );
      }
    },
  }),
  defineRule({
    id: 'h2c/101-in-http2',
    severity: 'error',
    title: '101 Switching Protocols in HTTP/2',
    rfc: 'RFC 9113',
    section: '8.6',
    scope: 'response',
    explain:
      'HTTP/2 does not support 101 (Switching Protocols) or the Upgrade mechanism; a 101 in HTTP/2 is malformed. WebSocket over HTTP/2 uses extended CONNECT with a 2xx (RFC 8441).',
    fix: 'Over HTTP/2 use extended CONNECT (":protocol = websocket", success is 200), not Upgrade/101.',
    check(ex, report) {
      const res = ex.response;
      const versions = [ex.request.httpVersion, res?.httpVersion];
      if (!versions.some((v) => isHttp2(v))) return;
      for (const r of responses(ex)) {
        if (r.status !== 101) continue;
        // RFC 7540 §3.2: after an h2c upgrade the request is answered on stream 1; the 101 that
        // switched (Upgrade: h2c) was sent over HTTP/1.1, before HTTP/2 began. It is not a 101
        // in HTTP/2, so a capture of stream 1 that records it as an interim response is fine.
        if (r.where === 'interim' && hasToken(r.head, 'upgrade', 'h2c')) continue;
        report(
          `HTTP/2 exchange has a 101 ${r.where === 'interim' ? 'interim ' : ''}response; HTTP/2 has no 101, expected extended CONNECT with 200`,
          startLineEvidence(r.where, r.head, {
            actual: '101',
            expected: '200 to extended CONNECT',
          }),
        );
      }
    },
  }),
  defineRule({
    id: 'h2c/426-in-http2',
    severity: 'warning',
    title: '426 Upgrade Required over HTTP/2',
    rfc: 'RFC 9113',
    section: '8.6',
    scope: 'response',
    explain:
      'A 426 must carry an Upgrade field naming the protocols the client has to switch to (RFC 9110 §15.5.22), but HTTP/2 has no Upgrade mechanism and forbids the field as connection-specific (RFC 9113 §8.6, §8.2.2). A 426 over HTTP/2 therefore cannot say what to switch to, and the client cannot switch this connection anyway.',
    fix: 'Send 426 only over HTTP/1.1. Over HTTP/2, offer WebSocket with extended CONNECT (RFC 8441) instead, or answer with a status the client can act on.',
    check(ex, report) {
      const res = ex.response;
      if (res === undefined || res.status !== 426 || !isHttp2(res.httpVersion)) return;
      report(
        '426 Upgrade Required sent over HTTP/2, where no Upgrade field can name the protocol to switch to',
        startLineEvidence('response', res, { actual: '426', expected: 'HTTP/1.1 for a 426' }),
      );
    },
  }),
  defineRule({
    id: 'h2c/connection-specific-header',
    severity: 'error',
    title: 'Connection-specific field in an HTTP/2 message',
    rfc: 'RFC 9113',
    section: '8.2.2',
    scope: 'message',
    explain:
      'HTTP/2 does not use Connection to mark hop-by-hop fields: an endpoint MUST NOT generate Connection, Upgrade, Keep-Alive, Proxy-Connection or Transfer-Encoding, and a message containing them is malformed (stream error PROTOCOL_ERROR).',
    fix: 'Strip connection-specific fields when converting an HTTP/1.1 message to HTTP/2 (proxies must do this).',
    check(ex, report) {
      for (const { where, head, label } of http2Heads(ex)) {
        for (const name of CONNECTION_SPECIFIC) {
          for (const hit of fields(head, name)) {
            report(
              `${label} contains "${hit.name}: ${hit.value}"; connection-specific fields are not allowed in HTTP/2`,
              headerEvidence(where, head, hit, { expected: '(absent)' }),
            );
          }
        }
      }
    },
  }),
  defineRule({
    id: 'h2c/te-not-trailers',
    severity: 'error',
    title: 'HTTP/2 TE field with a value other than "trailers"',
    rfc: 'RFC 9113',
    section: '8.2.2',
    scope: 'request',
    explain:
      'The only exception to the connection-specific rule is TE, which MAY be present in an HTTP/2 request but MUST NOT contain any value other than "trailers".',
    fix: 'Send "te: trailers" or no TE field over HTTP/2.',
    check(ex, report) {
      const req = ex.request;
      if (!isHttp2(req.httpVersion)) return;
      for (const hit of fields(req, 'te')) {
        if (hit.value.trim().toLowerCase() === 'trailers') continue;
        report(
          `HTTP/2 request has "te: ${hit.value}"; only "trailers" is allowed`,
          headerEvidence('request', req, hit, { expected: 'trailers' }),
        );
      }
    },
  }),
  defineRule({
    id: 'h2c/uppercase-field-name',
    severity: 'error',
    title: 'Uppercase field name in an HTTP/2 message',
    rfc: 'RFC 9113',
    section: '8.2.1',
    scope: 'message',
    explain:
      'HTTP/2 field names MUST be lowercase (the ranges 0x41–0x5A are forbidden); a message with an uppercase field name is malformed.',
    fix: 'Lowercase field names before encoding them with HPACK (HTTP/2 libraries do; hand-built header blocks may not).',
    check(ex, report) {
      for (const { where, head, label } of http2Heads(ex)) {
        head.headers.forEach(([name, value], index) => {
          if (!/[A-Z]/.test(name)) return;
          report(
            `${label} has field name "${name}"; HTTP/2 field names must be lowercase ("${name.toLowerCase()}")`,
            headerEvidence(where, head, { name, value, index }, { expected: name.toLowerCase() }),
          );
        });
      }
    },
  }),
];
