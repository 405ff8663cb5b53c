import type { CloseInfo } from '@switchyard/exchange';
import { closeCodeLabel } from './close-code-name.js';

/** One side's Close frame: `1000 (Normal Closure) "bye"`, or that it carried no code. */
function sideText(side: { code?: number; reason?: string } | undefined): string | undefined {
  if (!side) return undefined;
  if (side.code === undefined) return 'a Close frame with no status code';
  return `${closeCodeLabel(side.code)}${side.reason ? ` "${side.reason}"` : ''}`;
}

/**
 * How a WebSocket connection ended: who closed first, the connection close code (RFC 6455
 * §7.1.5), whether it closed cleanly (§7.1.4), and the Close frame each side sent. A connection
 * that ended without any Close frame is named as such: 1006 is never sent on the wire (§7.4.1).
 */
export function CloseSummary({ close }: { close: CloseInfo }) {
  const client = sideText(close.client);
  const server = sideText(close.server);
  return (
    <div className="text-sm" data-testid="close-summary">
      <p>
        {close.initiator === 'transport' ? (
          <>
            The TCP connection ended without a Close frame: close code {closeCodeLabel(close.code)},
            not cleanly (RFC 6455 §7.1.5, §7.4.1).
          </>
        ) : (
          <>
            Closed by {close.initiator} with {close.code}
            {close.reason ? ` "${close.reason}"` : ''}, {close.clean ? 'cleanly' : 'not cleanly'}{' '}
            (RFC 6455 §7.1.4).
          </>
        )}
      </p>
      {client || server ? (
        <ul className="mt-1 text-zinc-700 dark:text-zinc-300">
          <li>Client sent: {client ?? 'no Close frame'}</li>
          <li>Server sent: {server ?? 'no Close frame'}</li>
        </ul>
      ) : null}
    </div>
  );
}
