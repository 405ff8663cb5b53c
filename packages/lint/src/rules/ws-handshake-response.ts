/**
 * The server's side of the WebSocket opening handshake: what a client checks in the 101
 * (RFC 6455 §4.1 client requirements, §4.2.2, §11.3). Part of the `ws-handshake` group.
 */
import { parseList } from '@switchyard/protocol';
import { defineRule } from './define.js';
import {
  field,
  fields,
  has,
  hasToken,
  headerEvidence,
  shown,
  startLineEvidence,
  values,
} from '../support/headers.js';
import { isWebSocketRequest, switching } from '../support/exchange-view.js';
import { expectedAccept } from '../support/accept.js';
import { parseExtensions } from '../support/extensions.js';

export const wsHandshakeResponseRules = [
  defineRule({
    id: 'ws-handshake/accept-missing',
    severity: 'error',
    title: '101 to a WebSocket handshake without Sec-WebSocket-Accept',
    rfc: 'RFC 6455',
    section: '4.1',
    scope: 'response',
    explain:
      "The client MUST fail the connection if the 101 lacks Sec-WebSocket-Accept: it is the server's proof that it read this WebSocket handshake (RFC 6455 §4.2.2 requires the server to send it).",
    fix: 'Send "Sec-WebSocket-Accept: base64(SHA-1(key + 258EAFA5-E914-47DA-95CA-C5AB0DC85B11))" in the 101; WebSocket libraries (ws, websockets, gorilla) do this for you.',
    check(ex, report) {
      const sw = switching(ex);
      if (!isWebSocketRequest(ex) || sw === undefined || has(sw.head, 'sec-websocket-accept'))
        return;
      const key = field(ex.request, 'sec-websocket-key');
      report(
        `101 has no Sec-WebSocket-Accept${key ? `; expected "${expectedAccept(key.value)}" for key "${key.value.trim()}"` : ''}`,
        startLineEvidence(sw.where, sw.head, {
          actual: '(absent)',
          ...(key ? { expected: expectedAccept(key.value) } : {}),
        }),
      );
    },
  }),
  defineRule({
    id: 'ws-handshake/accept-mismatch',
    severity: 'error',
    title: 'Sec-WebSocket-Accept does not match the key',
    rfc: 'RFC 6455',
    section: '4.2.2',
    scope: 'response',
    explain:
      'Sec-WebSocket-Accept MUST be base64(SHA-1(Sec-WebSocket-Key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")), using the key as sent minus surrounding whitespace. Any other value (wrong GUID, hashing the decoded key, hex instead of base64, a cached response) makes the client fail the connection (§4.1).',
    fix: 'Compute the value from this request\'s key: base64(sha1(key.trim() + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")), hashing the key string itself, not its decoded bytes.',
    check(ex, report) {
      const sw = switching(ex);
      const key = field(ex.request, 'sec-websocket-key');
      if (!isWebSocketRequest(ex) || sw === undefined || key === undefined) return;
      const expected = expectedAccept(key.value);
      for (const hit of fields(sw.head, 'sec-websocket-accept')) {
        if (hit.value.trim() === expected) continue;
        report(
          `Sec-WebSocket-Accept is "${hit.value}" but key "${key.value.trim()}" requires "${expected}"`,
          headerEvidence(sw.where, sw.head, hit, { expected }),
        );
      }
    },
  }),
  defineRule({
    id: 'ws-handshake/duplicate-accept',
    severity: 'error',
    title: 'Sec-WebSocket-Accept sent more than once',
    rfc: 'RFC 6455',
    section: '11.3.3',
    scope: 'response',
    explain:
      'The Sec-WebSocket-Accept field MUST NOT appear more than once in a response; clients fail such handshakes.',
    fix: 'Send one Sec-WebSocket-Accept (check that a framework and your own code do not both add it).',
    check(ex, report) {
      const sw = switching(ex);
      if (!isWebSocketRequest(ex) || sw === undefined) return;
      const all = fields(sw.head, 'sec-websocket-accept');
      if (all.length < 2) return;
      report(
        `101 has ${all.length} Sec-WebSocket-Accept fields (${all.map((f) => `"${f.value}"`).join(', ')}); expected one`,
        headerEvidence(sw.where, sw.head, all[1]!, { expected: 'one Sec-WebSocket-Accept' }),
      );
    },
  }),
  defineRule({
    id: 'ws-handshake/response-upgrade-not-websocket',
    severity: 'error',
    title: '101 to a WebSocket handshake names another protocol',
    rfc: 'RFC 6455',
    section: '4.1',
    scope: 'response',
    explain:
      'The client MUST fail the connection if the 101\'s Upgrade field is not an ASCII case-insensitive match for "websocket".',
    fix: 'Answer with "Upgrade: websocket" exactly.',
    check(ex, report) {
      const sw = switching(ex);
      if (!isWebSocketRequest(ex) || sw === undefined) return;
      const all = fields(sw.head, 'upgrade');
      if (all.length === 0) return; // upgrade/101-without-upgrade
      const value = values(sw.head, 'upgrade').join(', ');
      if (value.trim().toLowerCase() === 'websocket') return;
      report(
        `101 has "Upgrade: ${value}"; expected "Upgrade: websocket"`,
        headerEvidence(sw.where, sw.head, all[0]!, { expected: 'websocket' }),
      );
    },
  }),
  defineRule({
    id: 'ws-handshake/response-connection-missing-upgrade',
    severity: 'error',
    title: '101 to a WebSocket handshake without "Connection: Upgrade"',
    rfc: 'RFC 6455',
    section: '4.1',
    scope: 'response',
    explain:
      'The client MUST fail the connection if the 101 lacks a Connection field containing the "Upgrade" token (case-insensitive).',
    fix: 'Send "Connection: Upgrade" in the 101.',
    check(ex, report) {
      const sw = switching(ex);
      if (!isWebSocketRequest(ex) || sw === undefined || hasToken(sw.head, 'connection', 'upgrade'))
        return;
      const conn = field(sw.head, 'connection');
      const evidence = conn
        ? headerEvidence(sw.where, sw.head, conn, { expected: 'Upgrade' })
        : startLineEvidence(sw.where, sw.head, {
            actual: '(absent)',
            expected: 'Connection: Upgrade',
          });
      report(
        `101 has Connection ${shown(sw.head, 'connection')}; expected "Connection: Upgrade"`,
        evidence,
      );
    },
  }),
  defineRule({
    id: 'ws-handshake/unoffered-subprotocol',
    severity: 'error',
    title: 'Server selected a subprotocol the client did not offer',
    rfc: 'RFC 6455',
    section: '4.1',
    scope: 'response',
    explain:
      "If the 101 has Sec-WebSocket-Protocol naming a subprotocol that was not in the client's handshake, the client MUST fail the connection. A server that supports none of the offered subprotocols must omit the field.",
    fix: 'Echo one of the names the client offered, or send no Sec-WebSocket-Protocol at all.',
    check(ex, report) {
      const sw = switching(ex);
      if (!isWebSocketRequest(ex) || sw === undefined) return;
      const offered = parseList(values(ex.request, 'sec-websocket-protocol'));
      for (const hit of fields(sw.head, 'sec-websocket-protocol')) {
        for (const name of parseList(hit.value)) {
          if (offered.includes(name)) continue;
          report(
            `101 selects subprotocol "${name}" but the client offered ${offered.length ? offered.map((o) => `"${o}"`).join(', ') : 'none'}`,
            headerEvidence(sw.where, sw.head, hit, {
              expected: offered.length ? `one of ${offered.join(', ')}` : '(absent)',
            }),
          );
        }
      }
    },
  }),
  defineRule({
    id: 'ws-handshake/multiple-subprotocols',
    severity: 'error',
    title: 'Server selected more than one subprotocol',
    rfc: 'RFC 6455',
    section: '4.2.2',
    scope: 'response',
    explain:
      'The server selects either a single subprotocol or none; the Sec-WebSocket-Protocol field MUST NOT appear more than once in a response (§11.3.4) and holds a single value.',
    fix: 'Pick one of the offered subprotocols and send only that name.',
    check(ex, report) {
      const sw = switching(ex);
      if (!isWebSocketRequest(ex) || sw === undefined) return;
      const all = fields(sw.head, 'sec-websocket-protocol');
      const names = parseList(all.map((f) => f.value));
      if (names.length < 2) return;
      report(
        `101 selects ${names.length} subprotocols (${names.join(', ')}); expected a single value`,
        headerEvidence(sw.where, sw.head, all[all.length > 1 ? 1 : 0]!, { expected: names[0]! }),
      );
    },
  }),
  defineRule({
    id: 'ws-handshake/unoffered-extension',
    severity: 'error',
    title: 'Server accepted an extension the client did not offer',
    rfc: 'RFC 6455',
    section: '4.1',
    scope: 'response',
    explain:
      "If the 101's Sec-WebSocket-Extensions names an extension that was not in the client's handshake, the client MUST fail the connection: it cannot decode frames shaped by an extension it never agreed to.",
    fix: "Only answer with extensions taken from the request's Sec-WebSocket-Extensions offer; send none when the client offered none.",
    check(ex, report) {
      const sw = switching(ex);
      if (!isWebSocketRequest(ex) || sw === undefined) return;
      const offered = new Set(
        parseExtensions(values(ex.request, 'sec-websocket-extensions')).map((e) => e.name),
      );
      for (const hit of fields(sw.head, 'sec-websocket-extensions')) {
        for (const el of parseExtensions([hit.value])) {
          if (offered.has(el.name)) continue;
          report(
            `101 accepts extension "${el.name}" but the client offered ${offered.size ? [...offered].map((o) => `"${o}"`).join(', ') : 'none'}`,
            headerEvidence(sw.where, sw.head, hit, {
              expected: offered.size ? [...offered].join(', ') : '(absent)',
            }),
          );
        }
      }
    },
  }),
];
