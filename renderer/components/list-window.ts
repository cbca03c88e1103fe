// The arithmetic of a virtual list whose rows all have one height: which rows a scroll position shows, where
// a key press moves the focus, and which row typing a few letters finds. Pure, so it is tested without a page.

/** The rows [first, last) to put in the page: those in view, a few either side, and the focused one. */
export function visibleRows(
  count: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
  overscan = 6,
): { first: number; last: number } {
  if (count === 0 || rowHeight <= 0) return { first: 0, last: 0 };
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(
    count,
    Math.ceil((scrollTop + Math.max(viewportHeight, rowHeight)) / rowHeight) + overscan,
  );
  return { first: Math.min(first, last), last };
}

/** Where a navigation key moves the focus from `from` (-1: nothing focused yet); null for other keys. */
export function keyTarget(key: string, from: number, count: number, rowsPerPage: number): number | null {
  if (count === 0) return null;
  const page = Math.max(1, rowsPerPage - 1);
  const at = from < 0 ? -1 : Math.min(from, count - 1);
  switch (key) {
    case 'ArrowDown':
      return at < 0 ? 0 : Math.min(count - 1, at + 1);
    case 'ArrowUp':
      return at < 0 ? 0 : Math.max(0, at - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return Math.min(count - 1, Math.max(0, at) + page);
    case 'PageUp':
      return Math.max(0, at - page);
    default:
      return null;
  }
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/**
 * The row typing `typed` finds: the first, after `from` and going round, whose text starts with it (letters
 * compared without case or accents). A single letter typed again moves on to the next row starting with it.
 */
export function typeaheadTarget(
  typed: string,
  from: number,
  count: number,
  textOf: (index: number) => string,
): number | null {
  const wanted = fold(typed);
  if (wanted === '' || count === 0) return null;
  const repeated = [...wanted].every((c) => c === wanted[0]);
  // "aa…" pressed on a row starting with "a" goes through the rows starting with "a", as list boxes do.
  const prefix = repeated ? wanted[0]! : wanted;
  const start = repeated ? from + 1 : Math.max(from, 0);
  for (let step = 0; step < count; step++) {
    const index = (((start + step) % count) + count) % count;
    if (fold(textOf(index)).startsWith(prefix)) return index;
  }
  return null;
}
