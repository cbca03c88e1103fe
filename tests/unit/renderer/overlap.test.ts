// Where highlights overlap, the reader marks the overlap; this is the sweep that finds it.
import { describe, expect, it } from 'vitest';
import { overlapSegments } from '../../../renderer/features/reader/paintHighlights';

describe('overlapSegments', () => {
  it('finds the stretch two highlights share', () => {
    expect(
      overlapSegments([
        { start: 0, end: 10 },
        { start: 5, end: 15 },
      ]),
    ).toEqual([{ start: 5, end: 10 }]);
  });

  it('merges a stretch shared by three, and ignores ranges that only touch', () => {
    expect(
      overlapSegments([
        { start: 0, end: 10 },
        { start: 2, end: 8 },
        { start: 4, end: 12 },
        { start: 12, end: 20 },
      ]),
    ).toEqual([{ start: 2, end: 10 }]);
  });

  it('reports nothing for separate highlights, and the whole range for identical ones', () => {
    expect(
      overlapSegments([
        { start: 0, end: 3 },
        { start: 5, end: 9 },
      ]),
    ).toEqual([]);
    expect(
      overlapSegments([
        { start: 3, end: 9 },
        { start: 3, end: 9 },
      ]),
    ).toEqual([{ start: 3, end: 9 }]);
  });
});
