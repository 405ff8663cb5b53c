import type { ClientBehaviour } from '@switchyard/catalog';

const rows: { key: keyof ClientBehaviour; label: string }[] = [
  { key: 'browsers', label: 'Browsers' },
  { key: 'apiClients', label: 'API clients' },
  { key: 'crawlers', label: 'Crawlers' },
  { key: 'uptimeMonitors', label: 'Uptime monitors' },
  { key: 'cdns', label: 'CDNs and caches' },
];

/** How each kind of client treats the status; rows not yet written are left out. */
export function ClientBehaviourView({ clients }: { clients: ClientBehaviour }) {
  const written = rows.filter((row) => clients[row.key].trim() !== '');
  if (written.length === 0) return null;
  return (
    <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[10rem_1fr]">
      {written.map((row) => (
        <div key={row.key} className="contents">
          <dt className="font-medium">{row.label}</dt>
          <dd className="text-zinc-700 dark:text-zinc-300">{clients[row.key]}</dd>
        </div>
      ))}
    </dl>
  );
}
