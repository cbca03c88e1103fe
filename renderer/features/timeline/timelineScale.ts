// The timeline's time axis: a view is the day at the left edge and a scale in pixels per day, zoomed around a
// point (the pointer, or the middle for the keyboard) from centuries down to single days; and the ticks of the
// axis at a unit that suits the scale (days, months, years, decades…) with their labels.
import { MONTH_NAMES } from '../../../shared/dates';
import type { DaySpan } from '../../../shared/date-spans';

export interface TimelineView {
  /** The day (fractional) at the left edge. */
  start: number;
  /** Pixels per day. */
  scale: number;
}

/** Closest zoom: a day is this many pixels wide. */
export const MAX_SCALE = 240;
const DAYS_PER_YEAR = 365.2425;
/** Farthest zoom, at least: two centuries across the width. */
const WIDEST_YEARS = 200;

export function minScale(width: number, extent: DaySpan | null): number {
  const widest = width / (WIDEST_YEARS * DAYS_PER_YEAR);
  if (!extent) return widest;
  return Math.min(widest, width / ((extent.last - extent.first + 1) * 1.2));
}

export function clampScale(scale: number, width: number, extent: DaySpan | null): number {
  return Math.min(MAX_SCALE, Math.max(minScale(width, extent), scale));
}

/**
 * The view showing every dated event, with a narrow margin on the left and a wide one on the right, where the
 * last events' titles go; a single day is shown within about two months.
 */
export function fitView(extent: DaySpan | null, width: number, today: number): TimelineView {
  const span = extent ? Math.max(extent.last - extent.first + 1, 60) : 10 * DAYS_PER_YEAR;
  const visible = span / 0.75;
  const scale = clampScale(width / visible, width, extent);
  const first = extent ? extent.first : today - span / 2;
  return { start: first - 0.05 * (width / scale), scale };
}

/** Zooms by `factor` keeping the day under `x` (pixels from the left edge) where it is. */
export function zoomAt(
  view: TimelineView,
  factor: number,
  x: number,
  width: number,
  extent: DaySpan | null,
): TimelineView {
  const scale = clampScale(view.scale * factor, width, extent);
  const day = view.start + x / view.scale;
  return { start: day - x / scale, scale };
}

export function panBy(view: TimelineView, pixels: number): TimelineView {
  return { start: view.start + pixels / view.scale, scale: view.scale };
}

/** The calendar partial dates can name: years 1 to 9999. */
const FIRST_DAY = -719_162; // 1 January of year 1
const LAST_DAY = 2_932_896; // 31 December 9999

/**
 * Keeps the middle of the view within the dated events, so panning can never lose them off the screen (and
 * within years 1–9999 when nothing is dated).
 */
export function clampView(view: TimelineView, width: number, extent: DaySpan | null): TimelineView {
  const bounds = extent ?? { first: FIRST_DAY, last: LAST_DAY };
  const half = width / view.scale / 2;
  const middle = Math.min(bounds.last + 1, Math.max(bounds.first, view.start + half));
  return { start: middle - half, scale: view.scale };
}

/** The view showing the days `span` covers, with a margin, at a scale within bounds. */
export function viewOfSpan(span: DaySpan, width: number, extent: DaySpan | null): TimelineView {
  const days = Math.max(span.last - span.first + 1, 2);
  const scale = clampScale(width / (days * 1.2), width, extent);
  return { start: (span.first + span.last + 1) / 2 - width / scale / 2, scale };
}

export interface Tick {
  x: number;
  label: string;
}

export interface AxisTicks {
  /** Ticks at the unit that suits the scale. */
  minor: Tick[];
  /** The month or year the minor ticks belong to, at their start (and at the left edge). */
  context: Tick[];
  unit: string;
}

type UnitKind = 'day' | 'month' | 'year';

interface Unit {
  kind: UnitKind;
  step: number;
  /** Average length in days. */
  days: number;
}

