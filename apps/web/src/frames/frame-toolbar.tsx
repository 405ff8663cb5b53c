import { useId } from 'react';
import type { FrameFilter } from './frame-filter.js';

const OPCODES: [number, string][] = [
  [0x1, 'text'],
  [0x2, 'binary'],
  [0x0, 'continuation'],
  [0x8, 'close'],
  [0x9, 'ping'],
  [0xa, 'pong'],
];

/** One fixed height for the selects and the search box, so their bottom edges line up. */
const field =
  'h-8 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900';

/** Direction and opcode filters and a payload search for the frames list. */
export function FrameToolbar({
  filter,
  onChange,
  shown,
  total,
}: {
  filter: FrameFilter;
  onChange: (filter: FrameFilter) => void;
  shown: number;
  total: number;
}) {
  const id = useId();
  return (
    <div className="flex flex-wrap items-end gap-3 text-sm">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-dir`} className="font-medium">
          Direction
        </label>
        <select
          id={`${id}-dir`}
          className={field}
          value={filter.direction}
          onChange={(e) =>
            onChange({ ...filter, direction: e.target.value as FrameFilter['direction'] })
          }
        >
          <option value="all">Both</option>
          <option value="client-to-server">Client → server</option>
          <option value="server-to-client">Server → client</option>
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-op`} className="font-medium">
          Opcode
        </label>
        <select
          id={`${id}-op`}
          className={field}
          value={String(filter.opcode)}
          onChange={(e) =>
            onChange({
              ...filter,
              opcode: e.target.value === 'all' ? 'all' : Number(e.target.value),
            })
          }
        >
          <option value="all">Any</option>
          {OPCODES.map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex min-w-40 flex-1 flex-col gap-1">
        <label htmlFor={`${id}-q`} className="font-medium">
          Search payloads
        </label>
        <input
          id={`${id}-q`}
          type="search"
          className={field}
          value={filter.search}
          onChange={(e) => onChange({ ...filter, search: e.target.value })}
        />
      </div>
      <p className="flex h-8 items-center text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {shown === total ? `${total} frames` : `${shown} of ${total} frames`}
      </p>
    </div>
  );
}
