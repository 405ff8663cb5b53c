import type { WebSocketCapture } from '@switchyard/exchange';
import { VisibleText } from '../bytes/visible-text.js';
import { formatMicros, opcodeName, payloadPreview } from './frame-format.js';

/** Rows rendered before the virtualised frames panel (issue 6) replaces this simple table. */
const SHOWN = 500;

/** The frames of a captured WebSocket connection, both directions, in order. */
export function FramesList({ websocket }: { websocket: WebSocketCapture }) {
  const { frames, truncation, framesSeen } = websocket;
  const shown = frames.slice(0, SHOWN);
  return (
    <section aria-labelledby="frames-title" className="mt-8">
      <h2 id="frames-title" className="text-lg font-semibold">
        Frames
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {framesSeen.clientToServer} from the client, {framesSeen.serverToClient} from the server;{' '}
        {frames.length} stored
        {truncation.framesDropped > 0
          ? `, ${truncation.framesDropped} dropped by the cap of ${truncation.maxFrames} frames / ${truncation.maxBytes} bytes`
          : ''}
        {frames.length > SHOWN ? `; the first ${SHOWN} are listed here` : ''}.
        {websocket.subprotocol ? ` Subprotocol: ${websocket.subprotocol}.` : ''}
        {websocket.extensions ? ` Extensions: ${websocket.extensions}.` : ''}
      </p>
      {frames.length === 0 ? (
        <p className="mt-2 text-sm">No frames were captured.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-zinc-300 dark:border-zinc-700">
                <th scope="col" className="py-1 pr-2">
                  #
                </th>
                <th scope="col" className="py-1 pr-2">
                  Dir
                </th>
                <th scope="col" className="py-1 pr-2">
                  Opcode
                </th>
                <th scope="col" className="py-1 pr-2">
                  FIN
                </th>
                <th scope="col" className="py-1 pr-2">
                  RSV
                </th>
                <th scope="col" className="py-1 pr-2">
                  Mask
                </th>
                <th scope="col" className="py-1 pr-2">
                  Length
                </th>
                <th scope="col" className="py-1 pr-2">
                  Time
                </th>
                <th scope="col" className="py-1">
                  Payload
                </th>
              </tr>
            </thead>
            <tbody className="font-mono">
              {shown.map((frame) => (
                <tr
                  key={frame.seq}
                  className="border-b border-zinc-200 align-top dark:border-zinc-800"
                >
                  <td className="py-1 pr-2">{frame.seq}</td>
                  <td className="py-1 pr-2" title={frame.direction}>
                    {frame.direction === 'client-to-server' ? 'C→S' : 'S→C'}
                  </td>
                  <td className="py-1 pr-2">{opcodeName(frame.opcode)}</td>
                  <td className="py-1 pr-2">{frame.fin ? '1' : '0'}</td>
                  <td className="py-1 pr-2">
                    {[frame.rsv1, frame.rsv2, frame.rsv3].map((bit) => (bit ? '1' : '0')).join('')}
                  </td>
                  <td className="py-1 pr-2">{frame.masked ? 'yes' : 'no'}</td>
                  <td className="py-1 pr-2">{frame.payloadLength}</td>
                  <td className="py-1 pr-2 whitespace-nowrap">{formatMicros(frame.time)}</td>
                  <td className="py-1 break-all whitespace-pre-wrap">
                    <VisibleText text={payloadPreview(frame)} />
                    {frame.findings.map((finding) => (
                      <span key={finding.code} className="block text-rose-700 dark:text-rose-300">
                        {finding.severity}: {finding.message} ({finding.cite.rfc} §
                        {finding.cite.section})
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {websocket.close ? (
        <p className="mt-2 text-sm">
          Closed by {websocket.close.initiator} with {websocket.close.code}
          {websocket.close.reason ? ` "${websocket.close.reason}"` : ''},{' '}
          {websocket.close.clean ? 'cleanly' : 'not cleanly'} (RFC 6455 §7.1.4).
        </p>
      ) : null}
    </section>
  );
}
