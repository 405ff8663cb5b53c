/**
 * The browser side of `POST /api/lab/echo-paths` (apps/server/src/features/lab): the server
 * reaches its own WebSocket echo three ways and answers each path's client record. The shapes
 * mirror the server's `PathResult` (the web app never imports the Node-only probe).
 */
import { ApiProblemError, postJson } from '../http/post-json.js';
import type {
  CloseInfo,
  FrameJson,
  HeaderList,
  Http2FrameJson,
  Http2SettingJson,
  RequestHead,
  ResponseHead,
} from '@switchyard/exchange';

/** The three paths, in the order they are shown. */
export type EchoPathKey = 'http1-upgrade' | 'h2c-upgrade' | 'h2-prior-knowledge';

/** One HTTP/2 stream the lab's client used. */
export interface EchoPathStream {
  id: number;
  role: 'upgraded-request' | 'extended-connect';
  request: HeaderList;
  response?: HeaderList;
  status?: number;
  dataBytes: number;
  endSent: boolean;
  endReceived: boolean;
  reset?: { by: 'client' | 'server'; errorName: string };
}

/** What one path did. */
export interface EchoPath {
  key: EchoPathKey;
  ok: boolean;
  error?: string;
  statuses: number[];
  captures: { id: string; link: string; what: 'websocket' | 'upgraded-request' }[];
  http1?: { request: RequestHead; response?: ResponseHead };
  h2?: {
    settingsSent: Http2SettingJson[];
    settingsReceived: Http2SettingJson[];
    enableConnectProtocol?: number;
    streams: EchoPathStream[];
    frames: Http2FrameJson[];
  };
  websocket: {
    carriedIn: 'tcp' | 'http2-data';
    streamId?: number;
    frames: FrameJson[];
    close?: CloseInfo;
    sentText: string;
    receivedText?: string;
  };
  wire: { sentBytes: number; receivedBytes: number; sentBase64: string; receivedBase64: string };
  durationMs: number;
}

/** The whole answer. */
export interface EchoPathsResult {
  ok: boolean;
  message: string;
  target?: string;
  paths: EchoPath[];
}

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
