/**
 * The browser side of `POST /api/lab/echo-paths` (apps/server/src/features/lab): the server
 * reaches its own WebSocket echo three ways and answers each path's client record. The shapes
 * mirror the server's `PathResult` (the web app never imports the Node-only probe).
 */
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

/** A failed call: the problem's title and detail (untrusted text). */
export class EchoPathsError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

/** Runs the three paths on the server that serves this page. */
export async function runEchoPaths(message?: string): Promise<EchoPathsResult> {
  let response: Response;
  try {
    response = await fetch('/api/lab/echo-paths', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message === undefined ? {} : { message }),
    });
  } catch (error) {
    throw new EchoPathsError(0, 'The server could not be reached', String(error));
  }
  if (!response.ok) {
    let title = `HTTP ${response.status}`;
    let detail: string | undefined;
    try {
      const problem = (await response.json()) as { title?: unknown; detail?: unknown };
      if (typeof problem.title === 'string') title = problem.title;
      if (typeof problem.detail === 'string') detail = problem.detail;
    } catch {
      detail = response.statusText || undefined;
    }
    throw new EchoPathsError(response.status, title, detail);
  }
  const body = (await response.json()) as EchoPathsResult;
  if (!Array.isArray(body.paths))
    throw new EchoPathsError(response.status, 'Unexpected answer', undefined);
  return body;
}
