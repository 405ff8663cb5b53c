import { useId, useState, type ReactNode } from 'react';
import { RawBytesView } from '../bytes/raw-bytes-view.js';
import { HeaderEditor } from './header-editor.js';
import { setFieldValue } from './header-list-ops.js';
import { authorityOf, followHost } from './host-follow.js';
import { PresetPicker } from './preset-picker.js';
import { browserPresetContext, presets, type PresetContext } from './presets.js';
import { RequestLineFields } from './request-line-fields.js';
import { serializeRequest, type ComposedRequest } from './request-model.js';

/**
 * The request composer: presets, request-line, ordered headers, body, and the exact bytes the
 * request would put on the wire. `context` is injectable so tests get fixed keys and host.
 * `footer` renders below the form with the current request (the playground's target picker,
 * Send button and pre-flight warnings); `update` patches the request. `server` is the origin Send
 * goes to: while the Host line still names the previous server's authority (the user has not
 * edited it), it follows a change of `server` (RFC 9110 §7.2, see host-follow.ts), and presets
 * are built with that authority.
 */
export function Composer({
  context = browserPresetContext(),
  initial,
  server,
  footer,
}: {
  context?: PresetContext;
  /** The Server field (e.g. `https://example.test:8443`); omitted: Host never changes by itself. */
  server?: string | undefined;
  /** The request to start from (e.g. handed over from a capture); default: the first preset. */
  initial?: ComposedRequest | undefined;
  footer?: (
    request: ComposedRequest,
    update: (patch: Partial<ComposedRequest>) => void,
  ) => ReactNode;
}) {
  const [request, setRequest] = useState<ComposedRequest>(() => {
    if (initial) return initial;
    const first = presets[0];
    if (!first) throw new Error('no presets defined');
    return first.build(context);
  });
  const bodyId = useId();
  // The authority Host was last synced to: the last server text that parsed as a URL.
  const [authority, setAuthority] = useState(() =>
    server === undefined ? undefined : authorityOf(server),
  );
  const next = server === undefined ? undefined : authorityOf(server);
  if (next !== undefined && next !== authority) {
    // Adjusted while rendering (React's pattern for state derived from a changed prop).
    setAuthority(next);
    setRequest((current) => {
      const headers = followHost(current.headers, authority, next);
      return headers === current.headers ? current : { ...current, headers };
    });
  }
  const update = (patch: Partial<ComposedRequest>) =>
    setRequest((current) => ({ ...current, ...patch }));

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form
        className="flex min-w-0 flex-col gap-4"
        aria-label="Compose request"
        onSubmit={(e) => e.preventDefault()}
      >
        <PresetPicker
          onApply={(preset) =>
            setRequest(preset.build(authority ? { ...context, host: authority } : context))
          }
        />
        <RequestLineFields request={request} onChange={update} />
        <HeaderEditor fields={request.headers} onChange={(headers) => update({ headers })} />
        <div>
          <button
            type="button"
            onClick={() =>
              update({
                headers: setFieldValue(request.headers, 'Sec-WebSocket-Key', context.key()),
              })
            }
            className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            New Sec-WebSocket-Key
          </button>
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            16 random bytes from crypto.getRandomValues, base64-encoded (RFC 6455 §4.1).
          </p>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={bodyId} className="text-sm font-medium">
            Body
          </label>
          <textarea
            id={bodyId}
            value={request.body}
            onChange={(event) => update({ body: event.target.value })}
            rows={3}
            spellCheck={false}
            placeholder="(none)"
            className="rounded-md border border-zinc-300 bg-white p-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            Sent as typed; no Content-Length is added for you.
          </p>
        </div>
        {footer ? footer(request, update) : null}
      </form>
      <div className="min-w-0 lg:sticky lg:top-4 lg:self-start">
        <RawBytesView
          title="Request as it would be sent"
          text={serializeRequest(request)}
          testId="raw-request"
        />
      </div>
    </div>
  );
}
