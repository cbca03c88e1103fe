// The library's list puts only the rows in view in the page; these are its choices of rows, of where a key
// moves the focus and of what typing finds.
import { describe, expect, it } from 'vitest';
import { keyTarget, typeaheadTarget, visibleRows } from '../../../renderer/components/list-window';

describe('visibleRows', () => {
  it('puts the rows in view and a few either side in the page, never past either end', () => {
    // 10,000 rows of 50 px, a 400 px viewport scrolled to row 100: rows 100–107 are in view.
    expect(visibleRows(10_000, 50, 5_000, 400, 6)).toEqual({ first: 94, last: 114 });
    expect(visibleRows(10_000, 50, 0, 400, 6)).toEqual({ first: 0, last: 14 });
    expect(visibleRows(10_000, 50, 10_000 * 50 - 400, 400, 6)).toEqual({ first: 9_986, last: 10_000 });
    expect(visibleRows(3, 50, 0, 400, 6)).toEqual({ first: 0, last: 3 });
  });

  it('shows something before the viewport is measured, and nothing for an empty list', () => {
    expect(visibleRows(100, 50, 0, 0, 0)).toEqual({ first: 0, last: 1 });
    expect(visibleRows(0, 50, 0, 400)).toEqual({ first: 0, last: 0 });
  });

  it('does not depend on how long the list is', () => {
    const a = visibleRows(1_000, 40, 2_000, 600);
    const b = visibleRows(1_000_000, 40, 2_000, 600);
    expect(b).toEqual(a);
    expect(a.last - a.first).toBeLessThan(30);
  });
});

describe('keyTarget', () => {
  it('moves one row with the arrows, stopping at the ends', () => {
    expect(keyTarget('ArrowDown', 4, 10, 5)).toBe(5);
    expect(keyTarget('ArrowDown', 9, 10, 5)).toBe(9);
    expect(keyTarget('ArrowUp', 4, 10, 5)).toBe(3);
    expect(keyTarget('ArrowUp', 0, 10, 5)).toBe(0);
  });

  it('starts at the first row when nothing had the focus', () => {
    expect(keyTarget('ArrowDown', -1, 10, 5)).toBe(0);
    expect(keyTarget('ArrowUp', -1, 10, 5)).toBe(0);
  });

  it('goes to either end with Home and End, and by a page less one row with Page Up and Down', () => {
    expect(keyTarget('Home', 7, 10, 5)).toBe(0);
    expect(keyTarget('End', 2, 10, 5)).toBe(9);
    expect(keyTarget('PageDown', 2, 100, 10)).toBe(11);
    expect(keyTarget('PageDown', 95, 100, 10)).toBe(99);
    expect(keyTarget('PageUp', 50, 100, 10)).toBe(41);
    expect(keyTarget('PageUp', 3, 100, 10)).toBe(0);
  });

  it('leaves other keys, and an empty list, alone', () => {
    expect(keyTarget('Enter', 2, 10, 5)).toBeNull();
    expect(keyTarget('a', 2, 10, 5)).toBeNull();
    expect(keyTarget('ArrowDown', -1, 0, 5)).toBeNull();
  });
});

describe('typeaheadTarget', () => {
  const titles = ['Ukraine talks', 'Évora meeting', 'energy deal', 'Maduro', 'euro zone', 'Mali'];
  const find = (typed: string, from: number) =>
    typeaheadTarget(typed, from, titles.length, (i) => titles[i]!);

  it('finds the first row starting with what was typed, without case or accents', () => {
    expect(find('ev', 0)).toBe(1);
    expect(find('ENE', 0)).toBe(2);
    expect(find('ma', 0)).toBe(3);
    expect(find('mal', 3)).toBe(5);
  });

  it('goes round from the focused row, and moves on when the same letter is typed again', () => {
    expect(find('e', 1)).toBe(2);
    expect(find('e', 4)).toBe(1);
    expect(find('ee', 2)).toBe(4);
    expect(find('m', 3)).toBe(5);
  });

  it('finds nothing for what no row starts with', () => {
    expect(find('zz', 0)).toBeNull();
    expect(find('', 0)).toBeNull();
  });
});