const UNITS: Unit[] = [
  ...[1, 2, 5, 10, 15].map((step) => ({ kind: 'day' as const, step, days: step })),
  ...[1, 3, 6].map((step) => ({ kind: 'month' as const, step, days: step * 30.44 })),
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].map((step) => ({
    kind: 'year' as const,
    step,
    days: step * DAYS_PER_YEAR,
  })),
];

/** Ticks this far apart at least, so their labels fit. */
const MIN_TICK_PX = 64;

interface Civil {
  year: number;
  month: number;
  day: number;
}

function civil(day: number): Civil {
  const date = new Date(day * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function dayOf(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / 86_400_000);
}

const shortMonth = (month: number) => MONTH_NAMES[month - 1]!.slice(0, 3);

function unitFor(scale: number): Unit {
  return UNITS.find((unit) => unit.days * scale >= MIN_TICK_PX) ?? UNITS[UNITS.length - 1]!;
}

/** The first tick at or before `day` for the unit, and the tick after a tick. */
function tickStepper(unit: Unit): { floor(day: number): number; next(day: number): number } {
  if (unit.kind === 'day') {
    // Days of the month 1, 1 + step, …; the last stretch of a month runs to the 1st of the next.
    const valid = (d: number) => (d - 1) % unit.step === 0 && (unit.step === 1 || d + unit.step <= 32);
    const floor = (day: number) => {
      let d = Math.floor(day);
      while (!valid(civil(d).day)) d -= 1;
      return d;
    };
    return {
      floor,
      next(day) {
        let d = day + 1;
        while (!valid(civil(d).day)) d += 1;
        return d;
      },
    };
  }
  if (unit.kind === 'month') {
    return {
      floor(day) {
        const c = civil(Math.floor(day));
        return dayOf(c.year, c.month - ((c.month - 1) % unit.step), 1);
      },
      next(day) {
        const c = civil(day);
        return dayOf(c.year, c.month + unit.step, 1);
      },
    };
  }
  return {
    floor(day) {
      const year = civil(Math.floor(day)).year;
      return dayOf(year - (((year % unit.step) + unit.step) % unit.step), 1, 1);
    },
    next(day) {
      return dayOf(civil(day).year + unit.step, 1, 1);
    },
  };
}

function minorLabel(unit: Unit, c: Civil): string {
  if (unit.kind === 'day') return `${c.day} ${shortMonth(c.month)}`;
  if (unit.kind === 'month') return shortMonth(c.month);
  return String(c.year);
}

/** The month ("November 2024") or year a minor tick belongs to; null for year ticks. */
function contextOf(unit: Unit, c: Civil): string | null {
  if (unit.kind === 'day') return `${MONTH_NAMES[c.month - 1]} ${c.year}`;
  if (unit.kind === 'month') return String(c.year);
  return null;
}

/** Ticks across a view `width` pixels wide. */
export function axisTicks(view: TimelineView, width: number): AxisTicks {
  const unit = unitFor(view.scale);
  const stepper = tickStepper(unit);
  const endDay = view.start + width / view.scale;
  const minor: Tick[] = [];
  const context: Tick[] = [];
  let lastContext: string | null = null;
  for (let day = stepper.floor(view.start); day <= endDay; day = stepper.next(day)) {
    const c = civil(day);
    const x = (day - view.start) * view.scale;
    // Before year 1 there is nothing a partial date can name.
    if (c.year < 1) continue;
    if (x >= 0) minor.push({ x, label: minorLabel(unit, c) });
    const ctx = contextOf(unit, c);
    if (ctx !== null && ctx !== lastContext) {
      // The left edge names where the view starts; a boundary inside the view names what begins there.
      context.push({ x: Math.max(0, x), label: ctx });
      lastContext = ctx;
    }
  }
  // A boundary close to the left edge would draw over the edge's own label: the edge gives way.
  if (context.length > 1 && context[0]!.x === 0 && context[1]!.x < 120) context.shift();
  const kinds: Record<UnitKind, string> = { day: 'days', month: 'months', year: 'years' };
  return { minor, context, unit: unit.step === 1 ? kinds[unit.kind] : `${unit.step} ${kinds[unit.kind]}` };
}
