import type { EchoPath } from './echo-paths-api.js';
import { PATH_ORDER, compareEchoPaths } from './echo-paths-compare.js';
import { PATH_INFO } from './echo-paths-format.js';

/**
 * Lets a long field name such as SETTINGS_ENABLE_CONNECT_PROTOCOL wrap after an underscore rather
 * than in the middle of a word.
 */
function BreakAfterUnderscores({ text }: { text: string }) {
  const parts = text.split('_');
  return (
    <>
      {parts.map((part, i) => (
        <span key={i}>
          {part}
          {i < parts.length - 1 ? (
            <>
              _<wbr />
            </>
          ) : null}
        </span>
      ))}
    </>
  );
}

const cell = 'block border-zinc-300 p-2 align-top md:table-cell md:border-t dark:border-zinc-700';

/**
 * What differs between the three paths, each row with the RFC sections that decide it. A
 * table from md up; on phones each row stacks (aspect, then one labelled value per path).
 */
export function EchoPathsTable({ paths }: { paths: readonly EchoPath[] }) {
  const rows = compareEchoPaths(paths);
  return (
    <div className="mt-3 md:overflow-x-auto">
      <table
        className="block w-full border-collapse text-left text-sm md:table md:min-w-[44rem] md:table-fixed"
        data-testid="echo-paths-table"
      >
        <caption className="sr-only">What differs between the three ways to reach the echo</caption>
        <thead className="hidden md:table-header-group">
          <tr>
            <th scope="col" className="w-1/4 p-2 font-medium">
              Aspect
            </th>
            {PATH_ORDER.map((key) => (
              <th key={key} scope="col" className="p-2 font-medium">
                {PATH_INFO[key].title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="block md:table-row-group">
          {rows.map((row) => (
            <tr
              key={row.id}
              data-testid={`compare-${row.id}`}
              className="block border-t border-zinc-300 py-2 md:table-row md:border-t-0 md:py-0 dark:border-zinc-700"
            >
              <th scope="row" className={`${cell} font-medium wrap-break-word`}>
                <BreakAfterUnderscores text={row.aspect} />
                <span className="mt-1 block text-xs font-normal">
                  {row.cites.map((c, i) => (
                    <span key={c.url}>
                      {i > 0 ? ', ' : ''}
                      <a
                        href={c.url}
                        rel="noopener noreferrer"
                        className="text-teal-700 underline dark:text-teal-300"
                      >
                        {c.label}
                      </a>
                    </span>
                  ))}
                </span>
              </th>
              {row.values.map((value, i) => (
                <td key={PATH_ORDER[i]} className={`${cell} wrap-break-word`}>
                  <span className="block text-xs text-zinc-600 md:hidden dark:text-zinc-400">
                    {PATH_INFO[PATH_ORDER[i]!].title}
                  </span>
                  {value}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
