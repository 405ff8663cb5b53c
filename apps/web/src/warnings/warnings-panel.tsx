import { Link } from 'react-router';
import type { ExchangeFinding } from '@switchyard/exchange';
import type { Evidence, RuleInfo } from '@switchyard/lint';

const badge: Record<string, string> = {
  error: 'bg-rose-100 text-rose-900 dark:bg-rose-900/60 dark:text-rose-100',
  warning: 'bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100',
  info: 'bg-sky-100 text-sky-900 dark:bg-sky-900/60 dark:text-sky-100',
};

const order: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** Reads the evidence of a finding defensively: captured findings are untrusted JSON. */
function evidenceOf(finding: ExchangeFinding): Partial<Evidence> {
  const e = finding.evidence;
  return typeof e === 'object' && e !== null ? (e as Partial<Evidence>) : {};
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Findings, errors first: severity, rule id, the RFC section that decides (linked), the
 * message (the rule id links to its page under /rules), the evidence (header, actual and expected values) and how to fix it. `rules` is the
 * lint catalog (`ruleCatalog()`); without it a finding still shows what it carries. Every
 * captured string is rendered as text.
 */
export function WarningsPanel({
  findings,
  rules,
  title = 'Warnings',
  empty = 'No findings: every rule that applies passed.',
}: {
  findings: readonly ExchangeFinding[];
  rules: readonly RuleInfo[] | undefined;
  title?: string;
  empty?: string;
}) {
  const byId = new Map((rules ?? []).map((r) => [r.id, r]));
  const sorted = [...findings].sort((a, b) => (order[a.severity] ?? 3) - (order[b.severity] ?? 3));
  return (
    <section aria-label={title} className="min-w-0">
      <h2 className="text-lg font-semibold">
        {title} <span className="text-sm font-normal text-zinc-500">({findings.length})</span>
      </h2>
      {sorted.length === 0 ? (
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-2">
          {sorted.map((finding, index) => {
            const rule = byId.get(finding.ruleId);
            const evidence = evidenceOf(finding);
            const actual = str(evidence.actual);
            const expected = str(evidence.expected);
            const header = str(evidence.header);
            return (
              <li
                key={`${finding.ruleId}-${index}`}
                data-testid="finding"
                data-rule={finding.ruleId}
                className="rounded-md border border-zinc-300 p-3 text-sm dark:border-zinc-700"
              >
                <div className="flex flex-wrap items-baseline gap-2">
                  <span
                    className={`rounded px-1.5 py-0.5 text-xs font-semibold uppercase ${badge[finding.severity] ?? badge.info}`}
                  >
                    {finding.severity}
                  </span>
                  {rule ? (
                    <Link
                      className="font-mono text-xs underline"
                      to={`/rules/${rule.id}`}
                      title={rule.title}
                    >
                      {finding.ruleId}
                    </Link>
                  ) : (
                    <code className="text-xs">{finding.ruleId}</code>
                  )}
                  {rule ? (
                    <a
                      className="text-xs text-teal-700 underline dark:text-teal-300"
                      href={rule.url}
                      target="_blank"
                      rel="noreferrer noopener"
                    >
                      {rule.rfc} §{rule.section}
                    </a>
                  ) : null}
                </div>
                <p className="mt-1 break-words">{finding.message}</p>
                {header || actual !== undefined || expected !== undefined ? (
                  <dl className="mt-1 grid grid-cols-[5.5rem_1fr] gap-x-2 font-mono text-xs">
                    {header ? (
                      <>
                        <dt className="font-sans font-medium">Header</dt>
                        <dd className="break-all">{header}</dd>
                      </>
                    ) : null}
                    {actual !== undefined ? (
                      <>
                        <dt className="font-sans font-medium">Received</dt>
                        <dd className="break-all">
                          <mark className="bg-rose-100 text-inherit dark:bg-rose-900/50">
                            {actual === '' ? '(empty)' : actual}
                          </mark>
                        </dd>
                      </>
                    ) : null}
                    {expected !== undefined ? (
                      <>
                        <dt className="font-sans font-medium">Expected</dt>
                        <dd className="break-all">{expected}</dd>
                      </>
                    ) : null}
                  </dl>
                ) : null}
                {rule ? (
                  <p className="mt-1 text-zinc-700 dark:text-zinc-300">
                    <span className="font-medium">Fix: </span>
                    {rule.fix}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
