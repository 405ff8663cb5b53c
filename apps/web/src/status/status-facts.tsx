import { statusClassOf, type StatusEntry } from '@switchyard/catalog';
import { CitationLink } from './citation-link.js';
import { classLabels } from './class-labels.js';

/** The data half of an entry: class, registration, definition, content and caching rules. */
export function StatusFacts({ entry }: { entry: StatusEntry }) {
  return (
    <dl className="mt-4 grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
      <dt className="font-medium">Class</dt>
      <dd>
        {statusClassOf(entry.code) === undefined
          ? // RFC 9110 §15: outside 100..599 a code has no class; clients treat it as a 5xx.
            `none: outside 100..599, invalid (RFC 9110 §15); clients treat it as ${classLabels[entry.class]}`
          : classLabels[entry.class]}
      </dd>
      <dt className="font-medium">Registry</dt>
      <dd>
        {entry.registered
          ? 'IANA registered'
          : `Not registered${entry.usedBy ? `: used by ${entry.usedBy}` : ''}`}
      </dd>
      <dt className="font-medium">{entry.registered ? 'Defined in' : 'Closest specification'}</dt>
      <dd>
        <CitationLink citation={entry.defined} />
      </dd>
      {entry.seeAlso.length > 0 ? (
        <>
          <dt className="font-medium">See also</dt>
          <dd>
            <ul className="flex flex-wrap gap-x-3">
              {entry.seeAlso.map((citation) => (
                <li key={citation.url}>
                  <CitationLink citation={citation} />
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      <dt className="font-medium">Content</dt>
      <dd>{entry.contentAllowed ? 'may have content' : 'never has content'}</dd>
      <dt className="font-medium">Heuristically cacheable</dt>
      <dd>{entry.heuristicallyCacheable ? 'yes (RFC 9110 §15.1)' : 'no'}</dd>
      {entry.reserved ? (
        <>
          <dt className="font-medium">Reserved</dt>
          <dd>{entry.reserved}</dd>
        </>
      ) : null}
      {entry.deprecated ? (
        <>
          <dt className="font-medium">Deprecated</dt>
          <dd>{entry.deprecated}</dd>
        </>
      ) : null}
    </dl>
  );
}
