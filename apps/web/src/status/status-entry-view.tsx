import { Link } from 'react-router';
import { getStatus, type StatusEntry } from '@switchyard/catalog';
import { EntryBadges } from './entry-badges.js';
import { ClientBehaviourView } from './client-behaviour-view.js';
import { HeaderRequirements } from './header-requirements.js';
import { ProseSection } from './prose-section.js';
import { RegistrationBadge } from './registration-badge.js';
import { StatusFacts } from './status-facts.js';
import { UpgradeGuideView } from './upgrade-guide-view.js';

const has = (text: string) => text.trim() !== '';

/** A catalog entry as a readable page. Prose not yet written in the catalog is left out. */
export function StatusEntryView({ entry }: { entry: StatusEntry }) {
  const clientsWritten = Object.values(entry.clients).some(has);
  return (
    <article aria-labelledby="status-title">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 id="status-title" className="text-3xl font-semibold">
          <span className="font-mono">{entry.code}</span> {entry.reason}
        </h1>
        <RegistrationBadge registered={entry.registered} />
        <EntryBadges entry={entry} />
      </div>
      <p className="mt-2 text-lg text-zinc-700 dark:text-zinc-300">{entry.summary}</p>
      <StatusFacts entry={entry} />
      <ProseSection title="What it means" show={has(entry.meaning)}>
        <p>{entry.meaning}</p>
      </ProseSection>
      <ProseSection title="What it guarantees" show={has(entry.guarantees)}>
        <p>{entry.guarantees}</p>
      </ProseSection>
      <ProseSection title="What it does not guarantee" show={has(entry.doesNotGuarantee)}>
        <p>{entry.doesNotGuarantee}</p>
      </ProseSection>
      <ProseSection title="When to use it" show={has(entry.whenToUse)}>
        <p>{entry.whenToUse}</p>
      </ProseSection>
      <ProseSection title="Common misuses" show={entry.misuses.length > 0}>
        <ul className="list-disc space-y-1 pl-6">
          {entry.misuses.map((misuse) => (
            <li key={misuse}>{misuse}</li>
          ))}
        </ul>
      </ProseSection>
      <ProseSection title="Header fields">
        <HeaderRequirements headers={entry.headers} />
      </ProseSection>
      <ProseSection title="How tools treat it" show={clientsWritten}>
        <ClientBehaviourView clients={entry.clients} />
      </ProseSection>
      <ProseSection title="Related codes" show={entry.related.length > 0}>
        <ul className="flex flex-wrap gap-2">
          {entry.related.map((code) => (
            <li key={code}>
              <Link
                to={`/status/${code}`}
                className="inline-block rounded-md border border-zinc-300 px-2 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
              >
                <span className="font-mono">{code}</span> {getStatus(code)?.reason ?? ''}
              </Link>
            </li>
          ))}
        </ul>
      </ProseSection>
      {entry.upgrade ? <UpgradeGuideView guide={entry.upgrade} /> : null}
    </article>
  );
}
