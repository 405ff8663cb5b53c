/**
 * The JSON of `POST /api/lab/echo-paths`: what the server's lab client saw on each of the three
 * ways to reach the WebSocket echo (HTTP/1.1 `Upgrade: websocket`; `Upgrade: h2c` then RFC 8441
 * extended CONNECT; prior-knowledge HTTP/2 then extended CONNECT). The same fields for every
 * path, so the page can put them side by side. One definition for the server that builds it and
 * the browser that shows it (the browser never imports the Node-only probe).
 */
import type { CloseInfo, FrameJson, HeaderList, RequestHead, ResponseHead } from './exchange.js';
import type { Http2FrameJson, Http2SettingJson } from './http2-capture.js';

/** The three paths, in the order the page shows them. */
export type EchoPathKey = 'http1-upgrade' | 'h2c-upgrade' | 'h2-prior-knowledge';

/** A capture of the server's, linked from the page. */
export interface EchoPathCapture {
  id: string;
  link: string;
  /** What was captured: the WebSocket, or stream 1 of an h2c upgrade. */
  what: 'websocket' | 'upgraded-request';
}

/** One HTTP/2 stream the lab's client used. */
export interface EchoPathStream {
  id: number;
  /** `upgraded-request`: stream 1 after a 101 (RFC 7540 §3.2); `extended-connect`: RFC 8441. */
  role: 'upgraded-request' | 'extended-connect';
  /** Request fields as sent (stream 1: as the HTTP/1.1 request implies them). */
  request: HeaderList;
  /** Response fields as decoded from the server's HEADERS (HPACK, RFC 7541). */
  response?: HeaderList;
  status?: number;
  /** DATA payload bytes received on the stream (flow-controlled bytes not counted). */
  dataBytes: number;
  /** The first bytes of a response body (stream 1), base64. */
  bodyPreview?: string;
  /** END_STREAM seen from the client and from the server. */
  endSent: boolean;
  endReceived: boolean;
  /** RST_STREAM error name, when the stream was reset (by either side). */
  reset?: { by: 'client' | 'server'; errorName: string };
}

/** What one path did, as the client (the server's lab, over loopback) saw it. */
export interface EchoPath {
  key: EchoPathKey;
  ok: boolean;
  error?: string;
  /** Status codes in the order they arrived (101; 101 then 200; 200). */
  statuses: number[];
  captures: EchoPathCapture[];
  /** The HTTP/1.1 request and the answer to it (paths 1 and 2), exact bytes in `raw`. */
  http1?: { request: RequestHead; response?: ResponseHead };
  /** The HTTP/2 part (paths 2 and 3). */
  h2?: {
    settingsSent: Http2SettingJson[];
    settingsReceived: Http2SettingJson[];
    enableConnectProtocol?: number;
    streams: EchoPathStream[];
    frames: Http2FrameJson[];
  };
  websocket: {
    /** Where the frames travel: right after the 101 on the TCP connection, or in DATA frames. */
    carriedIn: 'tcp' | 'http2-data';
    streamId?: number;
    frames: FrameJson[];
    close?: CloseInfo;
    sentText: string;
    receivedText?: string;
  };
  /** Every byte both ways (base64, bounded), and the counts. */
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
