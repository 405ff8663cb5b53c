/**
 * Upgrade mechanics, RFC 9110 §7.8 (and §15.2.2, §15.5.22). WebSocket handshakes get the more
 * specific `ws-handshake/*` rules instead where both would say the same thing.
 */
import { parseUpgrade } from '@switchyard/protocol';
import { defineRule } from './define.js';
import {
  field,
  fields,
  has,
  hasToken,
  headerEvidence,
  shown,
  startLineEvidence,
} from '../support/headers.js';
import {
  isHttp1,
  isHttp10,
  isHttp2,
  isWebSocketRequest,
  responses,
  switching,
} from '../support/exchange-view.js';

const NGINX_FIX = [
  'nginx does not forward Upgrade/Connection by default (they are hop-by-hop). In the location:',
  '  proxy_http_version 1.1;',
  '  proxy_set_header Upgrade $http_upgrade;',
  '  proxy_set_header Connection $connection_upgrade;',
  'with, in the http block: map $http_upgrade $connection_upgrade { default upgrade; "" close; }',
].join('\n');
const APACHE_FIX = [
  'Apache httpd 2.4.47+: ProxyPass "/ws/" "http://backend/ws/" upgrade=websocket',
  '(older versions: load mod_proxy_wstunnel and ProxyPass "/ws/" "ws://backend/ws/").',
].join('\n');

