import { useParams } from 'react-router';
import { describeStatus } from '@switchyard/catalog';
import { StatusEntryView } from '../status/status-entry-view.js';
import { TryIt } from '../status/try-it.js';
import { UncataloguedStatus } from '../status/uncatalogued-status.js';
import { NotFoundPage } from './not-found-page.js';
import { usePageTitle } from './page-title.js';

/** `/status/{code}`: one code's page with Try it; any three-digit code in 100..599 has one. */
export function StatusPage() {
  const raw = useParams().code ?? '';
  const code = /^[1-5]\d\d$/.test(raw) ? Number(raw) : undefined;
  const described = code === undefined ? undefined : describeStatus(code);
  usePageTitle(
    code === undefined ? 'Not found' : `${code} ${described?.entry?.reason ?? ''}`.trim(),
  );
  if (code === undefined || !described) return <NotFoundPage />;
  return (
    <div className="max-w-4xl">
      {described.entry ? (
        <StatusEntryView entry={described.entry} />
      ) : (
        <UncataloguedStatus code={code} classEntry={described.classEntry} />
      )}
      <TryIt key={code} code={code} />
    </div>
  );
}
