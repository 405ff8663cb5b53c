import { Link } from 'react-router';
import type { RuleInfo } from '@switchyard/lint';
import type { RuleGroupInfo } from './rule-groups.js';
import { RuleList } from './rule-list.js';

/** `/rules/{group}`: one group's rules. */
export function RuleGroupView({
  group,
  rules,
}: {
  group: RuleGroupInfo;
  rules: readonly RuleInfo[];
}) {
  return (
    <div className="max-w-4xl">
      <p className="text-sm">
        <Link to="/rules" className="text-teal-700 underline dark:text-teal-300">
          All rules
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{group.title}</h1>
      <p className="mt-1 text-zinc-700 dark:text-zinc-300">{group.about}</p>
      <p className="mt-1 font-mono text-sm text-zinc-500 dark:text-zinc-400">{group.id}/*</p>
      <RuleList rules={rules} />
    </div>
  );
}
