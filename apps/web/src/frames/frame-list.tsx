import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { FrameJson } from '@switchyard/exchange';
import { VisibleText } from '../bytes/visible-text.js';
import { formatMicros, isCut, opcodeName, payloadPreview } from '../exchange/frame-format.js';
import { FrameDetail } from './frame-detail.js';
import { applyFilter, isOpen, noFilter, type FrameFilter } from './frame-filter.js';
import { FrameToolbar } from './frame-toolbar.js';

/** Every row has this height (px): fixed, so rows never shift as frames stream in. */
export const ROW_HEIGHT = 28;
const COLUMNS = 'grid-cols-[3.5rem_2.5rem_6.5rem_2rem_2.5rem_2.5rem_4.5rem_6rem_minmax(8rem,1fr)]';

/** Column headers, with what each means on the wire (RFC 6455 §5.2). */
const HEADERS: [string, string][] = [
  ['#', 'Sequence number, in the order the frames were seen'],
  ['Dir', 'Direction: C→S client to server, S→C server to client'],
  ['Opcode', 'Frame opcode (RFC 6455 §5.2, §11.8)'],
  ['FIN', 'FIN bit: 1 on the final fragment of a message (RFC 6455 §5.4)'],
  ['RSV', 'RSV1 RSV2 RSV3 bits; RSV1 marks a compressed message (RFC 7692 §6)'],
  ['Mask', 'MASK bit: clients mask, servers do not (RFC 6455 §5.1, §5.3)'],
  ['Length', 'Payload length on the wire, in bytes (compressed size when RSV1 is set)'],
  ['Time', 'Time since the exchange began'],
  ['Payload', 'Payload (inflated when compressed); close frames show code and reason'],
];

/** Marks a row whose payload the capture cap kept only in part: never a silent cut. */
function CutBadge() {
  return (
    <span
      title="Payload cut by the capture cap: only part of it was stored"
      className="mr-1 rounded-sm bg-amber-200 px-1 font-sans text-amber-950 dark:bg-amber-800 dark:text-amber-50"
    >
      cut
    </span>
  );
}

const bits = (f: FrameJson) => [f.rsv1, f.rsv2, f.rsv3].map((b) => (b ? '1' : '0')).join('');

/**
 * The frames of one WebSocket connection as a virtualised list (TanStack Virtual): only the
 * rows in view (plus a few) are in the DOM, so 100,000 frames scroll smoothly. `count` is how
 * many of `frames` to show (the list may grow in place while live; pausing freezes `count`).
 * With `follow`, the view sticks to the newest frame unless the reader scrolled up.
 */
