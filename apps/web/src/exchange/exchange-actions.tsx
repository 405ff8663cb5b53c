import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Exchange } from '@switchyard/exchange';
import { recordExchangeVisit } from '../history/record-exchange-visit.js';
import { putPlaygroundHandoff } from '../history/playground-handoff.js';
import { copyText } from '../snippets/copy-text.js';

const buttonClass =
  'rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800';

/** Saves `text` as a file named `name` through a temporary object URL. */
function downloadText(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Actions on a captured exchange: copy its share link, download it as HAR (the server's
 * `/api/exchanges/{id}/har`) or as the JSON record, and open its request in the playground.
 * Also remembers the exchange in this browser's history list.
 */
export function ExchangeActions({ exchange }: { exchange: Exchange }) {
  const navigate = useNavigate();
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [handoffFailed, setHandoffFailed] = useState(false);
  const shareLink = new URL(
    `/x/${encodeURIComponent(exchange.id)}`,
    globalThis.location?.href ?? 'http://localhost/',
  ).href;

  useEffect(() => {
    recordExchangeVisit(exchange);
  }, [exchange]);

  const copyLink = async () => setCopied((await copyText(shareLink)) ? 'copied' : 'failed');
  const openInPlayground = () => {
    const { request } = exchange;
    const stored = putPlaygroundHandoff({
      method: request.method,
      target: request.target,
      version: `HTTP/${request.httpVersion}`,
      headers: request.headers.map(([name, value]) => [name, value]),
      body:
        exchange.requestBody.previewEncoding === 'text' && !exchange.requestBody.truncated
          ? (exchange.requestBody.preview ?? '')
          : '',
      fromExchange: exchange.id,
    });
    if (stored) void navigate('/');
    else setHandoffFailed(true);
  };

  return (
    <div role="group" aria-label="Exchange actions" className="mt-4 flex flex-wrap gap-2">
      <button type="button" className={buttonClass} onClick={() => void copyLink()}>
        {copied === 'copied'
          ? 'Link copied'
          : copied === 'failed'
            ? 'Copy failed: copy the link above'
            : 'Copy share link'}
      </button>
      <a
        className={buttonClass}
        href={`/api/exchanges/${encodeURIComponent(exchange.id)}/har`}
        download={`exchange-${exchange.id}.har`}
      >
        Download HAR
      </a>
      <button
        type="button"
        className={buttonClass}
        onClick={() =>
          downloadText(
            `${JSON.stringify(exchange, null, 2)}\n`,
            `exchange-${exchange.id}.json`,
            'application/json',
          )
        }
      >
        Download JSON
      </button>
      <button type="button" className={buttonClass} onClick={openInPlayground}>
        Open in playground
      </button>
      {handoffFailed ? (
        <p role="alert" className="w-full text-sm text-rose-700 dark:text-rose-300">
          This browser blocks session storage, so the request cannot be handed to the playground.
        </p>
      ) : null}
    </div>
  );
}
