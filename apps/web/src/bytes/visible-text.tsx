import { visibleTokens } from './visible-tokens.js';

const marker =
  'rounded-sm bg-zinc-200 px-0.5 text-[0.85em] text-zinc-600 dark:bg-zinc-700 dark:text-zinc-300';
const warning =
  'rounded-sm bg-rose-200 px-0.5 text-[0.85em] text-rose-900 dark:bg-rose-900 dark:text-rose-100';

/**
 * Renders untrusted text as React text nodes (never HTML) with CR, LF, TAB, control and
 * invisible characters shown as markers. After each LF a real line break follows, so a head
 * reads line by line (with `lineFeeds="plain"` an LF is just a line break, for bodies where
 * the markers are noise; CR and the rest stay marked). Use inside a <pre> or an element with `white-space: pre-wrap`.
 */
export function VisibleText({
  text,
  lineFeeds = 'marked',
}: {
  text: string;
  lineFeeds?: 'marked' | 'plain';
}) {
  const tokens = visibleTokens(text);
  return (
    <>
      {tokens.map((token, index) => {
        if (token.kind === 'text') return <span key={index}>{token.text}</span>;
        if (token.kind === 'lf' && lineFeeds === 'plain') return <span key={index}>{'\n'}</span>;
        const className = token.kind === 'control' || token.kind === 'invisible' ? warning : marker;
        return (
          <span key={index}>
            <abbr
              title={token.label}
              aria-label={token.label}
              className={`${className} no-underline`}
            >
              {token.shown}
            </abbr>
            {token.kind === 'lf' ? '\n' : null}
          </span>
        );
      })}
    </>
  );
}
