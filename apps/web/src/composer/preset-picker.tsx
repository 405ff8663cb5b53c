import { useId, useState } from 'react';
import { presets, type Preset } from './presets.js';

/** Chooses a preset and applies it on request (replacing the composed request), showing what to expect. */
export function PresetPicker({ onApply }: { onApply: (preset: Preset) => void }) {
  const [selected, setSelected] = useState(presets[0]?.id ?? '');
  const selectId = useId();
  const expectId = useId();
  const preset = presets.find((p) => p.id === selected);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={selectId} className="text-sm font-medium">
        Preset
      </label>
      <div className="flex flex-wrap gap-2">
        <select
          id={selectId}
          value={selected}
          onChange={(event) => setSelected(event.target.value)}
          aria-describedby={expectId}
          className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => preset && onApply(preset)}
          className="rounded-md bg-teal-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-teal-800"
        >
          Load preset
        </button>
      </div>
      <p id={expectId} className="text-xs text-zinc-600 dark:text-zinc-400">
        Expect: {preset?.expect}
      </p>
    </div>
  );
}
