import { useState } from 'react';
import { Link } from 'react-router';
import { recordHistory } from '../history/history-store.js';
import { SeverityBadge } from '../rules/severity-badge.js';
import type { LabStep } from './lab-steps.js';
import { runStep, type StepOutcome } from './run-step.js';

type State = { phase: 'idle' } | { phase: 'running' } | { phase: 'done'; outcome: StepOutcome };

/** The request a step sends, as wire text (CRLF shown as line breaks). */
function wireText(step: LabStep, host: string): string {
  const lines = [`GET ${step.path} ${step.version}`, `Host: ${host}`];
  for (const [name, value] of step.headers) lines.push(`${name}: ${value}`);
  return lines.join('\n');
}

/** One lab step: what to do, the request, a button that sends it, and the check's verdict. */
export function LabStepCard({
  step,
  number,
  origin,
}: {
  step: LabStep;
  number: number;
  origin: string;
}) {
  const [state, setState] = useState<State>({ phase: 'idle' });
  const host = new URL(origin).host;
  const titleId = `lab-step-${step.id}`;

  const run = async () => {
    setState({ phase: 'running' });
    const outcome = await runStep(step, origin);
    if (outcome.kind === 'checked') {
      const { exchange } = outcome;
      recordHistory({
        id: exchange.id,
        summary: `${exchange.request.method} ${exchange.request.target}`,
        ...(exchange.response ? { status: exchange.response.status } : {}),
      });
    }
    setState({ phase: 'done', outcome });
  };

  return (
    <li
      aria-labelledby={titleId}
      className="min-w-0 rounded-md border border-zinc-300 p-4 dark:border-zinc-700"
      data-testid={`lab-step-${step.id}`}
    >
      <h2 id={titleId} className="text-lg font-semibold">
        Step {number}: {step.title}
      </h2>
      <p className="mt-1">{step.goal}</p>
      <p className="mt-1 text-sm">
        <a
          href={step.cite.url}
          rel="noopener noreferrer"
          className="text-teal-700 underline dark:text-teal-300"
        >
          {step.cite.label}
        </a>
      </p>
      <pre className="mt-3 overflow-x-auto rounded-md border border-zinc-300 bg-white p-3 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900">
        <code>{wireText(step, host)}</code>
      </pre>
      <button
        type="button"
        onClick={() => void run()}
        disabled={state.phase === 'running'}
        className="mt-3 rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-60"
      >
        {state.phase === 'running' ? 'Sending…' : `Send step ${number}`}
      </button>
      <div aria-live="polite" className="mt-3">
        {state.phase === 'done' ? <StepResult outcome={state.outcome} /> : null}
      </div>
    </li>
  );
}

function StepResult({ outcome }: { outcome: StepOutcome }) {
  if (outcome.kind === 'failed') {
    return (
      <p role="alert" className="text-rose-700 dark:text-rose-300">
        {outcome.message}
      </p>
    );
  }
  const { exchange, verdict } = outcome;
  const response = exchange.response;
  return (
    <div className="grid gap-2">
      <p
        data-testid="lab-verdict"
        className={`font-semibold ${verdict.passed ? 'text-emerald-700 dark:text-emerald-300' : 'text-rose-700 dark:text-rose-300'}`}
      >
        {verdict.passed ? '✓ Passed' : '✗ Not yet'}
      </p>
      {verdict.reasons.length > 0 ? (
        <ul className="list-disc pl-6 text-sm">
          {verdict.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : null}
      <p className="text-sm">
        Your capture:{' '}
        <span className="font-mono">
          {response ? `${response.status} ${response.reason}` : 'no final response'}
        </span>{' '}
        ·{' '}
        <Link
          to={`/x/${encodeURIComponent(exchange.id)}`}
          className="text-teal-700 underline dark:text-teal-300"
        >
          open the exchange
        </Link>
      </p>
      {exchange.findings.length > 0 ? (
        <div>
          <h3 className="text-sm font-medium">Warnings in your capture</h3>
          <ul className="mt-1 grid gap-1 text-sm">
            {exchange.findings.map((finding, index) => (
              <li key={index}>
                <SeverityBadge severity={finding.severity} /> {finding.message} (
                <Link
                  to={`/rules/${finding.ruleId}`}
                  className="font-mono text-xs text-teal-700 underline dark:text-teal-300"
                >
                  {finding.ruleId}
                </Link>
                )
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-sm">No warnings: the exchange follows every rule.</p>
      )}
    </div>
  );
}
