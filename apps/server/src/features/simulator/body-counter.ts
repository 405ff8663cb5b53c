/**
 * The simulator's content-type parser: it accepts any media type, counts the content's bytes
 * (the diagnostic reports the size, never the content) and enforces the route's body limit
 * while streaming, so nothing is buffered. When the simulator answers without reading the
 * content (a final status instead of 100 Continue, RFC 9110 §10.1.1) it leaves the stream alone.
 */
import type { FastifyRequest } from 'fastify';

/** What the parser leaves in `request.body`. */
export interface BodyCount {
  /** Bytes read; null when the content was deliberately not read. */
  size: number | null;
}

function tooLarge(limit: number): Error & { statusCode: number; code: string } {
  return Object.assign(new Error(`Request content is larger than ${limit} bytes`), {
    statusCode: 413,
    code: 'FST_ERR_CTP_BODY_TOO_LARGE',
  });
}

/** Fastify content-type parser (callback style) counting the content's bytes. */
export function countBody(
  request: FastifyRequest,
  payload: NodeJS.ReadableStream,
  done: (err: Error | null, body?: BodyCount) => void,
): void {
  if (request.simPlan?.skipBody === true) {
    done(null, { size: null });
    return;
  }
  const limit = request.routeOptions.bodyLimit ?? 1_048_576;
  const declared = request.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    done(tooLarge(limit));
    return;
  }
  let size = 0;
  let settled = false;
  const finish = (err: Error | null) => {
    if (settled) return;
    settled = true;
    payload.removeListener('data', onData);
    if (err) done(err);
    else done(null, { size });
  };
  const onData = (chunk: Buffer | string) => {
    size += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (size > limit) {
      finish(tooLarge(limit));
      // Stop reading; the response closes the connection.
      payload.pause();
    }
  };
  payload.on('data', onData);
  payload.on('end', () => finish(null));
  payload.on('error', (err: Error) => finish(err));
}