export const upgradeRules = [
  defineRule({
    id: 'upgrade/missing-connection-upgrade',
    severity: 'error',
    title: 'Request sends Upgrade without the "upgrade" connection option',
    rfc: 'RFC 9110',
    section: '7.8',
    scope: 'request',
    explain:
      'A sender of Upgrade MUST also send an "upgrade" connection option in the Connection field, so that intermediaries know the field is hop-by-hop and do not forward it. Proxies and many servers ignore an Upgrade that is not listed in Connection, so the upgrade silently never happens.',
    fix: 'Send "Connection: upgrade" (or add "upgrade" to the existing Connection list, e.g. "Connection: keep-alive, Upgrade") whenever the request carries Upgrade.',
    check(ex, report) {
      const req = ex.request;
      if (!isHttp1(req.httpVersion) || isWebSocketRequest(ex)) return;
      const upgrade = field(req, 'upgrade');
      if (upgrade === undefined || hasToken(req, 'connection', 'upgrade')) return;
      report(
        `Request has "Upgrade: ${upgrade.value}" but Connection is ${shown(req, 'connection')}; expected a Connection list containing "upgrade"`,
        headerEvidence('request', req, upgrade, { expected: 'Connection: upgrade' }),
      );
    },
  }),
  defineRule({
    id: 'upgrade/response-missing-connection-upgrade',
    severity: 'error',
    title: 'Response sends Upgrade without the "upgrade" connection option',
    rfc: 'RFC 9110',
    section: '7.8',
    scope: 'response',
    explain:
      'Any sender of Upgrade, server included, MUST also list "upgrade" in Connection (a 101, a 426, or a response advertising Upgrade). Without it intermediaries may forward the hop-by-hop Upgrade field or drop the switch.',
    fix: 'Add "Connection: upgrade" to every response that carries an Upgrade field.',
    check(ex, report) {
      if (!isHttp1(ex.request.httpVersion)) return;
      const ws = isWebSocketRequest(ex);
      for (const r of responses(ex)) {
        if (ws && r.status === 101) continue; // ws-handshake/response-connection-missing-upgrade
        const upgrade = field(r.head, 'upgrade');
        if (upgrade === undefined || hasToken(r.head, 'connection', 'upgrade')) continue;
        report(
          `${r.status} response has "Upgrade: ${upgrade.value}" but Connection is ${shown(r.head, 'connection')}; expected "Connection: upgrade"`,
          headerEvidence(r.where, r.head, upgrade, {
            expected: 'Connection: upgrade',
            ...(r.interimIndex !== undefined ? { interimIndex: r.interimIndex } : {}),
          }),
        );
      }
    },
  }),
  defineRule({
    id: 'upgrade/101-without-upgrade',
    severity: 'error',
    title: '101 Switching Protocols without an Upgrade field',
    rfc: 'RFC 9110',
    section: '15.2.2',
    scope: 'response',
    explain:
      'A server sending 101 MUST generate an Upgrade field naming the protocol(s) in effect after the response. Without it the client cannot know what the connection switched to, and WebSocket clients fail the connection (RFC 6455 §4.1).',
    fix: 'Send "Upgrade: <protocol>" (e.g. "Upgrade: websocket") together with "Connection: upgrade" in the 101 response.',
    check(ex, report) {
      const sw = switching(ex);
      if (sw === undefined || has(sw.head, 'upgrade') || !isHttp1(ex.request.httpVersion)) return;
      const offered = shown(ex.request, 'upgrade');
      report(
        `101 response has no Upgrade field; expected one naming the new protocol (the request offered ${offered})`,
        startLineEvidence(sw.where, sw.head, {
          actual: '(absent)',
          expected: field(ex.request, 'upgrade')?.value ?? 'Upgrade: <protocol>',
        }),
      );
    },
  }),
  defineRule({
    id: 'upgrade/101-unoffered-protocol',
    severity: 'error',
    title: '101 switches to a protocol the client did not offer',
    rfc: 'RFC 9110',
    section: '7.8',
    scope: 'response',
    explain:
      "A server MUST NOT switch to a protocol that was not indicated by the client in the request's Upgrade field. The client is not prepared to speak it and will misread every following byte.",
    fix: "Only answer 101 with a protocol taken from the request's Upgrade list; otherwise ignore the Upgrade and answer normally (or 426 with the protocols you require).",
    check(ex, report) {
      if (isWebSocketRequest(ex)) return; // ws-handshake/response-upgrade-not-websocket
      const sw = switching(ex);
      if (sw === undefined) return;
      const offered = parseUpgrade(fields(ex.request, 'upgrade').map((f) => f.value));
      if (offered.length === 0) return; // upgrade/101-without-request-upgrade
      for (const hit of fields(sw.head, 'upgrade')) {
        for (const p of parseUpgrade(hit.value)) {
          const ok = offered.some(
            (o) => o.name === p.name && (p.version === undefined || o.version === p.version),
          );
          if (ok) continue;
          report(
            `101 "Upgrade: ${hit.value}" names "${p.raw}", which the request did not offer (request Upgrade: ${shown(ex.request, 'upgrade')})`,
            headerEvidence(sw.where, sw.head, hit, {
              expected: offered.map((o) => o.raw).join(', '),
            }),
          );
        }
      }
    },
  }),
  defineRule({
    id: 'upgrade/101-without-request-upgrade',
    severity: 'error',
    title: '101 sent to a request that asked for no upgrade',
    rfc: 'RFC 9110',
    section: '7.8',
    scope: 'response',
    explain:
      "Switching protocols is only possible at the client's invitation: the server MUST NOT switch to a protocol the request's Upgrade field did not name, and a request without Upgrade names none.",
    fix: "Answer a request without Upgrade with a normal final response; only send 101 when the request's Upgrade lists the protocol.",
    check(ex, report) {
      const sw = switching(ex);
      if (sw === undefined || has(ex.request, 'upgrade') || !isHttp1(ex.request.httpVersion))
        return; // HTTP/2: h2c/101-in-http2
      report(
        `101 sent (Upgrade: ${shown(sw.head, 'upgrade')}) but the request has no Upgrade field`,
        startLineEvidence(sw.where, sw.head, { actual: '101', expected: 'a final response' }),
      );
    },
  }),
  defineRule({
    id: 'upgrade/http10-upgrade-honoured',
    severity: 'error',
    title: 'Upgrade honoured on an HTTP/1.0 request',
    rfc: 'RFC 9110',
    section: '7.8',
    scope: 'response',
    explain:
      'A server that receives Upgrade in an HTTP/1.0 request MUST ignore it: HTTP/1.0 has no 1xx responses and no hop-by-hop Connection semantics, so an HTTP/1.0 intermediary may have forwarded the field blindly.',
    fix: 'Check the request version before switching; answer HTTP/1.0 requests with a normal response (e.g. 426 with "Upgrade" if the resource needs the new protocol).',
    check(ex, report) {
      const req = ex.request;
      if (!isHttp10(req.httpVersion)) return;
      const upgrade = field(req, 'upgrade');
      const sw = switching(ex);
      if (upgrade === undefined || sw === undefined) return;
      report(
        `Request is HTTP/${req.httpVersion} with "Upgrade: ${upgrade.value}", yet the server answered 101; an HTTP/1.0 Upgrade must be ignored`,
        startLineEvidence(sw.where, sw.head, {
          actual: `HTTP/${req.httpVersion} request answered 101`,
          expected: 'a final response ignoring Upgrade',
        }),
      );
    },
  }),
  defineRule({
    id: 'upgrade/http10-request-upgrade',
    severity: 'warning',
    title: 'HTTP/1.0 request asks for an upgrade that will be ignored',
    rfc: 'RFC 9110',
    section: '7.8',
    scope: 'request',
    explain:
      'A server MUST ignore Upgrade in an HTTP/1.0 request, so this request can never switch protocols.',
    fix: 'Send the request as HTTP/1.1.',
    check(ex, report) {
      const req = ex.request;
      if (!isHttp10(req.httpVersion) || isWebSocketRequest(ex)) return;
      const upgrade = field(req, 'upgrade');
      if (upgrade === undefined) return;
      report(
        `Request line says HTTP/${req.httpVersion} but carries "Upgrade: ${upgrade.value}"; servers must ignore it (expected HTTP/1.1)`,
        headerEvidence('request', req, upgrade, { expected: 'HTTP/1.1' }),
      );
    },
  }),
  defineRule({
    id: 'upgrade/expect-100-missing-before-101',
    severity: 'error',
    title: 'Expect: 100-continue with Upgrade answered 101 without a 100 first',
    rfc: 'RFC 9110',
    section: '7.8',
    scope: 'response',
    explain:
      'If a server receives both Upgrade and "Expect: 100-continue", it MUST send 100 (Continue) before 101 (Switching Protocols). The client may be waiting for the 100 before sending its content; switching first leaves that content stranded in the wrong protocol.',
    fix: 'Write "HTTP/1.1 100 Continue" and read the request content before writing the 101.',
    check(ex, report) {
      const req = ex.request;
      const expect = fields(req, 'expect').find((f) =>
        /(^|,)\s*100-continue\s*(,|$)/i.test(f.value),
      );
      const upgrade = field(req, 'upgrade');
      if (expect === undefined || upgrade === undefined) return;
      const all = responses(ex);
      const at101 = all.findIndex((r) => r.status === 101);
      if (at101 === -1) return;
      if (all.slice(0, at101).some((r) => r.status === 100)) return;
      const sw = all[at101]!;
      report(
        `Request has "Expect: ${expect.value}" and "Upgrade: ${upgrade.value}"; the 101 was sent without a preceding 100 Continue`,
        startLineEvidence(sw.where, sw.head, {
          actual: all
            .slice(0, at101 + 1)
            .map((r) => r.status)
            .join(' then '),
          expected: '100 then 101',
        }),
      );
    },
  }),
  defineRule({
    id: 'upgrade/200-to-upgrade-request',
    severity: 'warning',
    title: 'WebSocket upgrade answered 2xx: the upgrade was dropped on the way',
    rfc: 'RFC 9110',
    section: '7.8',
    scope: 'response',
    explain:
      'A server MAY ignore Upgrade in general (an ignored h2c offer answered 200 is fine), but a WebSocket handshake can only succeed with 101; a 2xx almost always means a reverse proxy (or a framework route) answered the request as plain HTTP: Upgrade and Connection are hop-by-hop fields that proxies strip unless told to forward them. The client then fails the handshake (RFC 6455 §4.1).',
    fix: `Make every hop forward the upgrade.\n${NGINX_FIX}\n${APACHE_FIX}\nIn the application, route the path to the WebSocket/upgrade handler rather than a normal HTTP handler.`,
    check(ex, report) {
      const req = ex.request;
      const upgrade = field(req, 'upgrade');
      const res = ex.response;
      if (!isWebSocketRequest(ex) || res === undefined || isHttp10(req.httpVersion)) return;
      if (res.status < 200 || res.status > 299 || switching(ex) !== undefined) return;
      report(
        `WebSocket handshake (Upgrade: ${upgrade?.value ?? '(absent)'}) got the final response ${res.status} ${res.reason}; expected 101 Switching Protocols (a proxy likely stripped Upgrade/Connection)`,
        startLineEvidence('response', res, { actual: String(res.status), expected: '101' }),
      );
    },
  }),
  defineRule({
    id: 'upgrade/426-without-upgrade',
    severity: 'error',
    title: '426 Upgrade Required without an Upgrade field',
    rfc: 'RFC 9110',
    section: '15.5.22',
    scope: 'response',
    explain:
      'A server that sends 426 MUST send an Upgrade field listing the acceptable protocols, in order of preference. Without it the client has no way to know what to upgrade to.',
    fix: 'Add "Upgrade: <protocol>" (e.g. "Upgrade: websocket") and "Connection: upgrade" to the 426 response.',
    check(ex, report) {
      const res = ex.response;
      if (res === undefined || res.status !== 426 || has(res, 'upgrade')) return;
      // HTTP/2 forbids the Upgrade field (RFC 9113 §8.2.2): h2c/426-in-http2 says what that means.
      if (isHttp2(res.httpVersion)) return;
      report(
        '426 Upgrade Required has no Upgrade field; expected e.g. "Upgrade: websocket" naming the required protocol(s)',
        startLineEvidence('response', res, { actual: '(absent)', expected: 'Upgrade: <protocol>' }),
      );
    },
  }),
  defineRule({
    id: 'upgrade/connection-upgrade-without-upgrade',
    severity: 'info',
    title: 'Connection lists "upgrade" but the request has no Upgrade field',
    rfc: 'RFC 9110',
    section: '7.8',
    scope: 'request',
    explain:
      'The "upgrade" connection option only means something alongside an Upgrade field naming the protocol(s) offered. Alone, nothing will be upgraded; usually the Upgrade field was forgotten or stripped.',
    fix: 'Add the Upgrade field naming the protocol (e.g. "Upgrade: websocket"), or drop "upgrade" from Connection.',
    check(ex, report) {
      const req = ex.request;
      if (!isHttp1(req.httpVersion) || isWebSocketRequest(ex) || has(req, 'upgrade')) return;
      const conn = fields(req, 'connection').find((f) => /(^|,)\s*upgrade\s*(,|$)/i.test(f.value));
      if (conn === undefined) return;
      report(
        `Request has "Connection: ${conn.value}" but no Upgrade field; expected "Upgrade: <protocol>" alongside`,
        headerEvidence('request', req, conn, { expected: 'Upgrade: <protocol>' }),
      );
    },
  }),
];
