import type { FrameRecord } from '@switchyard/protocol';
import { encodeBase64, frameToJson, type Exchange, latin1ToBytes } from '../src/index.js';

const te = new TextEncoder();

export const RAW_REQUEST =
  'GET /ws/echo?room=a&token=s3cret HTTP/1.1\r\n' +
  'Host: 127.0.0.1\r\n' +
  'Upgrade: websocket\r\n' +
  'Connection: Upgrade\r\n' +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
  'Sec-WebSocket-Version: 13\r\n' +
  'Cookie: a=1\r\n' +
  'cookie: b=2\r\n' +
  'Authorization: Bearer abc\r\n' +
  '\r\n';

export function frame(partial: Partial<FrameRecord> & Pick<FrameRecord, 'seq'>): FrameRecord {
  const payload = partial.payload ?? te.encode('hello');
  return {
    direction: 'client-to-server',
    fin: true,
    rsv1: false,
    rsv2: false,
    rsv3: false,
    opcode: 1,
    masked: partial.direction !== 'server-to-client',
    maskKey: partial.direction === 'server-to-client' ? undefined : new Uint8Array([1, 2, 3, 4]),
    payloadLength: payload.length,
    lengthEncoding: 7,
    headerOffset: 0,
    headerLength: 6,
    payloadOffset: 6,
    time: 1000 * partial.seq,
    findings: [],
    ...partial,
    payload,
  };
}

/** A WebSocket exchange with text, binary, ping/pong and a clean close. */
export function wsExchange(): Exchange {
  const frames = [
    frame({ seq: 0, payload: te.encode('hello') }),
    frame({ seq: 1, direction: 'server-to-client', payload: te.encode('hello') }),
    frame({ seq: 2, opcode: 2, payload: new Uint8Array([0, 255, 1, 254]) }),
    frame({ seq: 3, direction: 'server-to-client', opcode: 2, payload: new Uint8Array([0, 255]) }),
    frame({ seq: 4, opcode: 9, payload: te.encode('p') }),
    frame({ seq: 5, direction: 'server-to-client', opcode: 10, payload: te.encode('p') }),
    frame({
      seq: 6,
      opcode: 8,
      payload: new Uint8Array([0x03, 0xe8, 0x62, 0x79, 0x65]),
      close: { code: 1000, reason: 'bye' },
    }),
    frame({
      seq: 7,
      direction: 'server-to-client',
      opcode: 8,
      payload: new Uint8Array([0x03, 0xe8]),
      close: { code: 1000 },
    }),
  ].map((f) => frameToJson(f));
  return {
    schemaVersion: 1,
    id: 'AAAAAAAAAAAAAAAAAAAAAAAA',
    createdAt: '2026-11-21T06:00:00.000Z',
    kind: 'websocket',
    endpoint: '/ws/echo',
    source: 'capture',
    client: { address: '127.0.0.1', port: 50000, family: 'IPv4' },
    server: { address: '127.0.0.1', port: 8080, family: 'IPv4' },
    request: {
      method: 'GET',
      target: '/ws/echo?room=a&token=s3cret',
      httpVersion: '1.1',
      headers: [
        ['Host', '127.0.0.1'],
        ['Upgrade', 'websocket'],
        ['Connection', 'Upgrade'],
        ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
        ['Sec-WebSocket-Version', '13'],
        ['Cookie', 'a=1'],
        ['cookie', 'b=2'],
        ['Authorization', 'Bearer abc'],
      ],
      raw: encodeBase64(latin1ToBytes(RAW_REQUEST)),
    },
    interim: [],
    response: {
      status: 101,
      reason: 'Switching Protocols',
      httpVersion: '1.1',
      headers: [
        ['Upgrade', 'websocket'],
        ['Connection', 'Upgrade'],
        ['Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='],
        ['Set-Cookie', 'sid=1'],
      ],
    },
    requestBody: { size: 0, truncated: false },
    responseBody: { size: 0, truncated: false },
    timings: {
      start: 1_795_000_000_000_000,
      requestHead: 120,
      firstByte: 300,
      upgrade: 300,
      end: 9000,
    },
    notes: [{ time: 200, text: 'subprotocol: none offered' }],
    redactions: [],
    websocket: {
      subprotocol: null,
      extensions: '',
      frames,
      framesSeen: { clientToServer: 4, serverToClient: 4 },
      close: {
        initiator: 'client',
        code: 1000,
        reason: 'bye',
        clean: true,
        client: { code: 1000, reason: 'bye' },
        server: { code: 1000 },
        time: 8000,
      },
      truncation: {
        maxFrames: 1000,
        maxBytes: 1 << 20,
        framesDropped: 0,
        bytesDropped: 0,
        framesCut: 0,
      },
    },
    findings: [],
  };
}

/** A plain HTTP exchange with a body. */
export function httpExchange(): Exchange {
  return {
    schemaVersion: 1,
    id: 'BBBBBBBBBBBBBBBBBBBBBBBB',
    createdAt: '2026-11-21T06:00:01.000Z',
    kind: 'http',
    endpoint: '/api/status/:code',
    source: 'capture',
    request: {
      method: 'POST',
      target: '/api/status/200?x=1&x=2',
      httpVersion: '1.1',
      headers: [
        ['Host', 'localhost'],
        ['Content-Type', 'text/plain'],
        ['Expect', '100-continue'],
        ['Content-Length', '5'],
      ],
    },
    interim: [{ status: 100, reason: 'Continue', headers: [], time: 50 }],
    response: {
      status: 200,
      reason: 'OK',
      httpVersion: '1.1',
      headers: [
        ['content-type', 'application/json; charset=utf-8'],
        ['content-length', '11'],
      ],
    },
    requestBody: {
      size: 5,
      preview: 'hello',
      previewEncoding: 'text',
      truncated: false,
      mimeType: 'text/plain',
    },
    responseBody: {
      size: 11,
      preview: '{"ok":true}',
      previewEncoding: 'text',
      truncated: false,
      mimeType: 'application/json; charset=utf-8',
    },
    timings: {
      start: 1_795_000_001_000_000,
      requestHead: 10,
      firstByte: 50,
      interim: [50],
      end: 400,
    },
    notes: [],
    redactions: [],
    findings: [{ ruleId: 'x-test', severity: 'info', message: 'demo', evidence: { a: 1 } }],
  };
}
