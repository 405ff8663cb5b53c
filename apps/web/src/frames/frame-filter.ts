import type { FrameJson } from '@switchyard/exchange';
import { payloadPreview } from '../exchange/frame-format.js';

/** What the frames panel shows. `opcode` is a number or `all`. */
export interface FrameFilter {
  direction: 'all' | 'client-to-server' | 'server-to-client';
  opcode: 'all' | number;
  /** Case-insensitive substring of the payload preview (text, close reason or hex). */
  search: string;
}

export const noFilter: FrameFilter = { direction: 'all', opcode: 'all', search: '' };

/** True when the filter lets every frame through (callers can skip copying the list). */
export function isOpen(filter: FrameFilter): boolean {
  return filter.direction === 'all' && filter.opcode === 'all' && filter.search.trim() === '';
}

/** The frames (of the first `count`) that pass the filter, in order. */
export function applyFilter(
  frames: readonly FrameJson[],
  count: number,
  filter: FrameFilter,
): readonly FrameJson[] {
  const needle = filter.search.trim().toLowerCase();
  const out: FrameJson[] = [];
  for (let i = 0; i < count && i < frames.length; i++) {
    const frame = frames[i]!;
    if (filter.direction !== 'all' && frame.direction !== filter.direction) continue;
    if (filter.opcode !== 'all' && frame.opcode !== filter.opcode) continue;
    if (needle && !payloadPreview(frame, 4096).toLowerCase().includes(needle)) continue;
    out.push(frame);
  }
  return out;
}
