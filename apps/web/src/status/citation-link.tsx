import type { Citation } from '@switchyard/catalog';

/** "RFC 9110 §15.2.2" linked to the section on rfc-editor.org (or the citation's own URL). */
export function CitationLink({ citation }: { citation: Citation }) {
  const label = `${citation.document}${citation.section ? ` §${citation.section}` : ''}`;
  // Only web links: a catalog mistake must never produce a javascript: or data: URL.
  if (!/^https?:\/\//.test(citation.url)) return <span>{label}</span>;
  return (
    <a
      href={citation.url}
      rel="noopener noreferrer"
      className="text-teal-700 underline decoration-1 underline-offset-2 dark:text-teal-300"
    >
      {label}
    </a>
  );
}
