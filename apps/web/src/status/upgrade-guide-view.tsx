import type { UpgradeGuide } from '@switchyard/catalog';
import { SnippetBlock } from './snippet-block.js';

/** The 101/426 guide: producing the upgrade in common servers, proxy settings, a debugging checklist. */
export function UpgradeGuideView({ guide }: { guide: UpgradeGuide }) {
  return (
    <section aria-labelledby="upgrade-guide-title" className="mt-8">
      <h2 id="upgrade-guide-title" className="text-xl font-semibold">
        Upgrade guide
      </h2>
      {guide.servers.length > 0 ? (
        <>
          <h3 className="mt-4 font-semibold">In common servers</h3>
          <div className="mt-2 grid gap-4">
            {guide.servers.map((snippet) => (
              <SnippetBlock key={snippet.title} snippet={snippet} />
            ))}
          </div>
        </>
      ) : null}
      {guide.proxies.length > 0 ? (
        <>
          <h3 className="mt-6 font-semibold">Behind a reverse proxy</h3>
          <div className="mt-2 grid gap-4">
            {guide.proxies.map((snippet) => (
              <SnippetBlock key={snippet.title} snippet={snippet} />
            ))}
          </div>
        </>
      ) : null}
      {guide.checklist.length > 0 ? (
        <>
          <h3 className="mt-6 font-semibold">Debugging checklist</h3>
          <ol className="mt-2 list-decimal space-y-3 pl-6">
            {guide.checklist.map((item) => (
              <li key={item.step}>
                <p className="font-medium">{item.step}</p>
                <p className="text-zinc-700 dark:text-zinc-300">{item.detail}</p>
                {item.snippet ? (
                  <div className="mt-2">
                    <SnippetBlock snippet={item.snippet} />
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
