import { useId } from 'react';
import type { ComposedRequest } from './request-model.js';

const field = 'flex min-w-0 flex-col gap-1 text-sm font-medium';
const input =
  'rounded-md border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm font-normal dark:border-zinc-700 dark:bg-zinc-900';

/**
 * The request-line: method, request-target, HTTP version (RFC 9112 §3). All free text, with
 * suggestions, so a deliberately wrong request can be composed.
 */
export function RequestLineFields({
  request,
  onChange,
}: {
  request: ComposedRequest;
  onChange: (patch: Partial<Pick<ComposedRequest, 'method' | 'target' | 'version'>>) => void;
}) {
  const methodsId = useId();
  const versionsId = useId();
  return (
    <fieldset className="grid grid-cols-2 gap-3 sm:grid-cols-[8rem_1fr_9rem]">
      <legend className="sr-only">Request line</legend>
      <label className={field}>
        Method
        <input
          value={request.method}
          onChange={(event) => onChange({ method: event.target.value })}
          list={methodsId}
          spellCheck={false}
          autoComplete="off"
          className={input}
        />
        <datalist id={methodsId}>
          {['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'PATCH'].map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </label>
      <label className={`${field} order-last col-span-2 sm:order-none sm:col-span-1`}>
        Path (request-target)
        <input
          value={request.target}
          onChange={(event) => onChange({ target: event.target.value })}
          spellCheck={false}
          autoComplete="off"
          className={input}
        />
      </label>
      <label className={field}>
        HTTP version
        <input
          value={request.version}
          onChange={(event) => onChange({ version: event.target.value })}
          list={versionsId}
          spellCheck={false}
          autoComplete="off"
          className={input}
        />
        <datalist id={versionsId}>
          {['HTTP/1.1', 'HTTP/1.0'].map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      </label>
    </fieldset>
  );
}
