// Partial dates drawn honestly on a chronology: a month spans the month, a year the year, a month-day date
// without a year has no place among dated ones, and ordering and overlap follow from those stretches.
import { describe, expect, it } from 'vitest';
import {
  compareRanges,
  daySpan,
  dayNumber,
  rangeProblem,
  rangesOverlap,
  rangeSpan,
  type PartialDateRange,
} from '../../../shared/date-spans';

const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return dayNumber(y!, m!, d!);
};

describe('the days a partial date covers', () => {
  it('"July 2006" is the whole month, "1996" the whole year, a day one day', () => {
    expect(daySpan('2006-07')).toEqual({ first: day('2006-07-01'), last: day('2006-07-31') });
    expect(daySpan('1996')).toEqual({ first: day('1996-01-01'), last: day('1996-12-31') });
    expect(daySpan('2024-11-08')).toEqual({ first: day('2024-11-08'), last: day('2024-11-08') });
  });

  it('counts days as the calendar does, in any year from 1 to 9999', () => {
    const viaDate = (y: number, m: number, d: number) => {
      const date = new Date(0);
      date.setUTCFullYear(y, m - 1, d);
      return Math.round(date.getTime() / 86_400_000);
    };
    expect(dayNumber(1970, 1, 1)).toBe(0);
    expect(dayNumber(2024, 11, 8)).toBe(Date.UTC(2024, 10, 8) / 86_400_000);
    for (const year of [1, 4, 99, 100, 400, 1600, 1900, 2000, 2023, 2024, 9999]) {
      for (const [month, d] of [
        [1, 1],
        [2, 28],
        [2, 29],
        [3, 1],
        [12, 31],
      ] as const) {
        expect(dayNumber(year, month, d)).toBe(viaDate(year, month, d));
      }
    }
  });

  it('knows February in leap years and years before 100', () => {
    expect(daySpan('2024-02')!.last - daySpan('2024-02')!.first).toBe(28);
    expect(daySpan('2023-02')!.last - daySpan('2023-02')!.first).toBe(27);
    expect(daySpan('0050')!.first).toBeLessThan(daySpan('1000')!.first);
  });

  it('circa names the same stretch; a date without a year covers none', () => {
    expect(daySpan('~2006-07')).toEqual(daySpan('2006-07'));
    expect(daySpan('--12-16')).toBeNull();
    expect(daySpan('not a date')).toBeNull();
  });
});

describe('ranges', () => {
  it('run from the first day of the start to the last day of the end', () => {
    expect(rangeSpan({ start: '2006-07', end: '2007' })).toEqual({
      first: day('2006-07-01'),
      last: day('2007-12-31'),
    });
  });

  it('refuse an end before the start and a mix of known and unknown years', () => {
    expect(rangeProblem({ start: '2024-11-08', end: '2024-11-07' })).toBe('The end comes before the start');
    expect(rangeProblem({ start: '2024-11', end: '2024-11-30' })).toBeNull();
    expect(rangeProblem({ start: '2024', end: '--12-16' })).toBe(
      'Both ends of a range need a year, or neither',
    );
    expect(rangeProblem({ start: '--12-20', end: '--12-16' })).toBe('The end comes before the start');
    expect(rangeSpan({ start: '2024-11-08', end: '2024-11-07' })).toBeNull();
  });
});

describe('chronological order', () => {
  it('orders by first day, the overview before its detail, and puts year-unknown dates last', () => {
    const dates: PartialDateRange[] = [
      { start: '--12-16' },
      { start: '2024-11-08' },
      { start: '2006-07' },
      { start: '--01-05' },
      { start: '2024-11' },
      { start: '1996' },
      { start: '2024' },
      { start: '2006-07-01', end: '2006-07-03' },
    ];
    expect([...dates].sort(compareRanges).map((d) => (d.end ? `${d.start}..${d.end}` : d.start))).toEqual([
      '1996',
      '2006-07',
      '2006-07-01..2006-07-03',
      '2024',
      '2024-11',
      '2024-11-08',
      '--01-05',
      '--12-16',
    ]);
  });
});

describe('overlap', () => {
  it('dated stretches overlap when they share a day', () => {
    expect(rangesOverlap({ start: '2006-07' }, { start: '2006' })).toBe(true);
    expect(rangesOverlap({ start: '2006-07' }, { start: '2006-07-14' })).toBe(true);
    expect(rangesOverlap({ start: '2006-07' }, { start: '2006-08' })).toBe(false);
    expect(rangesOverlap({ start: '2006-06-20', end: '2006-07-02' }, { start: '2006-07' })).toBe(true);
  });

  it('a year-unknown date overlaps nothing dated, and another only where month and day meet', () => {
    expect(rangesOverlap({ start: '--12-16' }, { start: '2024-12-16' })).toBe(false);
    expect(rangesOverlap({ start: '--12-16' }, { start: '--12-16' })).toBe(true);
    expect(rangesOverlap({ start: '--12-14', end: '--12-18' }, { start: '--12-16' })).toBe(true);
    expect(rangesOverlap({ start: '--12-16' }, { start: '--12-17' })).toBe(false);
  });
});
