import type { RuleInfo } from '@switchyard/lint';

/** "RFC 9110 §7.8" linked to rfc-editor.org; a non-web URL is shown as plain text. */
export function RuleCitation({ rule }: { rule: RuleInfo }) {
  const label = `${rule.rfc} §${rule.section}`;
  if (!/^https:\/\/www\.rfc-editor\.org\//.test(rule.url)) return <span>{label}</span>;
  return (
    <a
      href={rule.url}
      rel="noopener noreferrer"
      className="text-teal-700 underline decoration-1 underline-offset-2 dark:text-teal-300"
    >
      {label}
    </a>
  );
}
