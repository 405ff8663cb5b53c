import { Link } from 'react-router';
import type { RuleInfo } from '@switchyard/lint';
import { RuleCitation } from './rule-citation.js';
import { SeverityBadge } from './severity-badge.js';

/** Rules as a list: severity, linked title and id, citation. */
export function RuleList({ rules }: { rules: readonly RuleInfo[] }) {
  return (
    <ul className="mt-2 divide-y divide-zinc-200 dark:divide-zinc-800">
      {rules.map((rule) => (
        <li key={rule.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2">
          <SeverityBadge severity={rule.severity} />
          <span className="min-w-0 flex-1 basis-64">
            <Link
              to={`/rules/${rule.id}`}
              className="text-teal-800 underline decoration-1 underline-offset-2 dark:text-teal-300"
            >
              {rule.title}
            </Link>
            <span className="block font-mono text-xs wrap-break-word text-zinc-500 dark:text-zinc-400">
              {rule.id}
            </span>
          </span>
          <span className="text-sm">
            <RuleCitation rule={rule} />
          </span>
        </li>
      ))}
    </ul>
  );
}
