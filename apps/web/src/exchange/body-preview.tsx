import type { BodyCapture } from '@switchyard/exchange';
import { RawBytesView } from '../bytes/raw-bytes-view.js';

/** A body's size and bounded preview; base64 previews are shown as base64, labelled. */
export function BodyPreview({ title, body }: { title: string; body: BodyCapture }) {
  if (body.size === 0)
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">{title}: none.</p>;
  const label = `${title}: ${body.size} bytes${body.mimeType ? `, ${body.mimeType}` : ''}${
    body.truncated ? ', preview truncated' : ''
  }${body.previewEncoding === 'base64' ? ', preview in base64 (not UTF-8 text)' : ''}`;
  return <RawBytesView title={label} text={body.preview ?? ''} lineFeeds="plain" />;
}
