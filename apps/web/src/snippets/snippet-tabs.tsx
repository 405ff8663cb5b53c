import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { copyText } from './copy-text.js';
import { generateSnippets } from './generate-snippets.js';
import type { SnippetRequest } from './snippet-request.js';

/**
 * Copyable snippets that reproduce `request` in several clients, one tab each (arrow keys move
 * between tabs). Code is rendered as text.
 */
export function SnippetTabs({
  request,
  title = 'Snippets',
}: {
  request: SnippetRequest;
  title?: string;
}) {
  const snippets = useMemo(() => generateSnippets(request), [request]);
  const [selected, setSelected] = useState(0);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const baseId = useId();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = Math.min(selected, snippets.length - 1);
  const current = snippets[index];

  const select = (next: number) => {
    const wrapped = (next + snippets.length) % snippets.length;
    setSelected(wrapped);
    setCopied('idle');
    tabs.current[wrapped]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowRight') select(index + 1);
    else if (event.key === 'ArrowLeft') select(index - 1);
    else if (event.key === 'Home') select(0);
    else if (event.key === 'End') select(snippets.length - 1);
    else return;
    event.preventDefault();
  };
  const copy = async () => {
    if (!current) return;
    setCopied((await copyText(current.code)) ? 'copied' : 'failed');
  };

  if (!current) return null;
  return (
    <section aria-labelledby={`${baseId}-title`} className="mt-8">
      <h2 id={`${baseId}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <div
        role="tablist"
        aria-label={title}
        onKeyDown={onKeyDown}
        className="mt-2 flex flex-wrap gap-1 border-b border-zinc-300 dark:border-zinc-700"
      >
        {snippets.map((snippet, i) => (
          <button
            key={snippet.id}
            ref={(element) => {
              tabs.current[i] = element;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${snippet.id}`}
            aria-selected={i === index}
            aria-controls={`${baseId}-panel`}
            tabIndex={i === index ? 0 : -1}
            onClick={() => select(i)}
            className={`-mb-px rounded-t-md border px-3 py-1.5 text-sm ${
              i === index
                ? 'border-zinc-300 border-b-white bg-white font-medium dark:border-zinc-700 dark:border-b-zinc-950 dark:bg-zinc-950'
                : 'border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100'
            }`}
          >
            {snippet.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-panel`}
        aria-labelledby={`${baseId}-tab-${current.id}`}
        className="mt-2"
      >
        <div className="flex items-center justify-between gap-2 text-sm">
          <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
            {current.language}
          </span>
          <button
            type="button"
            onClick={() => void copy()}
            aria-label={`Copy ${current.label} snippet`}
            className="rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            {copied === 'copied'
              ? 'Copied'
              : copied === 'failed'
                ? 'Copy failed: select the text'
                : 'Copy'}
          </button>
        </div>
        <pre
          data-testid="snippet-code"
          className="mt-1 overflow-x-auto rounded-md border border-zinc-300 bg-white p-3 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          <code>{current.code}</code>
        </pre>
      </div>
    </section>
  );
}
