import type { WebSocketCapture } from '@switchyard/exchange';
import { ROW_HEIGHT, FrameList } from './frame-list.js';
import { CloseSummary } from './close-summary.js';
import { TruncationNotice } from './truncation-notice.js';

/** Tallest the read-only list grows (px) before it scrolls; shorter captures fit their rows. */
const MAX_HEIGHT = 384;

/**
 * The frames of a captured WebSocket connection, read-only, in the virtualised list. While the
 * connection is still open (`inProgress`) they are the frames so far, and a missing close is
 * said to be pending, never "ended without a Close frame".
 */
export function CapturedFrames({
  websocket,
  inProgress = false,
}: {
  websocket: WebSocketCapture;
  inProgress?: boolean;
}) {
  const { frames, truncation, framesSeen } = websocket;
  // A snapshot does not grow between fetches: size the list to its rows (at least three, for the
  // "no frames" line and the filter's "no match" line), up to MAX_HEIGHT.
  const height = Math.min(MAX_HEIGHT, Math.max(3, frames.length) * ROW_HEIGHT + 2);
  return (
    <section aria-labelledby="frames-title" className="mt-8 flex flex-col gap-2">
      <h2 id="frames-title" className="text-lg font-semibold">
        Frames
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {framesSeen.clientToServer} from the client, {framesSeen.serverToClient} from the server;{' '}
        {frames.length} stored{inProgress ? ' so far' : ''}.
        {websocket.subprotocol ? ` Subprotocol: ${websocket.subprotocol}.` : ''}
        {websocket.extensions ? ` Extensions: ${websocket.extensions}.` : ''}
      </p>
      <TruncationNotice truncation={truncation} />
      <FrameList
        frames={frames}
        height={height}
        empty={
          inProgress
            ? 'No frames yet on this open connection.'
            : 'No frames were exchanged on this connection.'
        }
      />
      {websocket.close ? (
        <CloseSummary close={websocket.close} />
      ) : inProgress ? (
        <p className="text-sm" data-testid="close-summary">
          Still open: neither side has sent a Close frame yet (RFC 6455 §7.1.2).
        </p>
      ) : null}
    </section>
  );
}
