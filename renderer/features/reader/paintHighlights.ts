// Highlights are drawn with the CSS Custom Highlight API: one Range per highlight registered in a Highlight
// per colour, so the document's DOM is never split or wrapped and a long document with thousands of
// highlights paints as fast as one without. Where highlights overlap, an extra "overlap" layer marks it.
//
// The painter keeps the Range it made for each highlight and only makes ranges for what changed: a long
// document's blocks arrive in slices, and each slice paints just the highlights it brought into the DOM;
// adding one highlight adds one range, not 5,000.
import { HIGHLIGHT_COLORS, type HighlightColor } from '../../../shared/domain';
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

interface Painted {
  range: Range;
  color: HighlightColor;
  start: number;
  /** Where the range ends: the highlight's end, or the end of the rendered text if that came first. */
  paintedEnd: number;
}

/** The canonical range [start, end) without the whitespace at either edge, as the main side stores it. */
export function trimmedRange(
  text: string,
  range: { start: number; end: number },
): { start: number; end: number } | null {
  let { start, end } = range;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

/**
 * Paints one reader's highlights and remembers what it painted. `sync` is cheap when little changed (a map
 * lookup per highlight), so it can run on every slice of blocks and every change of the list.
 */
export class HighlightPainter {
  private readonly painted = new Map<string, Painted>();
  private readonly overlaps = new Map<string, Range>();
  private readonly layers = new Map<HighlightColor, Highlight>();
  private overlapLayer: Highlight | null = null;
  private index: BlockIndex | null = null;
  private indexKey: unknown = null;

  /** The reader's blocks, read again only when the rendered blocks changed (`key`). */
  private blocks(root: HTMLElement, key?: unknown): BlockIndex {
    if (!this.index || key === undefined || key !== this.indexKey) {
      this.index = new BlockIndex(root);
      this.indexKey = key ?? null;
    }
    return this.index;
  }

  private layer(color: HighlightColor): Highlight {
    let layer = this.layers.get(color);
    if (!layer) {
      layer = new Highlight();
      this.layers.set(color, layer);
      CSS.highlights.set(`${LAYER_PREFIX}${color}`, layer);
    }
    return layer;
  }

  /**
   * Brings the painted ranges in line with `highlights` over what is rendered. `renderedKey` changes when
   * blocks are added to the DOM; `reset` starts over (another document, or its blocks were re-rendered).
   */
  sync(root: HTMLElement, highlights: AnchoredHighlight[], renderedKey: unknown, reset = false): void {
    if (!highlightApiAvailable()) return;
    if (reset) this.forget();
    const blocks = this.blocks(root, renderedKey);
    const renderedEnd = blocks.renderedEnd;
    const seen = new Set<string>();
    let changed = reset;
    for (const { highlight, anchor } of highlights) {
      if (!anchor || anchor.start >= renderedEnd) continue;
      const paintedEnd = Math.min(anchor.end, renderedEnd);
      const old = this.painted.get(highlight.id);
      seen.add(highlight.id);
      if (
        old &&
        old.color === highlight.color &&
        old.start === anchor.start &&
        old.paintedEnd === paintedEnd
      ) {
        continue;
      }
      changed = true;
      if (old) this.layer(old.color).delete(old.range);
      const range = blocks.rangeFor(anchor.start, paintedEnd);
      if (!range) {
        this.painted.delete(highlight.id);
        continue;
      }
      this.layer(highlight.color).add(range);
      this.painted.set(highlight.id, { range, color: highlight.color, start: anchor.start, paintedEnd });
    }
    for (const [id, old] of this.painted) {
      if (seen.has(id)) continue;
      this.layer(old.color).delete(old.range);
      this.painted.delete(id);
      changed = true;
    }
    if (changed) this.paintOverlaps(blocks);
  }

  /** The overlap layer, keeping the ranges of stretches that did not change. */
  private paintOverlaps(blocks: BlockIndex): void {
    const segments = overlapSegments(
      [...this.painted.values()].map((p) => ({ start: p.start, end: p.paintedEnd })),
    );
    if (!this.overlapLayer) {
      this.overlapLayer = new Highlight();
      CSS.highlights.set(OVERLAP_LAYER, this.overlapLayer);
    }
    const wanted = new Set<string>();
    for (const segment of segments) {
      const key = `${segment.start}:${segment.end}`;
      wanted.add(key);
      if (this.overlaps.has(key)) continue;
      const range = blocks.rangeFor(segment.start, segment.end);
      if (!range) continue;
      this.overlaps.set(key, range);
      this.overlapLayer.add(range);
    }
    for (const [key, range] of this.overlaps) {
      if (wanted.has(key)) continue;
      this.overlapLayer.delete(range);
      this.overlaps.delete(key);
    }
  }

  /**
   * Paints a passage at once, before it is saved, so the user sees the highlight in the next frame rather than
   * after a round trip to the project file. Returns what takes it away again (saved and painted for good,
   * or refused).
   */
  paintPending(root: HTMLElement, range: { start: number; end: number }, color: HighlightColor): () => void {
    if (!highlightApiAvailable()) return () => {};
    const domRange = this.blocks(root, this.indexKey ?? undefined).rangeFor(range.start, range.end);
    if (!domRange) return () => {};
    const layer = this.layer(color);
    layer.add(domRange);
    return () => void layer.delete(domRange);
  }

  /** Marks the chosen highlight; choosing another repaints only this layer, not thousands of ranges. */
  paintActive(root: HTMLElement, active: AnchoredHighlight | undefined, renderedKey: unknown): void {
    if (!highlightApiAvailable()) return;
    const anchor = active?.anchor;
    const blocks = this.blocks(root, renderedKey);
    const range =
      anchor && anchor.start < blocks.renderedEnd
        ? blocks.rangeFor(anchor.start, Math.min(anchor.end, blocks.renderedEnd))
        : null;
    CSS.highlights.set(ACTIVE_LAYER, range ? new Highlight(range) : new Highlight());
  }

  private forget(): void {
    for (const layer of this.layers.values()) layer.clear();
    this.overlapLayer?.clear();
    this.painted.clear();
    this.overlaps.clear();
    this.index = null;
  }

  /** Takes every layer off the page (the reader is leaving). */
  clear(): void {
    if (!highlightApiAvailable()) return;
    this.forget();
    for (const name of [...HIGHLIGHT_COLORS.map((c) => `${LAYER_PREFIX}${c}`), OVERLAP_LAYER, ACTIVE_LAYER]) {
      CSS.highlights.delete(name);
    }
    this.layers.clear();
    this.overlapLayer = null;
  }
}
