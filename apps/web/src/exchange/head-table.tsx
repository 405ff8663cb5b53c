import type { HeaderList } from '@switchyard/exchange';
import { VisibleText } from '../bytes/visible-text.js';

/** Header fields as a table, in wire order, names in their original case, duplicates kept. */
export function HeadTable({ headers, caption }: { headers: HeaderList; caption: string }) {
  if (headers.length === 0)
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">No header fields.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-zinc-300 dark:border-zinc-700">
            <th scope="col" className="w-10 py-1 pr-2">
              #
            </th>
            <th scope="col" className="py-1 pr-3">
              Name
            </th>
            <th scope="col" className="py-1">
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {headers.map(([name, value], index) => (
            <tr key={index} className="border-b border-zinc-200 align-top dark:border-zinc-800">
              <td className="py-1 pr-2 text-zinc-500">{index + 1}</td>
              <th
                scope="row"
                className="py-1 pr-3 font-mono font-medium break-words whitespace-pre-wrap"
              >
                <VisibleText text={name} />
              </th>
              <td className="py-1 font-mono break-all whitespace-pre-wrap">
                <VisibleText text={value} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
