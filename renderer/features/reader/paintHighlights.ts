// Highlights are drawn with the CSS Custom Highlight API: one Range per highlight registered in a Highlight
// per colour, so the document's DOM is never split or wrapped and a long document with thousands of
// highlights paints as fast as one without. Where highlights overlap, an extra "overlap" layer marks it.
import { HIGHLIGHT_COLORS } from '../../../shared/domain';
import type { AnchoredHighlight } from '../../store/reader';
import { BlockIndex } from './textOffsets';

const LAYER_PREFIX = 'dossier-';
const OVERLAP_LAYER = `${LAYER_PREFIX}overlap`;
const ACTIVE_LAYER = `${LAYER_PREFIX}active`;

export function highlightApiAvailable(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

/** Canonical ranges covered by two or more highlights (a sweep over start/end events). */
export function overlapSegments(ranges: { start: number; end: number }[]): { start: number; end: number }[] {
  const events: [number, number][] = [];
  for (const r of ranges) events.push([r.start, 1], [r.end, -1]);
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const segments: { start: number; end: number }[] = [];
  let depth = 0;
  let openedAt = 0;
  for (const [at, change] of events) {
    const before = depth;
    depth += change;
    if (before < 2 && depth >= 2) openedAt = at;
    if (before >= 2 && depth < 2 && at > openedAt) segments.push({ start: openedAt, end: at });
  }
  return segments;
}

/** Paints every highlight, by colour, and marks where they overlap. */
export function paintHighlights(root: HTMLElement, highlights: AnchoredHighlight[]): void {
  if (!highlightApiAvailable()) return;
  const blocks = new BlockIndex(root);
  const byColor = new Map<string, Range[]>(HIGHLIGHT_COLORS.map((c) => [c, []]));
  const anchored: { start: number; end: number }[] = [];
  for (const { highlight, anchor } of highlights) {
    const range = anchor ? renderedRange(blocks, anchor) : null;
    if (!range || !anchor) continue;
    byColor.get(highlight.color)?.push(range);
    anchored.push(anchor);
  }
  for (const [color, ranges] of byColor)
    CSS.highlights.set(`${LAYER_PREFIX}${color}`, new Highlight(...ranges));
  const overlaps = overlapSegments(anchored)
    .map((s) => blocks.rangeFor(s.start, s.end))
    .filter((r): r is Range => r !== null);
  CSS.highlights.set(OVERLAP_LAYER, new Highlight(...overlaps));
}

/** Marks the chosen highlight; choosing another repaints only this layer, not thousands of ranges. */
export function paintActiveHighlight(root: HTMLElement, active: AnchoredHighlight | undefined): void {
  if (!highlightApiAvailable()) return;
  const range = active?.anchor ? renderedRange(new BlockIndex(root), active.anchor) : null;
  CSS.highlights.set(ACTIVE_LAYER, range ? new Highlight(range) : new Highlight());
}

/** The DOM range of an anchor, cut at the end of what the reader has rendered so far. */
function renderedRange(blocks: BlockIndex, anchor: { start: number; end: number }): Range | null {
  if (anchor.start >= blocks.renderedEnd) return null;
  return blocks.rangeFor(anchor.start, Math.min(anchor.end, blocks.renderedEnd));
}

export function clearHighlights(): void {
  if (!highlightApiAvailable()) return;
  for (const name of [...HIGHLIGHT_COLORS.map((c) => `${LAYER_PREFIX}${c}`), OVERLAP_LAYER, ACTIVE_LAYER]) {
    CSS.highlights.delete(name);
  }
}
