// Partial dates are first-class (design.md §6): news gives "2024-11-08", "July 2006", "1996" or "December 16"
// without a year. We keep the precision the source gives and never invent the missing parts.
import { z } from 'zod';

/** `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `--MM-DD` (month and day, year unknown), optionally prefixed `~` (circa). */
export const PARTIAL_DATE_PATTERN = /^(~)?(?:(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?|--(\d{2})-(\d{2}))$/;

export type DatePrecision = 'year' | 'month' | 'day' | 'month-day';

export interface PartialDateParts {
  circa: boolean;
  year: number | null;
  month: number | null;
  day: number | null;
  precision: DatePrecision;
}

export function parsePartialDate(value: string): PartialDateParts | null {
  const m = PARTIAL_DATE_PATTERN.exec(value);
  if (!m) return null;
  const circa = m[1] === '~';
  if (m[5] !== undefined && m[6] !== undefined) {
    const month = Number(m[5]);
    const day = Number(m[6]);
    if (!validMonthDay(month, day, 2024)) return null;
    return { circa, year: null, month, day, precision: 'month-day' };
  }
  const year = Number(m[2]);
  const month = m[3] === undefined ? null : Number(m[3]);
  const day = m[4] === undefined ? null : Number(m[4]);
  if (month !== null && (month < 1 || month > 12)) return null;
  if (month !== null && day !== null && !validMonthDay(month, day, year)) return null;
  return { circa, year, month, day, precision: day !== null ? 'day' : month !== null ? 'month' : 'year' };
}

function validMonthDay(month: number, day: number, year: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

export const PartialDate = z
  .string()
  .max(16)
  .refine((v) => parsePartialDate(v) !== null, {
    message: 'Dates are YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD (optionally prefixed ~ for circa)',
  });

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Human form at the precision known: "8 November 2024", "July 2006", "1996", "16 December (year unknown)". */
export function formatPartialDate(value: string | null | undefined): string {
  if (!value) return '';
  const p = parsePartialDate(value);
  if (!p) return value;
  const prefix = p.circa ? 'c. ' : '';
  const monthName = p.month !== null ? MONTHS[p.month - 1] : '';
  switch (p.precision) {
    case 'year':
      return `${prefix}${p.year}`;
    case 'month':
      return `${prefix}${monthName} ${p.year}`;
    case 'day':
      return `${prefix}${p.day} ${monthName} ${p.year}`;
    case 'month-day':
      return `${prefix}${p.day} ${monthName} (year unknown)`;
  }
}

/**
 * A key that sorts dated values chronologically, coarser dates before finer ones within their span
 * ("2024" < "2024-11" < "2024-11-08"), and year-unknown dates after every dated one.
 */
export function partialDateSortKey(value: string | null | undefined): string {
  if (!value) return '~';
  const p = parsePartialDate(value);
  if (!p) return '~';
  if (p.year === null) return `9999-${pad(p.month)}-${pad(p.day)}`;
  return `${String(p.year).padStart(4, '0')}-${p.month === null ? '00' : pad(p.month)}-${p.day === null ? '00' : pad(p.day)}`;
}

function pad(n: number | null): string {
  return String(n ?? 0).padStart(2, '0');
}

export const MONTH_NAMES: readonly string[] = MONTHS;

/**
 * Builds a partial date from a form's fields, or explains what is wrong: a date editor asks for exactly the
 * parts its precision needs, and a month-day date is never given a year.
 */
export function composePartialDate(fields: {
  precision: DatePrecision;
  year?: number | null;
  month?: number | null;
  day?: number | null;
  circa?: boolean;
}): { value: string } | { error: string } {
  const { precision, year, month, day } = fields;
  const needYear = precision !== 'month-day';
  const needMonth = precision !== 'year';
  const needDay = precision === 'day' || precision === 'month-day';
  if (needYear && (year == null || !Number.isInteger(year) || year < 1 || year > 9999))
    return { error: 'Enter a year between 1 and 9999' };
  if (needMonth && (month == null || !Number.isInteger(month) || month < 1 || month > 12))
    return { error: 'Choose a month' };
  if (needDay && (day == null || !Number.isInteger(day) || day < 1 || day > 31))
    return { error: 'Enter a day between 1 and 31' };
  const circa = fields.circa ? '~' : '';
  const y = String(year).padStart(4, '0');
  const value =
    precision === 'year'
      ? `${circa}${y}`
      : precision === 'month'
        ? `${circa}${y}-${pad(month!)}`
        : precision === 'day'
          ? `${circa}${y}-${pad(month!)}-${pad(day!)}`
          : `${circa}--${pad(month!)}-${pad(day!)}`;
  if (!parsePartialDate(value)) return { error: `${MONTHS[month! - 1]} has no day ${day}` };
  return { value };
}
