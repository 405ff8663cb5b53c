import { useEffect, useRef, useState } from 'react';
import type { HeaderField } from './request-model.js';
import { addField, moveField, removeField, updateField } from './header-list-ops.js';
import { HeaderRow, type RowPart } from './header-row.js';
import { RawHeaderEditor } from './raw-header-editor.js';

type Mode = 'table' | 'raw';
type FocusTarget = { id: string; action: RowPart } | { id: null; action: 'add' };

const tab = 'rounded-md px-3 py-1 text-sm';
const tabOn = 'bg-teal-700 text-white';
const tabOff = 'hover:bg-zinc-100 dark:hover:bg-zinc-800';

/**
 * The ordered header editor: add, remove, reorder, disable, and a raw-text mode. Order and case
 * are the user's; the editor never sorts or normalises. Focus follows a moved or removed row so
 * the editor stays usable from the keyboard; Alt+ArrowUp/Down moves the row being edited.
 */
export function HeaderEditor({
  fields,
  onChange,
}: {
  fields: HeaderField[];
  onChange: (fields: HeaderField[]) => void;
}) {
  const [mode, setMode] = useState<Mode>('table');
  const [focus, setFocus] = useState<FocusTarget | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!focus || !listRef.current) return;
    const root = listRef.current;
    let target: HTMLElement | null = null;
    if (focus.id === null) {
      target = root.querySelector('[data-action="add"]');
    } else {
      const row = root.querySelector(`[data-field-id="${focus.id}"]`);
      const wanted = row?.querySelector<HTMLElement>(`[data-action="${focus.action}"]`);
      // A move to the top or bottom disables that button: fall back to the row's other one.
      target =
        wanted && !(wanted as HTMLButtonElement).disabled
          ? wanted
          : (row?.querySelector<HTMLElement>(
              '[data-action="up"]:not(:disabled), [data-action="down"]:not(:disabled)',
            ) ?? null);
    }
    target?.focus();
    setFocus(null);
  }, [focus, fields]);

  const enabledCount = fields.filter((field) => field.enabled).length;

  return (
    <div ref={listRef} role="group" aria-label="Request headers">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-medium">
          Headers{' '}
          <span className="font-normal text-zinc-500 dark:text-zinc-400">
            ({enabledCount} sent
            {fields.length > enabledCount ? `, ${fields.length - enabledCount} off` : ''})
          </span>
        </h3>
        <div role="group" aria-label="Header editor mode" className="flex gap-1">
          {(['table', 'raw'] as const).map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={mode === value}
              onClick={() => setMode(value)}
              className={`${tab} ${mode === value ? tabOn : tabOff}`}
            >
              {value === 'table' ? 'Table' : 'Raw text'}
            </button>
          ))}
        </div>
      </div>
      {mode === 'raw' ? (
        <RawHeaderEditor fields={fields} onChange={onChange} />
      ) : (
        <>
          {fields.length === 0 ? (
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
              No headers. Add one below.
            </p>
          ) : (
            <ol className="mt-2 space-y-1" aria-label="Header lines in sending order">
              {fields.map((field, index) => (
                <HeaderRow
                  key={field.id}
                  field={field}
                  position={index + 1}
                  isFirst={index === 0}
                  isLast={index === fields.length - 1}
                  onChange={(patch) => onChange(updateField(fields, field.id, patch))}
                  onMove={(delta, part) => {
                    onChange(moveField(fields, field.id, delta));
                    setFocus({ id: field.id, action: part ?? (delta < 0 ? 'up' : 'down') });
                  }}
                  onRemove={() => {
                    const next = fields[index + 1] ?? fields[index - 1];
                    onChange(removeField(fields, field.id));
                    setFocus(
                      next ? { id: next.id, action: 'remove' } : { id: null, action: 'add' },
                    );
                  }}
                />
              ))}
            </ol>
          )}
          <button
            type="button"
            data-action="add"
            onClick={() => {
              const next = addField(fields);
              onChange(next);
              const added = next[next.length - 1];
              if (added) setFocus({ id: added.id, action: 'name' });
            }}
            className="mt-2 rounded-md border border-dashed border-zinc-400 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-600 dark:hover:bg-zinc-800"
          >
            + Add header
          </button>
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            Tip: <kbd className="font-mono">Alt</kbd>+<kbd className="font-mono">↑</kbd> /{' '}
            <kbd className="font-mono">↓</kbd> moves the header you are editing.
          </p>
        </>
      )}
    </div>
  );
}
