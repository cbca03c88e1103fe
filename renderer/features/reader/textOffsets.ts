// Maps between DOM positions in the reader and offsets in the document's canonical text. Each block element
// carries data-start (its first offset); its text nodes hold exactly canonical[start, end), so an offset is the
// block's start plus the characters before the point inside that block.
export const BLOCK_SELECTOR = '[data-start]';

function blockOf(node: Node, root: HTMLElement): HTMLElement | null {
  const element = node instanceof HTMLElement ? node : node.parentElement;
  const block = element?.closest<HTMLElement>(BLOCK_SELECTOR) ?? null;
  return block && root.contains(block) ? block : null;
}

function textLengthBefore(block: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(block, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

function blockStart(block: HTMLElement): number {
  return Number(block.dataset.start);
}

function blockEnd(block: HTMLElement): number {
  return Number(block.dataset.end);
}

/**
 * The canonical offset of a DOM point, or null when it is outside the reader. A point between blocks (on the
 * container itself) snaps to the nearest block edge in reading order.
 */
export function offsetFromPoint(root: HTMLElement, node: Node, offset: number): number | null {
  if (!root.contains(node)) return null;
  const block = blockOf(node, root);
  if (block) return blockStart(block) + textLengthBefore(block, node, offset);
  const blocks = Array.from(root.querySelectorAll<HTMLElement>(BLOCK_SELECTOR));
  const probe = document.createRange();
  probe.setStart(node, offset);
  for (const candidate of blocks) {
    // The first block that starts after the point: the point sits just before it.
    if (probe.comparePoint(candidate, 0) >= 0) return blockStart(candidate);
  }
  const last = blocks.at(-1);
  return last ? blockEnd(last) : null;
}

/** The canonical range covered by a DOM selection inside the reader, or null if it is empty or outside. */
export function rangeFromSelection(
  root: HTMLElement,
  selection: Selection | null,
): { start: number; end: number } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.commonAncestorContainer)) return null;
  const start = offsetFromPoint(root, range.startContainer, range.startOffset);
  const end = offsetFromPoint(root, range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/** The text node and offset inside it for a canonical offset, searching the block that contains it. */
function pointAt(
  block: HTMLElement,
  blockStartOffset: number,
  offset: number,
): { node: Node; offset: number } {
  let remaining = offset - blockStartOffset;
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (remaining <= node.length) return { node, offset: Math.max(0, remaining) };
    remaining -= node.length;
    last = node;
  }
  return last ? { node: last, offset: last.length } : { node: block, offset: 0 };
}

/**
 * The reader's block elements with their canonical ranges read once, so that turning thousands of highlights
 * into DOM ranges is a binary search over numbers rather than attribute reads.
 */
export class BlockIndex {
  readonly elements: HTMLElement[];
  private readonly starts: number[];
  private readonly ends: number[];

  constructor(root: HTMLElement) {
    this.elements = Array.from(root.querySelectorAll<HTMLElement>(BLOCK_SELECTOR));
    this.starts = this.elements.map(blockStart);
    this.ends = this.elements.map(blockEnd);
  }

  /** The canonical offset where the rendered blocks end (the reader renders long documents in chunks). */
  get renderedEnd(): number {
    return this.ends.at(-1) ?? 0;
  }

  /**
   * The index of the block holding an offset. `isEnd` tells whether the offset closes a range (then a block
   * ending exactly there is chosen over one starting there). Offsets between blocks snap to the nearer edge.
   */
  find(offset: number, isEnd: boolean): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = this.starts[mid]!;
      if (isEnd ? start < offset : start <= offset) {
        best = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (best < 0) return this.starts.length > 0 ? 0 : -1;
    if (offset > this.ends[best]! && !isEnd && best + 1 < this.starts.length) return best + 1;
    return best;
  }

  /** A DOM Range for canonical [start, end), clamped to rendered text. */
  rangeFor(start: number, end: number): Range | null {
    const first = this.find(start, false);
    const last = this.find(end, true);
    if (first < 0 || last < 0) return null;
    const from = pointAt(this.elements[first]!, this.starts[first]!, Math.max(start, this.starts[first]!));
    const to = pointAt(this.elements[last]!, this.starts[last]!, Math.min(end, this.ends[last]!));
    const range = document.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range.collapsed ? null : range;
  }
}
