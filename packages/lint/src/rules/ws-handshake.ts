/**
 * The client's side of the WebSocket opening handshake, RFC 6455 §4.1 (and field cardinality,
 * §11.3; extension syntax, §9.1). Rules run only on WebSocket upgrade attempts; the server's
 * side is in ws-handshake-response.ts.
 */
import { decodeBase64, parseExtensions as parseExtensionsStrict } from '@switchyard/protocol';
import { defineRule } from './define.js';
import {
  field,
  fields,
  has,
  hasToken,
  headerEvidence,
  shown,
  startLineEvidence,
  type HeadLike,
} from '../support/headers.js';
import type { EvidenceLocation } from '../types.js';
import { isWebSocketRequest, switching, versionOf } from '../support/exchange-view.js';

/** RFC 2616 token characters (what §4.1 item 10 requires of subprotocol names). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export const wsHandshakeRules = [
  defineRule({
    id: 'ws-handshake/method-not-get',
    severity: 'error',
    title: 'WebSocket handshake does not use GET',
    rfc: 'RFC 6455',
    section: '4.1',
    scope: 'request',
    explain:
      'The opening handshake MUST be a GET request. Servers reject (or never route) an upgrade attempt with another method.',
    fix: 'Send the handshake as "GET <path> HTTP/1.1".',
    check(ex, report) {
      const req = ex.request;
      if (!isWebSocketRequest(ex) || req.method === 'GET') return;
      report(
        `WebSocket handshake uses method ${req.method}; expected GET`,
        startLineEvidence('request', req, { actual: req.method, expected: 'GET' }),
      );
    },
  }),
  defineRule({
    id: 'ws-handshake/http-version',
    severity: 'error',
    title: 'WebSocket handshake over HTTP older than 1.1',
    rfc: 'RFC 6455',
    section: '4.1',
    scope: 'request',
    explain:
      'The HTTP version of the handshake MUST be at least 1.1: HTTP/1.0 has no Upgrade mechanism (RFC 9110 §7.8 makes servers ignore it).',
    fix: 'Send the handshake as HTTP/1.1.',
    check(ex, report) {
      const req = ex.request;
      const v = versionOf(req.httpVersion);
      if (!isWebSocketRequest(ex) || v === undefined || v[0] > 1 || v[1] >= 1) return;
      report(
        `WebSocket handshake is HTTP/${req.httpVersion}; expected HTTP/1.1`,
        startLineEvidence('request', req, {
          actual: `HTTP/${req.httpVersion}`,
          expected: 'HTTP/1.1',
        }),
      );
    },
  }),
  defineRule({
    id: 'ws-handshake/upgrade-missing-websocket',
    severity: 'error',
    title: 'WebSocket handshake without "Upgrade: websocket"',
    rfc: 'RFC 6455',
    section: '4.1',
    scope: 'request',
    explain:
      'The handshake MUST contain an Upgrade field whose value includes the "websocket" keyword. A request with Sec-WebSocket-* fields but no such Upgrade is an ordinary GET to every server and proxy.',
    fix: 'Send "Upgrade: websocket" (with "Connection: Upgrade").',
    check(ex, report) {
      const req = ex.request;
      if (!isWebSocketRequest(ex) || hasToken(req, 'upgrade', 'websocket')) return;
      const up = field(req, 'upgrade');
      const evidence = up
        ? headerEvidence('request', req, up, { expected: 'websocket' })
        : startLineEvidence('request', req, { actual: '(absent)', expected: 'Upgrade: websocket' });
      report(
        `WebSocket handshake has Upgrade ${shown(req, 'upgrade')}; expected "Upgrade: websocket"`,
        evidence,
      );
    },
  }),
  defineRule({
    id: 'ws-handshake/connection-missing-upgrade',
    severity: 'error',
    title: 'WebSocket handshake Connection lacks "Upgrade"',
    rfc: 'RFC 6455',
    section: '4.1',
    scope: 'request',
    explain:
      'The handshake MUST contain a Connection field whose value includes the "Upgrade" token (a list: Firefox sends "keep-alive, Upgrade", which is correct). Without it proxies drop the Upgrade field as hop-by-hop.',
    fix: 'Send "Connection: Upgrade", or add "Upgrade" to the existing Connection list.',
    check(ex, report) {
      const req = ex.request;
      if (!isWebSocketRequest(ex) || hasToken(req, 'connection', 'upgrade')) return;
      const conn = field(req, 'connection');
      const evidence = conn
        ? headerEvidence('request', req, conn, { expected: 'Upgrade' })
        : startLineEvidence('request', req, {
            actual: '(absent)',
            expected: 'Connection: Upgrade',
          });
      report(
        `WebSocket handshake has Connection ${shown(req, 'connection')}; expected a list containing "Upgrade"`,
        evidence,
      );
    },
  }),
  defineRule({
    id: 'ws-handshake/missing-key',
    severity: 'error',
    title: 'WebSocket handshake without Sec-WebSocket-Key',
    rfc: 'RFC 6455',
    section: '4.1',
    scope: 'request',
    explain:
      'The handshake MUST include Sec-WebSocket-Key: a random 16-byte value, base64-encoded, chosen fresh for each connection. The server proves it understood the handshake by hashing it into Sec-WebSocket-Accept.',
    fix: 'Generate 16 random bytes per connection and send them base64-encoded (24 characters ending in "==").',
    check(ex, report) {
      const req = ex.request;
      if (!isWebSocketRequest(ex) || has(req, 'sec-websocket-key')) return;
      report(
        'WebSocket handshake has no Sec-WebSocket-Key; expected a base64-encoded 16-byte nonce',
        startLineEvidence('request', req, {
          actual: '(absent)',
          expected: 'Sec-WebSocket-Key: <24 base64 chars>',
        }),
      );
    },
  }),
  defineRule({
    id: 'ws-handshake/invalid-key',
    severity: 'error',
    title: 'Sec-WebSocket-Key is not 16 bytes of base64',
    rfc: 'RFC 6455',
    section: '4.1',
    scope: 'request',
    explain:
      'Sec-WebSocket-Key MUST be a base64-encoded value that decodes to 16 bytes. Servers (RFC 6455 §4.2.1) reject other values with 400.',
    fix: 'Send exactly 16 random bytes, base64-encoded with padding (24 characters, e.g. "dGhlIHNhbXBsZSBub25jZQ==").',
    check(ex, report) {
      const req = ex.request;
      if (!isWebSocketRequest(ex)) return;
      for (const hit of fields(req, 'sec-websocket-key')) {
        const bytes = decodeBase64(hit.value.trim());
        if (bytes !== undefined && bytes.length === 16) continue;
        const what =
          bytes === undefined ? 'is not valid base64' : `decodes to ${bytes.length} bytes`;
        report(
          `Sec-WebSocket-Key "${hit.value}" ${what}; expected base64 of exactly 16 bytes (24 characters)`,
          headerEvidence('request', req, hit, { expected: '16 bytes, base64 (24 chars)' }),
        );
      }
    },
  }),
  defineRule({
    id: 'ws-handshake/duplicate-key',
    severity: 'error',
    title: 'Sec-WebSocket-Key sent more than once',
    rfc: 'RFC 6455',
    section: '11.3.1',
    scope: 'request',
    explain:
      'The Sec-WebSocket-Key field MUST NOT appear more than once in a request: the server cannot know which nonce to answer.',
    fix: 'Send a single Sec-WebSocket-Key field.',
    check(ex, report) {
      const req = ex.request;
      const all = fields(req, 'sec-websocket-key');
      if (!isWebSocketRequest(ex) || all.length < 2) return;
      report(
        `Request has ${all.length} Sec-WebSocket-Key fields (${all.map((f) => `"${f.value}"`).join(', ')}); expected one`,
        headerEvidence('request', req, all[1]!, { expected: 'one Sec-WebSocket-Key' }),
      );
    },
  }),
  defineRule({
    id: 'ws-handshake/version-not-13',
    severity: 'error',
    title: 'Sec-WebSocket-Version missing or not 13',
    rfc: 'RFC 6455',
    section: '4.1',
    scope: 'request',
    explain:
      'The handshake MUST include Sec-WebSocket-Version with the value 13. A server that does not support the version answers 426 with the versions it supports (RFC 6455 §4.2.2, §4.4).',
    fix: 'Send "Sec-WebSocket-Version: 13".',
    check(ex, report) {
      const req = ex.request;
      if (!isWebSocketRequest(ex)) return;
      const all = fields(req, 'sec-websocket-version');
      if (all.length === 1 && all[0]!.value.trim() === '13') return;
      const evidence =
        all[0] !== undefined
          ? headerEvidence('request', req, all[0], { expected: '13' })
          : startLineEvidence('request', req, {
              actual: '(absent)',
              expected: 'Sec-WebSocket-Version: 13',
            });
      report(
        `Sec-WebSocket-Version is ${shown(req, 'sec-websocket-version')}; expected exactly one field with value 13`,
        evidence,
      );
    },
  }),
  defineRule({
    id: 'ws-handshake/invalid-subprotocol-list',
    severity: 'error',
    title: 'Sec-WebSocket-Protocol offers invalid or repeated names',
    rfc: 'RFC 6455',
    section: '4.1',
    scope: 'request',
    explain:
      'Each subprotocol offered in Sec-WebSocket-Protocol MUST be a non-empty token (U+0021–U+007E without separators such as "/", ",", ";", spaces or quotes) and all MUST be unique.',
    fix: 'Offer distinct token names, e.g. "Sec-WebSocket-Protocol: chat.v2, chat.v1".',
    check(ex, report) {
      const req = ex.request;
      if (!isWebSocketRequest(ex)) return;
      const seen = new Set<string>();
      for (const hit of fields(req, 'sec-websocket-protocol')) {
        const parts = hit.value.split(',').map((p) => p.trim());
        for (const name of parts) {
          const problem = !TOKEN.test(name)
            ? `"${name}" is not a token`
            : seen.has(name)
              ? `"${name}" is offered twice`
              : undefined;
          seen.add(name);
          if (problem === undefined) continue;
          report(
            `Sec-WebSocket-Protocol "${hit.value}": ${problem}; expected unique non-empty tokens`,
            headerEvidence('request', req, hit, { expected: 'unique tokens' }),
          );
        }
      }
    },
  }),
  defineRule({
    id: 'ws-handshake/extensions-syntax',
    severity: 'error',
    title: 'Sec-WebSocket-Extensions does not parse',
    rfc: 'RFC 6455',
    section: '9.1',
    scope: 'message',
    explain:
      'Sec-WebSocket-Extensions is a list of `extension-token *( ";" extension-param )` with `param = token [ "=" (token / quoted-string) ]`. A value outside that grammar is rejected by strict peers (a server answers 400, a client fails the connection), so no extension is negotiated.',
    fix: 'Write extensions as "name; param; param=value", separated by commas, e.g. "permessage-deflate; client_max_window_bits".',
    check(ex, report) {
      if (!isWebSocketRequest(ex)) return;
      const heads: { where: EvidenceLocation; head: HeadLike }[] = [
        { where: 'request', head: ex.request },
      ];
      const sw = switching(ex);
      if (sw !== undefined) heads.push({ where: sw.where, head: sw.head });
      for (const { where, head } of heads) {
        for (const hit of fields(head, 'sec-websocket-extensions')) {
          const parsed = parseExtensionsStrict([hit.value]);
          if (parsed.ok) continue;
          report(
            `Sec-WebSocket-Extensions "${hit.value}" does not parse: ${parsed.finding.message}`,
            headerEvidence(where, head, hit, { expected: 'name; param; param=value' }),
          );
        }
      }
    },
  }),
];
