import { useMemo } from 'react';
import type { ComposedRequest } from '../composer/request-model.js';
import { WarningsPanel } from '../warnings/warnings-panel.js';
import type { LintModule } from '../warnings/use-lint.js';

/**
 * Pre-flight: the lint rules that need only the request (`lintDraft`), run on the composed
 * request as it is typed (enabled header lines, in order).
 */
export function Preflight({
  request,
  lint,
}: {
  request: ComposedRequest;
  lint: LintModule | undefined;
}) {
  const findings = useMemo(() => {
    if (!lint) return undefined;
    return lint.lintDraft({
      method: request.method,
      target: request.target,
      httpVersion: request.version,
      headers: request.headers.filter((h) => h.enabled).map((h) => [h.name, h.value]),
    });
  }, [lint, request]);
  const rules = useMemo(() => lint?.ruleCatalog(), [lint]);
  if (!findings) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">Loading the lint rules…</p>;
  }
  return (
    <div data-testid="preflight">
      <WarningsPanel
        title="Pre-flight warnings"
        findings={findings}
        rules={rules}
        empty="No pre-flight findings for this request."
      />
    </div>
  );
}
