import type { HeaderRequirement } from '@switchyard/catalog';

const levelText: Record<HeaderRequirement['level'], string> = {
  required: 'required',
  expected: 'expected',
  optional: 'optional',
};

/** The header fields a status requires, expects or may carry, each with why. */
export function HeaderRequirements({ headers }: { headers: HeaderRequirement[] }) {
  if (headers.length === 0) {
    return (
      <p className="text-zinc-700 dark:text-zinc-300">
        No header field is specific to this status.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-zinc-300 dark:border-zinc-700">
            <th scope="col" className="py-1 pr-3">
              Field
            </th>
            <th scope="col" className="py-1 pr-3">
              Level
            </th>
            <th scope="col" className="py-1 pr-3">
              Why
            </th>
            <th scope="col" className="py-1">
              Simulator default
            </th>
          </tr>
        </thead>
        <tbody>
          {headers.map((header) => (
            <tr
              key={header.name}
              className="border-b border-zinc-200 align-top dark:border-zinc-800"
            >
              <th scope="row" className="py-1.5 pr-3 font-mono font-medium">
                {header.name}
              </th>
              <td className="py-1.5 pr-3">{levelText[header.level]}</td>
              <td className="py-1.5 pr-3">{header.why}</td>
              <td className="py-1.5 font-mono break-all">{header.simulatorDefault ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
