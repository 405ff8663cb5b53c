import type { WebSocketCapture } from '@switchyard/exchange';
import { ROW_HEIGHT, FrameList } from './frame-list.js';
import { CloseSummary } from './close-summary.js';
import { TruncationNotice } from './truncation-notice.js';

/** Tallest the read-only list grows (px) before it scrolls; shorter captures fit their rows. */
const MAX_HEIGHT = 384;

/** The frames of a captured WebSocket connection, read-only, in the virtualised list. */
export function CapturedFrames({ websocket }: { websocket: WebSocketCapture }) {
  const { frames, truncation, framesSeen } = websocket;
  // A finished capture never grows: size the list to its rows (at least three, for the
  // "no frames" line and the filter's "no match" line), up to MAX_HEIGHT.
  const height = Math.min(MAX_HEIGHT, Math.max(3, frames.length) * ROW_HEIGHT + 2);
  return (
    <section aria-labelledby="frames-title" className="mt-8 flex flex-col gap-2">
      <h2 id="frames-title" className="text-lg font-semibold">
        Frames
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {framesSeen.clientToServer} from the client, {framesSeen.serverToClient} from the server;{' '}
        {frames.length} stored.
        {websocket.subprotocol ? ` Subprotocol: ${websocket.subprotocol}.` : ''}
        {websocket.extensions ? ` Extensions: ${websocket.extensions}.` : ''}
      </p>
      <TruncationNotice truncation={truncation} />
      <FrameList
        frames={frames}
        height={height}
        empty="No frames were exchanged on this connection."
      />
      {websocket.close ? <CloseSummary close={websocket.close} /> : null}
    </section>
  );
}
