import type { WebSocketCapture } from '@switchyard/exchange';
import { FrameList } from './frame-list.js';

/** The frames of a captured WebSocket connection, read-only, in the virtualised list. */
export function CapturedFrames({ websocket }: { websocket: WebSocketCapture }) {
  const { frames, truncation, framesSeen } = websocket;
  return (
    <section aria-labelledby="frames-title" className="mt-8 flex flex-col gap-2">
      <h2 id="frames-title" className="text-lg font-semibold">
        Frames
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {framesSeen.clientToServer} from the client, {framesSeen.serverToClient} from the server;{' '}
        {frames.length} stored
        {truncation.framesDropped > 0
          ? `, ${truncation.framesDropped} dropped by the cap of ${truncation.maxFrames} frames / ${truncation.maxBytes} bytes`
          : ''}
        .{websocket.subprotocol ? ` Subprotocol: ${websocket.subprotocol}.` : ''}
        {websocket.extensions ? ` Extensions: ${websocket.extensions}.` : ''}
      </p>
      <FrameList frames={frames} />
      {websocket.close ? (
        <p className="text-sm">
          Closed by {websocket.close.initiator} with {websocket.close.code}
          {websocket.close.reason ? ` "${websocket.close.reason}"` : ''},{' '}
          {websocket.close.clean ? 'cleanly' : 'not cleanly'} (RFC 6455 §7.1.4).
        </p>
      ) : null}
    </section>
  );
}
