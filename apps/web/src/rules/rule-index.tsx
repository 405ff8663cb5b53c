import { Link } from 'react-router';
import type { RuleInfo } from '@switchyard/lint';
import { groupRules } from './rule-groups.js';
import { RuleList } from './rule-list.js';

/** `/rules`: every rule, grouped by id prefix, each group a labelled region. */
export function RuleIndex({ catalog }: { catalog: readonly RuleInfo[] }) {
  const groups = groupRules(catalog);
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-semibold">Rules</h1>
      <p className="mt-2 text-zinc-700 dark:text-zinc-300">
        {catalog.length} correctness rules, each enforcing one RFC requirement. They run on every
        captured exchange and on a composed request before it is sent; a finding names the rule id.
      </p>
      <nav aria-label="Rule groups" className="mt-4">
        <ul className="flex flex-wrap gap-2 text-sm">
          {groups.map(({ group, rules }) => (
            <li key={group.id}>
              <Link
                to={`/rules/${group.id}`}
                className="rounded-md border border-zinc-300 px-2 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
              >
                {group.title} ({rules.length})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map(({ group, rules }) => (
        <section key={group.id} aria-labelledby={`group-${group.id}`} className="mt-8">
          <h2 id={`group-${group.id}`} className="text-lg font-semibold">
            {group.title}
          </h2>
          {group.about ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">{group.about}</p>
          ) : null}
          <RuleList rules={rules} />
        </section>
      ))}
    </div>
  );
}
