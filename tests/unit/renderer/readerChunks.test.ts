// A long document is rendered in slices: a first screen's worth of text at once, then fixed-size chunks.
// Every block must land in exactly one slice, in order, or part of the text would never be shown.
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, chunkEnds } from '../../../renderer/features/reader/DocumentText';
import { trimmedRange } from '../../../renderer/features/reader/paintHighlights';
import type { Block } from '../../../shared/domain';

function paragraphs(count: number, length: number): Block[] {
  return Array.from({ length: count }, (_, i) => ({
    type: 'paragraph' as const,
    start: i * (length + 2),
    end: i * (length + 2) + length,
  }));
}

describe('chunkEnds', () => {
  it('renders a short document in one slice', () => {
    expect(chunkEnds(paragraphs(12, 300))).toEqual([12]);
    expect(chunkEnds([])).toEqual([]);
  });

  it('starts a long document with a few screens of text, then whole chunks, ending at the last block', () => {
    const blocks = paragraphs(3_542, 550);
    const ends = chunkEnds(blocks);
    // 8,000 characters of 550-character paragraphs: 15 blocks on the first screen, not hundreds.
    expect(ends[0]).toBe(15);
    expect(ends.at(-1)).toBe(blocks.length);
    for (let i = 1; i < ends.length; i++) {
      expect(ends[i]! - ends[i - 1]!).toBeGreaterThan(0);
      expect(ends[i]! - ends[i - 1]!).toBeLessThanOrEqual(CHUNK_SIZE);
    }
  });

  it('gives one huge first block a slice of its own', () => {
    expect(chunkEnds(paragraphs(3, 50_000))).toEqual([1, 3]);
  });
});

describe('trimmedRange', () => {
  it('drops the whitespace at the edges of a selection, as the saved highlight will', () => {
    const text = 'One two.\n\n  Three four.';
    expect(trimmedRange(text, { start: 3, end: 13 })).toEqual({ start: 4, end: 13 });
    expect(trimmedRange(text, { start: 8, end: 12 })).toBeNull();
  });
});
