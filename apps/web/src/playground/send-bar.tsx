import type { ComposedRequest } from '../composer/request-model.js';
import type { LintModule } from '../warnings/use-lint.js';
import { Preflight } from './preflight.js';
import { TargetPicker } from './target-picker.js';

/** Problem details of a failed send, shown as text (they may echo user input). */
export interface SendError {
  title: string;
  detail?: string | undefined;
}

/** Below the composer: where to send, the Send button, its error, and pre-flight warnings. */
export function SendBar({
  request,
  update,
  server,
  onServer,
  onSend,
  sending,
  error,
  lint,
}: {
  request: ComposedRequest;
  update: (patch: Partial<ComposedRequest>) => void;
  server: string;
  onServer: (server: string) => void;
  onSend: (request: ComposedRequest) => void;
  sending: boolean;
  error: SendError | null;
  lint: LintModule | undefined;
}) {
  return (
    <div className="flex flex-col gap-4">
      <TargetPicker
        server={server}
        onServer={onServer}
        target={request.target}
        onTarget={(target) => update({ target })}
      />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={() => onSend(request)}
          disabled={sending}
          className="rounded-md bg-teal-700 px-4 py-2 font-medium text-white hover:bg-teal-800 disabled:opacity-50"
        >
          {sending ? 'Sending…' : 'Send'}
        </button>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">
          The probe sends exactly the bytes shown, nothing added.
        </span>
      </div>
      {error ? (
        <div
          role="alert"
          className="rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-950 dark:border-rose-700 dark:bg-rose-950/40 dark:text-rose-100"
        >
          <p className="font-semibold">{error.title}</p>
          {error.detail ? <p className="mt-1 break-words">{error.detail}</p> : null}
        </div>
      ) : null}
      <Preflight request={request} lint={lint} />
    </div>
  );
}
