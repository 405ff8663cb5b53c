import { Link } from 'react-router';
import type { RuleInfo } from '@switchyard/lint';
import { findGroup, groupOf } from './rule-groups.js';
import { RuleCitation } from './rule-citation.js';
import { SeverityBadge } from './severity-badge.js';

const scopeText: Record<RuleInfo['scope'], string> = {
  request: 'the request head (also checked before sending, in the playground)',
  message: 'the request and the final response (also checked before sending)',
  response: "the server's response",
  frames: 'WebSocket frames (checked live, frame by frame)',
};

/** `/rules/{group}/{name}`: one rule as documentation. */
export function RuleDetail({ rule }: { rule: RuleInfo }) {
  const groupId = groupOf(rule.id);
  const group = findGroup(groupId);
  return (
    <article aria-labelledby="rule-title" className="max-w-3xl">
      <p className="text-sm">
        <Link to="/rules" className="text-teal-700 underline dark:text-teal-300">
          Rules
        </Link>
        {' / '}
        <Link to={`/rules/${groupId}`} className="text-teal-700 underline dark:text-teal-300">
          {group?.title ?? groupId}
        </Link>
      </p>
      <h1 id="rule-title" className="mt-2 text-2xl font-semibold">
        {rule.title}
      </h1>
      <dl className="mt-3 grid grid-cols-[6rem_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">Id</dt>
        <dd className="font-mono wrap-break-word">{rule.id}</dd>
        <dt className="font-medium">Severity</dt>
        <dd>
          <SeverityBadge severity={rule.severity} />
        </dd>
        <dt className="font-medium">Enforces</dt>
        <dd>
          <RuleCitation rule={rule} />
        </dd>
        <dt className="font-medium">Looks at</dt>
        <dd>{scopeText[rule.scope]}</dd>
      </dl>
      <section aria-labelledby="rule-why" className="mt-6">
        <h2 id="rule-why" className="text-lg font-semibold">
          Why it matters
        </h2>
        <p className="mt-1">{rule.explain}</p>
      </section>
      <section aria-labelledby="rule-fix" className="mt-6">
        <h2 id="rule-fix" className="text-lg font-semibold">
          How to fix it
        </h2>
        <p className="mt-1">{rule.fix}</p>
      </section>
    </article>
  );
}
