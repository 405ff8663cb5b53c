import type { HeaderField } from './request-model.js';

/** The focusable parts of a row (each carries `data-action`), so focus can follow a moved row. */
export type RowPart = 'enabled' | 'name' | 'value' | 'up' | 'down' | 'remove';

export interface HeaderRowProps {
  field: HeaderField;
  /** 1-based position, used in accessible labels ("Header 3 name"). */
  position: number;
  isFirst: boolean;
  isLast: boolean;
  onChange: (patch: Partial<Omit<HeaderField, 'id'>>) => void;
  /** Move the row; `part` is the element that should keep focus afterwards. */
  onMove: (delta: -1 | 1, part?: RowPart) => void;
  onRemove: () => void;
}

const input =
  'min-w-0 rounded-md border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900';
const iconButton =
  'rounded-md border border-zinc-300 px-2 py-1 text-sm hover:bg-zinc-100 disabled:opacity-40 disabled:hover:bg-transparent dark:border-zinc-700 dark:hover:bg-zinc-800';

/** One header line in the table editor: send toggle, name, value, move up/down, remove. */
export function HeaderRow({
  field,
  position,
  isFirst,
  isLast,
  onChange,
  onMove,
  onRemove,
}: HeaderRowProps) {
  const label = `Header ${position}`;
  return (
    <li
      data-field-id={field.id}
      onKeyDown={(event) => {
        // Alt+ArrowUp / Alt+ArrowDown move the row from any of its controls.
        if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
        const delta = event.key === 'ArrowUp' ? -1 : 1;
        if ((delta < 0 && isFirst) || (delta > 0 && isLast)) return;
        event.preventDefault();
        onMove(delta, (event.target as HTMLElement).dataset.action as RowPart | undefined);
      }}
      className={`grid grid-cols-[auto_1fr_auto] items-center gap-2 rounded-md border-b border-zinc-200 p-1.5 last:border-0 sm:border-0 dark:border-zinc-800 sm:grid-cols-[auto_minmax(7rem,12rem)_1fr_auto] ${
        field.enabled ? '' : 'opacity-60'
      }`}
    >
      <input
        type="checkbox"
        data-action="enabled"
        checked={field.enabled}
        onChange={(event) => onChange({ enabled: event.target.checked })}
        aria-label={`Send ${label.toLowerCase()}`}
        title={field.enabled ? 'Sent' : 'Not sent (disabled)'}
        className="size-4 accent-teal-700"
      />
      <input
        value={field.name}
        data-action="name"
        onChange={(event) => onChange({ name: event.target.value })}
        aria-label={`${label} name`}
        placeholder="Name"
        spellCheck={false}
        autoComplete="off"
        className={`${input} col-span-2 sm:col-span-1 ${field.enabled ? '' : 'line-through'}`}
      />
      <input
        value={field.value}
        data-action="value"
        onChange={(event) => onChange({ value: event.target.value })}
        aria-label={`${label} value`}
        placeholder="Value"
        spellCheck={false}
        autoComplete="off"
        className={`${input} col-span-2 sm:col-span-1`}
      />
      <div className="flex justify-end gap-1">
        <button
          type="button"
          data-action="up"
          onClick={() => onMove(-1)}
          disabled={isFirst}
          aria-label={`Move ${label.toLowerCase()} up`}
          className={iconButton}
        >
          ↑
        </button>
        <button
          type="button"
          data-action="down"
          onClick={() => onMove(1)}
          disabled={isLast}
          aria-label={`Move ${label.toLowerCase()} down`}
          className={iconButton}
        >
          ↓
        </button>
        <button
          type="button"
          data-action="remove"
          onClick={onRemove}
          aria-label={`Remove ${label.toLowerCase()}`}
          className={iconButton}
        >
          ✕
        </button>
      </div>
    </li>
  );
}
