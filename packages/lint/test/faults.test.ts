/**
 * The faulty servers documented in apps/server (features/faults/catalog.ts), rebuilt here from
 * their documented wire behaviour: each must raise its rule. (The end-to-end proof against the
 * real endpoints belongs to the server's tests; this table is the mapping they can reuse.)
 */
import { describe, expect, it } from 'vitest';
import type { Exchange } from '@switchyard/exchange';
import { lintExchange } from '../src/index.js';
import { closePayload, response, ws, ws101Headers, wsRequestHeaders } from './fixtures/build.js';

const without = (name: string) =>
  ws101Headers().filter(([n]) => n.toLowerCase() !== name.toLowerCase());
const hello = { from: 'client' as const, opcode: 0x1, payload: 'hi' };
const clientClose = { from: 'client' as const, opcode: 0x8, payload: closePayload(1000) };
const serverClose = { from: 'server' as const, opcode: 0x8, payload: closePayload(1000) };

/** Fault id (`/ws/faulty/{fault}`) → an exchange shaped as documented → the rule it raises. */
const FAULT_CASES: [fault: string, exchange: Exchange, rule: string][] = [
  [
    'bad-accept',
    ws({
      responseHeaders: [
        ...without('sec-websocket-accept'),
        ['Sec-WebSocket-Accept', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA='],
      ],
    }),
    'ws-handshake/accept-mismatch',
  ],
  ['no-upgrade-header', ws({ responseHeaders: without('upgrade') }), 'upgrade/101-without-upgrade'],
  [
    'no-connection-header',
    ws({ responseHeaders: without('connection') }),
    'ws-handshake/response-connection-missing-upgrade',
  ],
  [
    'status-200',
    ws({
      final: response(
        200,
        [
          ['Content-Type', 'text/html'],
          ['Content-Length', '20'],
        ],
        'OK',
      ),
    }),
    'upgrade/200-to-upgrade-request',
  ],
  [
    'unoffered-subprotocol',
    ws({
      requestHeaders: wsRequestHeaders([['Sec-WebSocket-Protocol', 'chat']]),
      responseHeaders: ws101Headers([['Sec-WebSocket-Protocol', 'x-never-offered']]),
    }),
    'ws-handshake/unoffered-subprotocol',
  ],
  [
    'unoffered-extension',
    ws({ responseHeaders: ws101Headers([['Sec-WebSocket-Extensions', 'x-never-offered']]) }),
    'ws-handshake/unoffered-extension',
  ],
  [
    'masked-server-frame',
    ws({
      frames: [
        hello,
        { from: 'server', opcode: 0x1, payload: 'hi', masked: true },
        clientClose,
        serverClose,
      ],
    }),
    'ws-frame/server-masked',
  ],
  [
    'invalid-utf8',
    ws({
      frames: [
        { from: 'server', opcode: 0x1, payload: [0xc3, 0x28] },
        { from: 'client', opcode: 0x8, payload: closePayload(1007) },
        serverClose,
      ],
    }),
    'ws-frame/invalid-utf8',
  ],
  [
    'reserved-opcode',
    ws({
      frames: [
        { from: 'server', opcode: 0x3, payload: 'x' },
        { from: 'client', opcode: 0x8, payload: closePayload(1002) },
        serverClose,
      ],
    }),
    'ws-frame/reserved-opcode',
  ],
  [
    'rsv-bits',
    ws({
      frames: [
        { from: 'server', opcode: 0x1, payload: 'x', rsv2: true },
        { from: 'client', opcode: 0x8, payload: closePayload(1002) },
        serverClose,
      ],
    }),
    'ws-frame/rsv-without-extension',
  ],
  [
    'oversized-control-frame',
    ws({
      frames: [
        { from: 'server', opcode: 0x9, payload: new Uint8Array(126) },
        { from: 'client', opcode: 0x8, payload: closePayload(1002) },
        serverClose,
      ],
    }),
    'ws-frame/control-frame-too-long',
  ],
  [
    'fragmented-control-frame',
    ws({
      frames: [
        { from: 'server', opcode: 0x9, payload: 'p', fin: false },
        { from: 'client', opcode: 0x8, payload: closePayload(1002) },
        serverClose,
      ],
    }),
    'ws-frame/control-frame-fragmented',
  ],
  [
    'close-1005-on-wire',
    ws({
      frames: [
        { from: 'server', opcode: 0x8, payload: closePayload(1005) },
        { from: 'client', opcode: 0x8, payload: closePayload(1002) },
      ],
    }),
    'ws-frame/close-code-reserved',
  ],
  ['no-close-reply', ws({ frames: [hello, clientClose] }), 'ws-frame/no-close-reply'],
  [
    'no-pong',
    ws({ frames: [{ from: 'client', opcode: 0x9, payload: 'alive?' }, clientClose, serverClose] }),
    'ws-frame/unanswered-ping',
  ],
];

describe('documented faults are caught', () => {
  it.each(FAULT_CASES)('/ws/faulty/%s raises its rule', (_fault, exchange, rule) => {
    expect(lintExchange(exchange).map((f) => f.ruleId)).toContain(rule);
  });
});
