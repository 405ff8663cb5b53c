/**
 * The browser side of `POST /api/lab/echo-paths` (apps/server/src/features/lab): the server
 * reaches its own WebSocket echo three ways and answers each path's client record (its shape is
 * defined in @switchyard/exchange, for both sides).
 */
import { ApiProblemError, postJson } from '../http/post-json.js';
import type { EchoPathsResult } from '@switchyard/exchange';

export type { EchoPath, EchoPathKey, EchoPathStream, EchoPathsResult } from '@switchyard/exchange';

/** Runs the three paths on the server that serves this page. */
export async function runEchoPaths(message?: string): Promise<EchoPathsResult> {
  const body = (await postJson(
    '/api/lab/echo-paths',
    message === undefined ? {} : { message },
    'The server could not be reached',
  )) as EchoPathsResult;
  if (!Array.isArray(body.paths)) throw new ApiProblemError(200, 'Unexpected answer', undefined);
  return body;
}
