import { useParams } from 'react-router';
import { describeStatus, getStatus, statusClassOf } from '@switchyard/catalog';
import { InvalidStatusNotice } from '../status/invalid-status-notice.js';
import { StatusEntryView } from '../status/status-entry-view.js';
import { TryIt } from '../status/try-it.js';
import { UncataloguedStatus } from '../status/uncatalogued-status.js';
import { NotFoundPage } from './not-found-page.js';
import { usePageTitle } from './page-title.js';

/**
 * `/status/{code}`: one code's page. Any three-digit code in 100..599 has one, with Try it. A
 * catalog entry outside that range (999) has a page too, but no Try it: RFC 9110 §15 calls such
 * values invalid and the simulator serves 100..599 only.
 */
export function StatusPage() {
  const raw = useParams().code ?? '';
  const number = /^[1-9]\d\d$/.test(raw) ? Number(raw) : undefined;
  const valid = number !== undefined && statusClassOf(number) !== undefined;
  const invalidEntry = number !== undefined && !valid ? getStatus(number) : undefined;
  const described = valid ? describeStatus(number) : undefined;
  const reason = described?.entry?.reason ?? invalidEntry?.reason ?? '';
  usePageTitle(valid || invalidEntry ? `${raw} ${reason}`.trim() : 'Not found');
  if (invalidEntry) {
    return (
      <div className="max-w-4xl">
        <StatusEntryView entry={invalidEntry} />
        <InvalidStatusNotice code={invalidEntry.code} />
      </div>
    );
  }
  if (!valid || !described) return <NotFoundPage />;
  return (
    <div className="max-w-4xl">
      {described.entry ? (
        <StatusEntryView entry={described.entry} />
      ) : (
        <UncataloguedStatus code={number} classEntry={described.classEntry} />
      )}
      <TryIt key={number} code={number} />
    </div>
  );
}
