import { Link, useParams } from 'react-router';
import { ruleCatalog } from '@switchyard/lint';
import { RuleDetail } from '../rules/rule-detail.js';
import { RuleGroupView } from '../rules/rule-group-view.js';
import { findGroup, groupOf } from '../rules/rule-groups.js';
import { RuleIndex } from '../rules/rule-index.js';
import { usePageTitle } from './page-title.js';

// Read once per page load: the catalog is static data bundled in this lazy route's chunk.
const catalog = ruleCatalog();

/**
 * `/rules`, `/rules/{group}` and `/rules/{group}/{name}` (rule ids contain a slash, so the
 * route is a splat): the lint rules as documentation.
 */
export function RulesPage() {
  const path = (useParams()['*'] ?? '').replace(/\/+$/, '');
  const rule = path ? catalog.find((r) => r.id === path) : undefined;
  const group = path && !path.includes('/') ? findGroup(path) : undefined;
  usePageTitle(!path ? 'Rules' : rule ? rule.id : group ? `Rules: ${group.title}` : 'Unknown rule');

  if (!path) return <RuleIndex catalog={catalog} />;
  if (rule) return <RuleDetail rule={rule} />;
  if (group) {
    return (
      <RuleGroupView group={group} rules={catalog.filter((r) => groupOf(r.id) === group.id)} />
    );
  }
  const knownGroup = findGroup(groupOf(path));
  return (
    <section role="alert" aria-labelledby="rule-missing-title" className="max-w-2xl">
      <h1 id="rule-missing-title" className="text-2xl font-semibold">
        No rule with this id
      </h1>
      <p className="mt-2">
        There is no rule <code className="font-mono break-all">{path}</code>. Rule ids are stable
        and never reused, so a link to one that does not exist is most likely mistyped.
      </p>
      <p className="mt-4">
        {knownGroup ? (
          <>
            <Link
              to={`/rules/${knownGroup.id}`}
              className="text-teal-700 underline dark:text-teal-300"
            >
              {knownGroup.title} rules
            </Link>
            {' · '}
          </>
        ) : null}
        <Link to="/rules" className="text-teal-700 underline dark:text-teal-300">
          All rules
        </Link>
      </p>
    </section>
  );
}
