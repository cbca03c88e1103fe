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

/**
 * The day number of a calendar date (proleptic Gregorian), for any year 1–9999: arithmetic rather than Date,
 * which is slower and reads years below 100 as 19xx. Month and day may run over (month 13, day 0) as with Date.
 */
export function dayNumber(year: number, month: number, day: number): number {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  // Days from civil (H. Hinnant): years start in March so the leap day comes last.
  const shifted = m <= 2 ? y - 1 : y;
  const era = Math.floor(shifted / 400);
  const yearOfEra = shifted - era * 400;
  const dayOfYear = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The calendar date of a day number (the inverse of dayNumber). */
export function civilDate(days: number): { year: number; month: number; day: number } {
  // Civil from days (H. Hinnant).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
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

/** Where a date or range sorts: dated ones (band 0) by first day then longer first; year-unknown (band 1) after. */
interface ChronologicalKey {
  band: 0 | 1;
  first: number;
  /** Negated last day, so the longer stretch comes first. */
  length: number;
}

function chronologicalKey(range: PartialDateRange): ChronologicalKey {
  const span = rangeSpan(range);
  if (span) return { band: 0, first: span.first, length: -span.last };
  return { band: 1, first: monthDayKey(range.start), length: -monthDayKey(range.end ?? range.start) };
}

function compareKeys(a: ChronologicalKey, b: ChronologicalKey): number {
  return a.band - b.band || a.first - b.first || a.length - b.length;
}

/**
 * Chronological order: by first day; on the same first day the longer stretch first ("2024" before
 * "2024-11" before "2024-11-08", as a reader expects an overview before its detail); year-unknown dates after
 * every dated one, by month and day.
 */
export function compareRanges(a: PartialDateRange, b: PartialDateRange): number {
  return compareKeys(chronologicalKey(a), chronologicalKey(b));
}

/**
 * Items sorted by compareRanges of their dates, then `tieBreak`. Each date is read once, not at every
 * comparison: sorting 10,000 events costs 10,000 parses instead of some 300,000.
 */
export function sortChronologically<T>(
  items: readonly T[],
  rangeOf: (item: T) => PartialDateRange,
  tieBreak: (a: T, b: T) => number,
): T[] {
  return items
    .map((item) => ({ item, key: chronologicalKey(rangeOf(item)) }))
    .sort((a, b) => compareKeys(a.key, b.key) || tieBreak(a.item, b.item))
    .map(({ item }) => item);
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
