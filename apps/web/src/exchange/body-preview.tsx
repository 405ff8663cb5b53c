import { decodeBase64, type BodyCapture } from '@switchyard/exchange';
import { RawBytesView } from '../bytes/raw-bytes-view.js';

const encoder = new TextEncoder();

function bytesText(n: number): string {
  return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
}

/** Bytes of body the stored preview holds (decoded from base64 when it is base64). */
export function previewByteCount(body: BodyCapture): number {
  if (body.preview === undefined) return 0;
  if (body.previewEncoding === 'base64') return decodeBase64(body.preview)?.length ?? 0;
  return encoder.encode(body.preview).length;
}

/**
 * The one sentence that labels a body: its size (all of it, or so far while the exchange is
 * open), its media type, and, when the capture kept only a preview, how many of its first bytes
 * were stored: "Response body: 10000 bytes in total, text/plain; first 4096 bytes stored
 * (capture preview cap)".
 */
export function bodyLabel(title: string, body: BodyCapture, inProgress = false): string {
  const size = `${bytesText(body.size)}${inProgress ? ' so far' : body.truncated ? ' in total' : ''}`;
  const mime = body.mimeType ? `, ${body.mimeType}` : '';
  let stored = '';
  if (body.preview === undefined) stored = '; no preview stored';
  else if (body.truncated) {
    stored = `; first ${bytesText(previewByteCount(body))} stored (capture preview cap)`;
  }
  const encoding =
    body.preview !== undefined && body.previewEncoding === 'base64'
      ? ', shown in base64 (not UTF-8 text)'
      : '';
  return `${title}: ${size}${mime}${stored}${encoding}`;
}

/** A body's size and bounded preview; base64 previews are shown as base64, labelled. */
export function BodyPreview({
  title,
  body,
  inProgress = false,
}: {
  title: string;
  body: BodyCapture;
  /** The exchange is still open: the size is what arrived so far. */
  inProgress?: boolean;
}) {
  if (body.size === 0) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {title}: {inProgress ? 'none so far' : 'none'}.
      </p>
    );
  }
  // One statement of size: the view's own byte count would repeat it, or (truncated) count
  // only the preview without saying so.
  return (
    <RawBytesView
      title={bodyLabel(title, body, inProgress)}
      text={body.preview ?? ''}
      lineFeeds="plain"
      showBytes={false}
    />
  );
}
