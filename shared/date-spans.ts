// Partial dates as stretches of time, for a chronology (issue 5). "July 2006" is every day of that month,
// "1996" every day of that year, "8 November 2024" one day; a range runs from the first day of its start to
// the last day of its end. A month-day date without a year ("16 December") covers no known stretch at all:
// it belongs in a "year unknown" band and is never placed at a made-up year. Circa marks a date as
// approximate without changing the stretch it names. Days are counted from 1970-01-01 (UTC), so comparing
// and drawing them is arithmetic.
import { parsePartialDate, type PartialDateParts } from './dates';

/** Inclusive span of days, counted from 1970-01-01. */
export interface DaySpan {
  first: number;
  last: number;
}

const MS_PER_DAY = 86_400_000;

/** The day number of a calendar date, for any year 1–9999 (Date.UTC would read years below 100 as 19xx). */
export function dayNumber(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / MS_PER_DAY);
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

function spanOfParts(p: PartialDateParts): DaySpan | null {
  if (p.year === null) return null;
  if (p.month === null) return { first: dayNumber(p.year, 1, 1), last: dayNumber(p.year, 12, 31) };
  if (p.day === null) {
    return {
      first: dayNumber(p.year, p.month, 1),
      last: dayNumber(p.year, p.month, daysInMonth(p.year, p.month)),
    };
  }
  const day = dayNumber(p.year, p.month, p.day);
  return { first: day, last: day };
}

/** The days a partial date covers; null when its year is unknown (or it is not a partial date). */
export function daySpan(value: string): DaySpan | null {
  const parts = parsePartialDate(value);
  return parts ? spanOfParts(parts) : null;
}

/** A date or a range of dates, each end a partial date (`end` null or absent for a single date). */
export interface PartialDateRange {
  start: string;
  end?: string | null;
}

/**
 * Why a range cannot be: an end before its start, or one end with a year and the other without. Null when it
 * is fine. Two year-unknown ends ("--12-16" to "--12-20") are a range within the same unknown year.
 */
export function rangeProblem(range: PartialDateRange): string | null {
  const start = parsePartialDate(range.start);
  if (!start) return 'The start is not a date';
  if (range.end == null) return null;
  const end = parsePartialDate(range.end);
  if (!end) return 'The end is not a date';
  if ((start.year === null) !== (end.year === null)) {
    return 'Both ends of a range need a year, or neither';
  }
  if (start.year === null) {
    const a = start.month! * 100 + start.day!;
    const b = end.month! * 100 + end.day!;
    return b < a ? 'The end comes before the start' : null;
  }
  return spanOfParts(end)!.last < spanOfParts(start)!.first ? 'The end comes before the start' : null;
}

/** The days a date or range covers; null in the year-unknown band (or when the range is not valid). */
export function rangeSpan(range: PartialDateRange): DaySpan | null {
  if (rangeProblem(range) !== null) return null;
  const first = daySpan(range.start);
  if (!first) return null;
  const last = range.end == null ? first : daySpan(range.end)!;
  return { first: first.first, last: last.last };
}

/** Month and day (as month × 100 + day) of a year-unknown date or range, for ordering within its band. */
function monthDayKey(value: string): number {
  const p = parsePartialDate(value);
  return p && p.month !== null && p.day !== null ? p.month * 100 + p.day : 0;
}

/**
 * Chronological order: by first day; on the same first day the longer stretch first ("2024" before
 * "2024-11" before "2024-11-08", as a reader expects an overview before its detail); year-unknown dates after
 * every dated one, by month and day.
 */
export function compareRanges(a: PartialDateRange, b: PartialDateRange): number {
  const sa = rangeSpan(a);
  const sb = rangeSpan(b);
  if (sa && sb) return sa.first - sb.first || sb.last - sa.last;
  if (sa) return -1;
  if (sb) return 1;
  return (
    monthDayKey(a.start) - monthDayKey(b.start) ||
    monthDayKey(b.end ?? b.start) - monthDayKey(a.end ?? a.start)
  );
}

/**
 * Whether two dates or ranges may name the same time. Dated stretches overlap when they share a day ("July
 * 2006" overlaps "2006" and "2006-07-14", not "2006-08"). A year-unknown date overlaps nothing dated (its year
 * could be any), and another year-unknown one only when their months and days meet.
 */
export function rangesOverlap(a: PartialDateRange, b: PartialDateRange): boolean {
  const sa = rangeSpan(a);
  const sb = rangeSpan(b);
  if (sa && sb) return sa.first <= sb.last && sb.first <= sa.last;
  if (sa || sb) return false;
  if (rangeProblem(a) !== null || rangeProblem(b) !== null) return false;
  const [a1, a2] = [monthDayKey(a.start), monthDayKey(a.end ?? a.start)];
  const [b1, b2] = [monthDayKey(b.start), monthDayKey(b.end ?? b.start)];
  return a1 <= b2 && b1 <= a2;
}
