/**
 * The JSON shape of one path of `POST /api/lab/echo-paths`: the same fields for the three ways
 * to reach the echo, so the page can put them side by side.
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
import type { H2StreamRecord } from '@switchyard/probe';
import { fieldValues } from '@switchyard/protocol';

/** The three paths, in the order the page shows them. */
export type PathKey = 'http1-upgrade' | 'h2c-upgrade' | 'h2-prior-knowledge';

/** A capture of this server's, linked from the page. */
export interface PathCapture {
  id: string;
  link: string;
  /** What was captured: the WebSocket, or stream 1 of an h2c upgrade. */
  what: 'websocket' | 'upgraded-request';
}

/** What one path did, as the client (this server's lab, over loopback) saw it. */
export interface PathResult {
  key: PathKey;
  ok: boolean;
  error?: string;
  /** Status codes in the order they arrived (101; 101 then 200; 200). */
  statuses: number[];
  captures: PathCapture[];
  /** The HTTP/1.1 request and the answer to it (paths 1 and 2), exact bytes in `raw`. */
  http1?: { request: RequestHead; response?: ResponseHead };
  /** The HTTP/2 part (paths 2 and 3). */
  h2?: {
    settingsSent: Http2SettingJson[];
    settingsReceived: Http2SettingJson[];
    enableConnectProtocol?: number;
    streams: H2StreamRecord[];
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

/** The capture id a response names (`X-Switchyard-Capture`), if any. */
export function captureIdOf(headers: HeaderList | undefined): string | undefined {
  return fieldValues(headers ?? [], 'x-switchyard-capture')[0]?.trim() || undefined;
}
