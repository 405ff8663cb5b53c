/**
 * RULES.md (the list of rule ids, for humans and reviewers) is generated from the registry; this
 * test fails when they drift. Regenerate with `pnpm --filter @switchyard/lint test -u`. The
 * output is a plain list, which prettier leaves as it is.
 */
import { expect, it } from 'vitest';
import { rules } from '../src/index.js';

function rulesMarkdown(): string {
  const lines = [
    '# Lint rules',
    '',
    'Generated from `src/registry.ts` by `test/rules-doc.test.ts` (run the tests with `-u` to',
    'update). Ids are stable and never reused.',
    '',
    `${rules.length} rules.`,
  ];
  let group = '';
  for (const r of rules) {
    const g = r.id.split('/')[0]!;
    if (g !== group) {
      group = g;
      lines.push('', `## ${g}`, '');
    }
    lines.push(`- \`${r.id}\` (${r.severity}, [${r.rfc} §${r.section}](${r.url})): ${r.title}`);
  }
  return `${lines.join('\n')}\n`;
}

it('RULES.md lists every rule', async () => {
  await expect(rulesMarkdown()).toMatchFileSnapshot('../RULES.md');
});
