// Which blocks a range of the canonical text touches. Blocks are sorted and do not overlap, so a binary
// search finds the first one; a selection spans few blocks even in a 200,000-word document.
import type { Block } from '../../../shared/domain';

export function blocksInRange(blocks: readonly Block[], start: number, end: number): number[] {
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (blocks[mid]!.end <= start) low = mid + 1;
    else high = mid;
  }
  const found: number[] = [];
  for (let i = low; i < blocks.length && blocks[i]!.start < end; i++) found.push(i);
  return found;
}
