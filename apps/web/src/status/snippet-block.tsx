import { useState } from 'react';
import type { Snippet } from '@switchyard/catalog';

/** A titled code snippet with its language and a copy button; code is rendered as text. */
export function SnippetBlock({ snippet }: { snippet: Snippet }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    const clipboard = globalThis.navigator?.clipboard;
    if (!clipboard) {
      setCopied('failed');
      return;
    }
    clipboard.writeText(snippet.code).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };
  return (
    <figure className="min-w-0">
      <figcaption className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{snippet.title}</span>
        <span className="flex items-center gap-2">
          <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
            {snippet.language}
          </span>
          <button
            type="button"
            onClick={copy}
            aria-label={`Copy snippet: ${snippet.title}`}
            className="rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}
          </button>
        </span>
      </figcaption>
      <pre className="mt-1 overflow-x-auto rounded-md border border-zinc-300 bg-white p-3 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900">
        <code>{snippet.code}</code>
      </pre>
      {snippet.note ? (
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{snippet.note}</p>
      ) : null}
    </figure>
  );
}
