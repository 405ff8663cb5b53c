import { usePageTitle } from './page-title.js';
import { UpcomingNotice } from './upcoming-notice.js';

/** `/rules` and `/rules/{id}`: the lint rules as documentation, once the lint package lands. */
export function RulesPage() {
  usePageTitle('Rules');
  return (
    <section aria-labelledby="rules-title" className="max-w-3xl">
      <h1 id="rules-title" className="text-2xl font-semibold">
        Rules
      </h1>
      <UpcomingNotice>
        The correctness rules (each with an id, a severity, the RFC section it enforces and how to
        fix what it finds) are being written in the lint package. This page will list them and give
        each one its own page at <code className="font-mono">/rules/&lt;id&gt;</code>.
      </UpcomingNotice>
    </section>
  );
}
