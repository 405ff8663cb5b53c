import { useEffect, useId, useState } from 'react';

interface FaultEntry {
  id: string;
  title?: string;
  url: string;
}

const field =
  'w-full min-w-0 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900';

/** Switchyard's own endpoints: the echo server, the simulator's 101, and every fault. */
function useEndpoints(): { path: string; label: string }[] {
  const [faults, setFaults] = useState<FaultEntry[]>([]);
  useEffect(() => {
    const abort = new AbortController();
    void fetch('/api/faults', { signal: abort.signal })
      .then(async (r) => (r.ok ? ((await r.json()) as { faults?: FaultEntry[] }) : undefined))
      .then((body) => {
        if (Array.isArray(body?.faults)) setFaults(body.faults);
      })
      .catch(() => {});
    return () => abort.abort();
  }, []);
  return [
    { path: '/ws/echo', label: '/ws/echo: WebSocket echo' },
    { path: '/api/status/101', label: '/api/status/101: simulator' },
    ...faults
      .filter((f) => typeof f.url === 'string')
      .map((f) => ({ path: f.url, label: `${f.url}${f.title ? `: ${f.title}` : ''}` })),
  ];
}

/**
 * Where Send goes: a server origin (this Switchyard by default, or any URL the probe policy
 * allows) and, as a shortcut, one of Switchyard's own endpoints, which sets the request-target.
 */
export function TargetPicker({
  server,
  onServer,
  target,
  onTarget,
}: {
  server: string;
  onServer: (server: string) => void;
  target: string;
  onTarget: (target: string) => void;
}) {
  const id = useId();
  const endpoints = useEndpoints();
  const known = endpoints.some((e) => e.path === target);
  return (
    <fieldset className="flex min-w-0 flex-col gap-3 rounded-md border border-zinc-300 p-3 dark:border-zinc-700">
      <legend className="px-1 text-sm font-medium">Send to</legend>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-endpoint`} className="text-sm font-medium">
          Endpoint
        </label>
        <select
          id={`${id}-endpoint`}
          className={field}
          value={known ? target : ''}
          onChange={(e) => {
            if (e.target.value) onTarget(e.target.value);
          }}
        >
          <option value="">(the request-target as composed)</option>
          {endpoints.map((e) => (
            <option key={e.path} value={e.path}>
              {e.label}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-server`} className="text-sm font-medium">
          Server
        </label>
        <input
          id={`${id}-server`}
          className={`${field} font-mono`}
          value={server}
          spellCheck={false}
          onChange={(e) => onServer(e.target.value)}
        />
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Origin the probe connects to; the request-target above is sent as typed. The server&apos;s
          probe policy decides which addresses are allowed.
        </p>
      </div>
    </fieldset>
  );
}
