/**
 * Turns tapped bytes into an Exchange with the project's own pieces: protocol's head parser and
 * frame parser (lenient, as the dissector runs), exchange's frame JSON form. Inflation (node:zlib)
 * assumes no context takeover, which the interop servers negotiate.
 */
import { constants, inflateRawSync } from 'node:zlib';
import type { Exchange, FrameJson } from '@switchyard/exchange';
import { frameToJson, headOffsets } from '@switchyard/exchange';
import {
  FrameParser,
  parseRequestHead,
  parseResponseHead,
  type FrameRecord,
  type ParseEvent,
} from '@switchyard/protocol';
import type { TapChunk } from './tap.js';

function indexOfHeadEnd(bytes: Uint8Array): number {
  for (let i = 3; i < bytes.length; i++) {
    if (bytes[i - 3] === 13 && bytes[i - 2] === 10 && bytes[i - 1] === 13 && bytes[i] === 10)
      return i + 1;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const TAIL = Uint8Array.from([0x00, 0x00, 0xff, 0xff]);

export function exchangeFromTap(chunks: readonly TapChunk[]): Exchange {
  let seq = 0;
  const nextSeq = () => seq++;
  const pending: { client: Uint8Array; server: Uint8Array } = {
    client: new Uint8Array(0),
    server: new Uint8Array(0),
  };
  const parsers: { client?: FrameParser; server?: FrameParser } = {};
  const records: FrameRecord[] = [];
  let deflate = false;
  let ex: Exchange | undefined;

  const take = (events: ParseEvent[]) => {
    for (const e of events) {
      if (e.type === 'frame') records.push(e.frame);
      else if (e.type === 'message' && e.compressed) {
        const first = records.find((r) => r.seq === e.firstSeq);
        if (first)
          first.inflated = new Uint8Array(
            inflateRawSync(concat(e.data, TAIL), { finishFlush: constants.Z_SYNC_FLUSH }),
          );
      }
    }
  };

  for (const chunk of chunks) {
    const side = chunk.from;
    const parser = parsers[side];
    if (parser) {
      take(parser.push(chunk.bytes));
      continue;
    }
    pending[side] = concat(pending[side], chunk.bytes);
    const end = indexOfHeadEnd(pending[side]);
    if (end === -1) continue;
    const raw = pending[side].subarray(0, end);
    const rest = pending[side].subarray(end);
    if (side === 'client') {
      const parsed = parseRequestHead(raw);
      if (parsed.state !== 'complete') throw new Error('request head did not parse');
      const h = parsed.head;
      ex = {
        schemaVersion: 1,
        id: 'interop',
        createdAt: new Date(0).toISOString(),
        kind: 'websocket',
        endpoint: h.target,
        source: 'capture',
        request: {
          method: h.method,
          target: h.target,
          httpVersion: h.version.replace(/^HTTP\//, ''),
          headers: h.headers,
          offsets: headOffsets(raw),
        },
        interim: [],
        requestBody: { size: 0, truncated: false },
        responseBody: { size: 0, truncated: false },
        timings: { start: 0 },
        notes: [],
        redactions: [],
        findings: [],
      };
      pending.client = rest; // frames wait for the response (negotiation)
    } else {
      const parsed = parseResponseHead(raw);
      if (parsed.state !== 'complete' || ex === undefined)
        throw new Error('response head did not parse');
      const h = parsed.head;
      ex.response = {
        status: h.status,
        reason: h.reason,
        httpVersion: h.version.replace(/^HTTP\//, ''),
        headers: h.headers,
        offsets: headOffsets(raw),
      };
      const extensions = h.headers
        .filter(([n]) => n.toLowerCase() === 'sec-websocket-extensions')
        .map(([, v]) => v)
        .join(', ');
      deflate = /permessage-deflate/i.test(extensions);
      ex.websocket = {
        subprotocol: null,
        extensions,
        frames: [],
        framesSeen: { clientToServer: 0, serverToClient: 0 },
        truncation: {
          maxFrames: 1e6,
          maxBytes: 1e9,
          framesDropped: 0,
          bytesDropped: 0,
          framesCut: 0,
        },
      };
      const common = { perMessageDeflate: deflate, stopOnError: false, nextSeq };
      parsers.server = new FrameParser({ ...common, direction: 'server-to-client' });
      parsers.client = new FrameParser({ ...common, direction: 'client-to-server' });
      take(parsers.client.push(pending.client));
      take(parsers.server.push(rest));
    }
  }
  if (ex === undefined || ex.websocket === undefined)
    throw new Error('no WebSocket exchange captured');
  records.sort((a, b) => a.seq - b.seq);
  const frames: FrameJson[] = records.map((r) => frameToJson(r));
  ex.websocket.frames = frames;
  ex.websocket.framesSeen = {
    clientToServer: frames.filter((f) => f.direction === 'client-to-server').length,
    serverToClient: frames.filter((f) => f.direction === 'server-to-client').length,
  };
  const firstClose = frames.find((f) => f.opcode === 0x8);
  ex.websocket.close = {
    initiator: firstClose
      ? firstClose.direction === 'client-to-server'
        ? 'client'
        : 'server'
      : 'transport',
    code: firstClose?.close?.code ?? 1006,
    reason: firstClose?.close?.reason ?? '',
    clean: frames.filter((f) => f.opcode === 0x8).length === 2,
    time: 0,
  };
  return ex;
}