export function FrameList({
  frames,
  count = frames.length,
  follow = false,
  height = 384,
  empty = 'No frames yet.',
}: {
  frames: readonly FrameJson[];
  count?: number;
  follow?: boolean;
  height?: number;
  /** What the list says when there is no frame at all (a finished capture: "none were sent"). */
  empty?: string;
}) {
  const [filter, setFilter] = useState<FrameFilter>(noFilter);
  const [selectedSeq, setSelectedSeq] = useState<number | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  const visible = useMemo(
    () => (isOpen(filter) ? null : applyFilter(frames, count, filter)),
    // `count` changes whenever the (mutable, append-only) list grows.
    [frames, count, filter],
  );
  const rows = visible ? visible.length : Math.min(count, frames.length);
  const rowAt = (index: number) => (visible ? visible[index] : frames[index]);

  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 800, height },
    // The scroller's height is fixed (`height`): where there is no layout to measure (a hidden
    // panel, a DOM without layout), fall back to it rather than render no rows at all.
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) =>
        cb(rect.height > 0 ? rect : { width: rect.width || 800, height }),
      ),
  });

  useEffect(() => {
    if (follow && atBottom.current && rows > 0)
      virtualizer.scrollToIndex(rows - 1, { align: 'end' });
  }, [follow, rows, virtualizer]);

  // A linear scan, only while a frame is selected (cheap next to rendering).
  let selectedIndex = -1;
  if (selectedSeq !== null) {
    for (let i = 0; i < rows; i++) {
      if (rowAt(i)?.seq === selectedSeq) {
        selectedIndex = i;
        break;
      }
    }
  }
  const selected = selectedIndex >= 0 ? rowAt(selectedIndex) : undefined;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (rows === 0) return;
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[event.key];
    let next: number | undefined;
    if (step !== undefined) next = Math.max(0, Math.min(rows - 1, selectedIndex + step));
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = rows - 1;
    if (next === undefined) return;
    event.preventDefault();
    const frame = rowAt(next);
    if (frame) setSelectedSeq(frame.seq);
    virtualizer.scrollToIndex(next);
  };

  return (
    <div className="flex min-w-0 flex-col gap-2">
      <FrameToolbar filter={filter} onChange={setFilter} shown={rows} total={count} />
      <p className="text-xs text-zinc-600 sm:hidden dark:text-zinc-400">
        Scroll the table sideways for length, time and payload; tap a row for every field.
      </p>
      <div className="overflow-x-auto rounded-md border border-zinc-300 dark:border-zinc-700">
        <div
          className="min-w-[43rem]"
          role="table"
          aria-label="Frames list"
          aria-rowcount={rows + 1}
        >
          <div role="rowgroup">
            <div
              role="row"
              aria-rowindex={1}
              className={`grid ${COLUMNS} gap-x-2 border-b border-zinc-300 bg-zinc-100 px-2 py-1 text-xs font-medium dark:border-zinc-700 dark:bg-zinc-800`}
            >
              {HEADERS.map(([h, title]) => (
                <span key={h} role="columnheader" title={title}>
                  {h}
                </span>
              ))}
            </div>
          </div>
          <div
            ref={scrollRef}
            role="rowgroup"
            aria-label="Frames: arrow keys select, Home and End jump"
            tabIndex={0}
            onKeyDown={onKeyDown}
            onScroll={(e) => {
              const el = e.currentTarget;
              atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 2;
            }}
            data-testid="frame-list"
            className="overflow-y-auto bg-white font-mono text-xs dark:bg-zinc-900"
            // Inset focus ring: the scroller sits in a clipping box, an outset one would be cut off.
            style={{ height, contain: 'strict', outlineOffset: -3 }}
          >
            {rows === 0 ? (
              <p role="status" className="p-2 font-sans text-sm text-zinc-600 dark:text-zinc-400">
                {count === 0 ? empty : 'No frame matches the filter.'}
              </p>
            ) : (
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {virtualizer.getVirtualItems().map((item) => {
                  const frame = rowAt(item.index);
                  if (!frame) return null;
                  const isSelected = frame.seq === selectedSeq;
                  const bad = frame.findings.length > 0;
                  return (
                    <div
                      key={frame.seq}
                      id={`frame-${frame.seq}`}
                      role="row"
                      aria-rowindex={item.index + 2}
                      aria-current={isSelected ? 'true' : undefined}
                      data-seq={frame.seq}
                      onClick={() => setSelectedSeq(frame.seq)}
                      className={`absolute top-0 left-0 grid w-full cursor-pointer ${COLUMNS} items-center gap-x-2 border-b border-zinc-100 px-2 whitespace-nowrap dark:border-zinc-800 ${
                        isSelected
                          ? 'bg-teal-100 dark:bg-teal-900/60'
                          : 'hover:bg-zinc-50 dark:hover:bg-zinc-800/60'
                      } ${bad ? 'text-rose-700 dark:text-rose-300' : ''}`}
                      style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                    >
                      <span role="cell">{frame.seq}</span>
                      <span role="cell" title={frame.direction}>
                        {frame.direction === 'client-to-server' ? 'C→S' : 'S→C'}
                      </span>
                      <span role="cell" className="overflow-hidden text-ellipsis">
                        {opcodeName(frame.opcode)}
                      </span>
                      <span role="cell">{frame.fin ? '1' : '0'}</span>
                      <span role="cell">{bits(frame)}</span>
                      <span role="cell">{frame.masked ? '1' : '0'}</span>
                      <span role="cell">{frame.payloadLength}</span>
                      <span role="cell">{formatMicros(frame.time)}</span>
                      <span role="cell" className="overflow-hidden text-ellipsis">
                        {isCut(frame) ? <CutBadge /> : null}
                        <VisibleText text={payloadPreview(frame, 200)} />
                      </span>
                    </div>
                  );
                })}
              </div>
            )}
          </div>
        </div>
      </div>
      {selected ? <FrameDetail frame={selected} /> : null}
    </div>
  );
}
