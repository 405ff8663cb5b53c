/**
 * The upgraded request as HTTP/2 stream 1 (RFC 7540 §3.2: "The HTTP/1.1 request that is sent
 * prior to upgrade is assigned a stream identifier of 1 ... with default priority values").
 * Node's http2 server cannot be given a stream it did not read, so we write, for its eyes only,
 * the HEADERS frame a client would have sent: the request's fields as HTTP/2 fields.
 */
import type { IncomingMessage } from 'node:http';
import { H2_FRAME_TYPES, encodeH2Frame, encodeHpackLiterals } from '@switchyard/protocol';

/**
 * Connection-specific fields that are malformed in HTTP/2 (RFC 9113 §8.2.2), and Host, which
 * becomes `:authority` (§8.3.1).
 */
const DROPPED = new Set([
  'connection',
  'upgrade',
  'http2-settings',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'host',
]);

/** HTTP/2 request fields of an HTTP/1.1 request head (pseudo-fields first, §8.3). */
export function requestFieldsForStreamOne(req: IncomingMessage): [string, string][] {
  const raw = req.rawHeaders;
  // RFC 9110 §7.6.1: fields named as connection options are hop-by-hop as well.
  const connectionOptions = new Set(
    (req.headers.connection ?? '')
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter((t) => t !== ''),
  );
  let authority = req.headers.host;
  let path = req.url ?? '/';
  if (!path.startsWith('/') && path !== '*') {
    // Absolute form (RFC 9112 §3.2.2): the target carries the authority.
    try {
      const url = new URL(path);
      authority = url.host;
      path = `${url.pathname}${url.search}`;
    } catch {
      path = '/';
    }
  }
  const fields: [string, string][] = [
    [':method', req.method ?? 'GET'],
    [':scheme', 'http'],
  ];
  if (authority !== undefined && authority !== '') fields.push([':authority', authority]);
  fields.push([':path', path]);
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    if (DROPPED.has(name) || connectionOptions.has(name)) continue;
    // §8.2.2: TE may appear only with the value "trailers".
    if (name === 'te' && value.trim().toLowerCase() !== 'trailers') continue;
    fields.push([name, value]);
  }
  return fields;
}

/**
 * HEADERS (+ CONTINUATION when the block exceeds `maxFrameSize`, RFC 9113 §6.10) for stream 1
 * with END_STREAM: a qualifying upgrade request has no content (RFC 7540 §3.2).
 */
export function streamOneHeaderFrames(
  fields: readonly (readonly [string, string])[],
  maxFrameSize = 16_384,
): Uint8Array[] {
  const block = encodeHpackLiterals(fields);
  const frames: Uint8Array[] = [];
  let offset = 0;
  do {
    const chunk = block.subarray(offset, offset + maxFrameSize);
    offset += chunk.length;
    const last = offset >= block.length;
    const first = frames.length === 0;
    frames.push(
      encodeH2Frame({
        type: first ? H2_FRAME_TYPES.HEADERS : H2_FRAME_TYPES.CONTINUATION,
        // END_STREAM (0x1) on HEADERS only; END_HEADERS (0x4) on the last frame of the block.
        flags: (first ? 0x1 : 0) | (last ? 0x4 : 0),
        streamId: 1,
        payload: chunk,
      }),
    );
  } while (offset < block.length);
  return frames;
}
