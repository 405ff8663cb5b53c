import type { Truncation } from '@switchyard/exchange';

/** The sentences that say what the capture caps left out, or none when nothing was. */
export function truncationLines(t: Truncation): string[] {
  const lines: string[] = [];
  if (t.framesDropped > 0) {
    const from = t.firstDroppedSeq !== undefined ? `, from frame #${t.firstDroppedSeq} on` : '';
    const plural = t.framesDropped === 1 ? 'frame' : 'frames';
    lines.push(`${t.framesDropped} ${plural} seen but not stored${from}.`);
  }
  if (t.framesCut > 0) {
    const what = t.framesCut === 1 ? 'stored frame has its' : 'stored frames have their';
    lines.push(`${t.framesCut} ${what} payload cut short (marked "cut" in the list).`);
  }
  if (t.bytesDropped > 0) lines.push(`${t.bytesDropped} payload bytes not stored in all.`);
  return lines;
}

/**
 * What the per-exchange capture caps dropped (frames, bytes) and which stored frames were cut:
 * a capped capture says so here, never silently.
 */
export function TruncationNotice({ truncation }: { truncation: Truncation }) {
  const lines = truncationLines(truncation);
  if (lines.length === 0) return null;
  return (
    <div
      role="note"
      aria-label="Capture truncated"
      data-testid="capture-truncated"
      className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <p className="font-medium">
        Capture truncated by its caps ({truncation.maxFrames} frames, {truncation.maxBytes} payload
        bytes per exchange)
      </p>
      <ul className="mt-1 list-disc pl-5">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
