import { useId, useState } from 'react';
import type { HeaderField } from './request-model.js';
import { fieldsToText, textToFields } from './raw-header-text.js';

/**
 * Raw-text mode: the header lines as one editable text. Valid text updates the fields as you
 * type; invalid text is kept and explained, and the fields keep their last valid state.
 */
export function RawHeaderEditor({
  fields,
  onChange,
}: {
  fields: HeaderField[];
  onChange: (fields: HeaderField[]) => void;
}) {
  const [text, setText] = useState(() => fieldsToText(fields));
  const [errors, setErrors] = useState<string[]>([]);
  // Fields this editor emitted last, and the fields it last saw: a change from outside (a preset,
  // a new key) rewrites the text; an echo of our own edit must not (it would eat the caret).
  const [own, setOwn] = useState<HeaderField[] | null>(null);
  const [seen, setSeen] = useState(fields);
  if (fields !== seen) {
    setSeen(fields);
    if (fields !== own) {
      setText(fieldsToText(fields));
      setErrors([]);
    }
  }
  const textId = useId();
  const helpId = useId();
  const errorId = useId();

  const edit = (next: string) => {
    setText(next);
    const result = textToFields(next, fields);
    if (result.ok) {
      setErrors([]);
      setOwn(result.fields);
      onChange(result.fields);
    } else {
      setErrors(result.errors.map((error) => error.message));
    }
  };

  return (
    <div>
      <label htmlFor={textId} className="text-sm font-medium">
        Header lines
      </label>
      <p id={helpId} className="text-xs text-zinc-600 dark:text-zinc-400">
        One <code className="font-mono">Name: value</code> per line, in sending order. Start a line
        with <code className="font-mono">#</code> to keep it without sending it.
      </p>
      <textarea
        id={textId}
        value={text}
        onChange={(event) => edit(event.target.value)}
        aria-describedby={errors.length > 0 ? `${helpId} ${errorId}` : helpId}
        aria-invalid={errors.length > 0}
        rows={Math.max(6, text.split('\n').length + 1)}
        spellCheck={false}
        className="mt-1 w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      {errors.length > 0 ? (
        <ul id={errorId} role="alert" className="mt-1 text-sm text-rose-700 dark:text-rose-300">
          {errors.map((message) => (
            <li key={message}>{message}; the bytes below show the last valid lines.</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
